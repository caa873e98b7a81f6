import { InputError } from '@backstage/errors';
import { PolicyRuleTypeInfo, policyRuleTypeNameSchema } from '@juanie/plugin-juanie-common';
import { JuaniePolicyRulesExtensionPoint, PolicyRuleType } from '@juanie/plugin-juanie-node';
import { z } from 'zod';
import { builtInPolicyRuleTypes } from './rules/builtInPolicyRuleTypes';

/**
 * The rule types policies can use: the built-in ones and those other backend modules add
 * through `juaniePolicyRulesExtensionPoint` while the backend starts.
 */
export class PolicyRuleTypeRegistry {
  private readonly ruleTypes = new Map<string, PolicyRuleType<any>>();
  private readonly builtIn = new Set<string>();
  private closed = false;

  constructor() {
    this.add(...builtInPolicyRuleTypes);
    builtInPolicyRuleTypes.forEach(ruleType => this.builtIn.add(ruleType.type));
  }

  /** What `env.registerExtensionPoint(juaniePolicyRulesExtensionPoint, ...)` hands out. */
  readonly extensionPoint: JuaniePolicyRulesExtensionPoint = {
    addRuleType: (...ruleTypes) => this.add(...ruleTypes),
  };

  /** Adds rule types; names are unique. Too late once policies are served. */
  add(...ruleTypes: PolicyRuleType<any>[]): void {
    for (const ruleType of ruleTypes) {
      if (this.closed) {
        throw new Error(`Policy rule type '${ruleType.type}' was added after the juanie plugin started`);
      }
      if (!policyRuleTypeNameSchema.safeParse(ruleType.type).success) {
        throw new Error(`Policy rule type name '${ruleType.type}' is not valid: use letters, digits, . _ -`);
      }
      if (this.ruleTypes.has(ruleType.type)) {
        throw new Error(`Policy rule type '${ruleType.type}' is already registered`);
      }
      this.ruleTypes.set(ruleType.type, ruleType);
    }
  }

  /** No more rule types: called when the policy service is built. */
  close(): void {
    this.closed = true;
  }

  get(type: string): PolicyRuleType<any> | undefined {
    return this.ruleTypes.get(type);
  }

  /** Parses a policy's params with its rule type's schema; a 400 that names what is wrong. */
  parseParams(type: string, params: unknown): unknown {
    const ruleType = this.get(type);
    if (!ruleType) {
      const known = [...this.ruleTypes.keys()].join(', ');
      throw new InputError(`Invalid policy: type: unknown rule type '${type}'; known types are ${known}`);
    }
    // The module's own schema (maybe of another zod copy): only safeParse is relied upon.
    // Absent params read as none, so the message names each missing field.
    const result = ruleType.paramsSchema.safeParse(params ?? {});
    if (result.success) return result.data;
    const problems = result.error.issues.map(
      issue => `${['params', ...issue.path].join('.')}: ${issue.message}`,
    );
    throw new InputError(`Invalid policy: ${problems.join('; ')}`);
  }

  /** What a policy can check, for clients that build policies. */
  list(): PolicyRuleTypeInfo[] {
    return [...this.ruleTypes.values()].map(ruleType => ({
      type: ruleType.type,
      title: ruleType.title,
      description: ruleType.description,
      builtIn: this.builtIn.has(ruleType.type),
      paramsSchema: jsonSchemaOf(ruleType.paramsSchema),
    }));
  }
}

/** A JSON Schema of the params for forms; rule types whose schema cannot be one have none. */
function jsonSchemaOf(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return undefined;
  }
}
