import {
  builtInPolicyRuleParamsSchemas,
  BuiltInPolicyRuleType,
  createPolicySchema,
  Policy,
  PolicyEnforcement,
  PolicyScope,
  updatePolicySchema,
  WeekDay,
} from '@juanie/plugin-juanie-common';
import type { z } from 'zod';

/** Resources `requireResources` can ask for. */
export const RESOURCE_NAMES = ['cpu', 'memory'] as const;
/** @see RESOURCE_NAMES */
export type ResourceName = (typeof RESOURCE_NAMES)[number];

/** The kinds of environment `minApprovals` counts approvals for. */
export const APPROVAL_KINDS = ['production', 'staging', 'development'] as const;

/** The policy dialog's fields as the inputs hold them; params of every rule type side by side. */
export interface PolicyFormValues {
  title: string;
  description: string;
  type: string;
  enforcement: PolicyEnforcement;
  enabled: boolean;
  /** The environment of a new project policy; blank for the whole project. */
  environment: string;
  patterns: string;
  labels: string;
  requests: ResourceName[];
  limits: ResourceName[];
  max: string;
  window: 'oneOff' | 'weekly';
  timeZone: string;
  start: string;
  end: string;
  days: WeekDay[];
  from: string;
  to: string;
  production: string;
  staging: string;
  development: string;
  /** The params of a rule type from a backend module, as JSON. */
  paramsJson: string;
}

/** True for the rule types juanie-common defines the params of. */
export function isBuiltInRuleType(type: string): type is BuiltInPolicyRuleType {
  return Object.prototype.hasOwnProperty.call(
    builtInPolicyRuleParamsSchemas,
    type,
  );
}

/** The help text of one param of a built-in rule type, as its schema describes it. */
export function paramHelp(type: string, param: string): string | undefined {
  if (!isBuiltInRuleType(type)) return undefined;
  const schema = builtInPolicyRuleParamsSchemas[type] as unknown as {
    shape?: Record<string, { description?: string } | undefined>;
  };
  return schema.shape?.[param]?.description;
}

const listOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map(item => item.trim())
    .filter(Boolean);
const numberOrNothing = (text: string) =>
  text.trim() === '' ? undefined : Number(text);
const textOrNothing = (text: string) => text.trim() || undefined;

/** Fields a form left blank stay out of the params: the schema names what is missing. */
function withoutBlanks(params: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(params).filter(([, value]) => value !== undefined),
  );
}

/** Text that is not JSON: the check below says so at the params field. */
class UnreadableJson {
  constructor(readonly text: string) {}
}

/** The params the form's fields say, in the shape of the rule type's schema. */
export function paramsOf(values: PolicyFormValues): unknown {
  switch (values.type) {
    case 'noLatestTag':
    case 'requireDigest':
      return {};
    case 'allowedRegistries':
      return { patterns: listOf(values.patterns) };
    case 'requiredLabels':
      return { labels: listOf(values.labels) };
    case 'requireResources':
      return withoutBlanks({
        requests: values.requests.length ? values.requests : undefined,
        limits: values.limits.length ? values.limits : undefined,
      });
    case 'maxReplicas':
      return withoutBlanks({ max: numberOrNothing(values.max) });
    case 'freezeWindow':
      return values.window === 'oneOff'
        ? withoutBlanks({
            timeZone: values.timeZone.trim(),
            start: textOrNothing(values.start),
            end: textOrNothing(values.end),
          })
        : withoutBlanks({
            timeZone: values.timeZone.trim(),
            days: values.days.length ? values.days : undefined,
            from: textOrNothing(values.from),
            to: textOrNothing(values.to),
          });
    case 'minApprovals':
      return {
        byKind: withoutBlanks(
          Object.fromEntries(
            APPROVAL_KINDS.map(kind => [kind, numberOrNothing(values[kind])]),
          ),
        ),
      };
    default:
      try {
        return values.paramsJson.trim() ? JSON.parse(values.paramsJson) : {};
      } catch {
        return new UnreadableJson(values.paramsJson);
      }
  }
}

/**
 * The rule's own check on a policy request: the params of a built-in rule type
 * are checked with the very schema the server checks them with; those of a
 * module's rule type are left to the server.
 */
function checkRuleParams(
  request: { type?: string; params?: unknown },
  ctx: z.RefinementCtx,
) {
  const { type, params } = request;
  if (params instanceof UnreadableJson) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be JSON, e.g. {"max": 3}',
      path: ['params'],
    });
    return;
  }
  if (type === undefined || !isBuiltInRuleType(type)) return;
  const result = builtInPolicyRuleParamsSchemas[type].safeParse(params ?? {});
  for (const issue of result.success ? [] : result.error.issues) {
    ctx.addIssue({
      code: 'custom',
      message: issue.message,
      path: ['params', ...issue.path],
    });
  }
}

/** `POST /policies` with the rule's params checked. */
export const createPolicyFormSchema =
  createPolicySchema.superRefine(checkRuleParams);
/** `PATCH /policies/{id}` with the rule's params checked. */
export const updatePolicyFormSchema =
  updatePolicySchema.superRefine(checkRuleParams);

const joined = (list: unknown) =>
  Array.isArray(list) ? list.map(String).join(', ') : '';
const text = (value: unknown) =>
  value === undefined || value === null ? '' : String(value);

/** Starting values: the policy being edited, or a new enforced `noLatestTag` policy. */
export function policyFormValues(policy?: Policy): PolicyFormValues {
  const params = (policy?.params ?? {}) as Record<string, any>;
  const byKind = (params.byKind ?? {}) as Record<string, unknown>;
  return {
    title: policy?.title ?? '',
    description: policy?.description ?? '',
    type: policy?.type ?? 'noLatestTag',
    enforcement: policy?.enforcement ?? 'enforce',
    enabled: policy?.enabled ?? true,
    environment: policy?.scope.environment ?? '',
    patterns: joined(params.patterns),
    labels: joined(params.labels),
    requests: Array.isArray(params.requests) ? params.requests : [],
    limits: Array.isArray(params.limits) ? params.limits : [],
    max: text(params.max),
    window: params.start !== undefined ? 'oneOff' : 'weekly',
    timeZone: text(params.timeZone) || 'UTC',
    start: text(params.start),
    end: text(params.end),
    days: Array.isArray(params.days) ? params.days : [],
    from: text(params.from),
    to: text(params.to),
    production: text(byKind.production),
    staging: text(byKind.staging),
    development: text(byKind.development),
    paramsJson:
      policy && !isBuiltInRuleType(policy.type)
        ? JSON.stringify(policy.params ?? {}, null, 2)
        : '{}',
  };
}

/** The fields every request sends. */
function commonFields(values: PolicyFormValues) {
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    type: values.type,
    params: paramsOf(values),
    enforcement: values.enforcement,
    enabled: values.enabled,
  };
}

/** The body of `POST /policies` for a policy on `scope` (an environment if the form names one). */
export function toCreatePolicyRequest(scope: PolicyScope) {
  return (values: PolicyFormValues) => ({
    scope:
      scope.project && values.environment
        ? { ...scope, environment: values.environment }
        : scope,
    ...commonFields(values),
  });
}

/** The body of `PATCH /policies/{id}`. */
export function toUpdatePolicyRequest(values: PolicyFormValues) {
  return commonFields(values);
}
