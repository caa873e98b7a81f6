import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ApprovalRule,
  createPolicySchema,
  EnvironmentKind,
  Policy,
  PolicyEvaluation,
  PolicyScope,
  PolicyViolation,
  updatePolicySchema,
} from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CommittedChange } from '../audit/AuditTrail';
import { OrganizationService } from '../orgs/OrganizationService';
import { OrganizationRecord } from '../orgs/OrganizationStore';
import { EnvironmentService } from '../projects/EnvironmentService';
import { EnvironmentRecord } from '../projects/EnvironmentStore';
import { ProjectService } from '../projects/ProjectService';
import { ProjectRecord } from '../projects/ProjectStore';
import { CheckedPolicy, evaluatePolicies, PolicyEvaluationRequest } from './evaluatePolicies';
import { PolicyRuleTypeRegistry } from './PolicyRuleTypeRegistry';
import { PolicyRecord, PolicyStore } from './PolicyStore';

const MAX_PARAMS_LENGTH = 64 * 1024;
/** The rule types that judge an environment's approval rule, checked whenever the rule changes. */
const APPROVAL_RULE_POLICY_TYPES = ['minApprovals'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A policy scope with its records: what permissions and the store need. */
export interface ResolvedPolicyScope {
  scope: PolicyScope;
  org: OrganizationRecord;
  project?: ProjectRecord;
  environment?: EnvironmentRecord;
}

/** What the policy service needs. */
export interface PolicyServiceDependencies {
  store: PolicyStore;
  ruleTypes: PolicyRuleTypeRegistry;
  orgs: Pick<OrganizationService, 'get'>;
  projects: Pick<ProjectService, 'get'>;
  environments: Pick<EnvironmentService, 'get'>;
  logger?: LoggerService;
}

/** `org`, `org/project` or `org/project/environment`. */
export const scopeName = (scope: PolicyScope) =>
  [scope.org, scope.project, scope.environment].filter(Boolean).join('/');

const publicPolicy = (record: PolicyRecord, problem?: string): Policy => {
  const { organizationId, projectId, environmentId, ...policy } = record;
  return problem ? { ...policy, problem } : policy;
};

/** The 404 of a policy that does not exist, or that the caller cannot see. */
export function unknownPolicy(id: string): NotFoundError {
  return new NotFoundError(`Policy '${id}' does not exist`);
}

/** Policies: where they apply, their rules, and what they say about a change. */
export class PolicyService {
  constructor(private readonly deps: PolicyServiceDependencies) {
    deps.ruleTypes.close();
  }

  /** The records of a scope; a 404 names the first part that does not exist. */
  async resolveScope(scope: PolicyScope, trx?: Knex): Promise<ResolvedPolicyScope> {
    const org = await this.deps.orgs.get(scope.org, trx);
    if (scope.project === undefined) return { scope, org };
    const project = await this.deps.projects.get(org, scope.project, trx);
    if (scope.environment === undefined) return { scope, org, project };
    const environment = await this.deps.environments.get(project, scope.environment, trx);
    return { scope, org, project, environment };
  }

  /** The policy, or a 404. */
  async get(id: string, trx?: Knex): Promise<PolicyRecord> {
    const policy = UUID.test(id) ? await this.deps.store.get(id, trx) : undefined;
    if (!policy) throw unknownPolicy(id);
    return policy;
  }

  /** The policy as the API shows it, with a problem when its rule cannot be evaluated. */
  toPolicy(record: PolicyRecord): Policy {
    const checked = this.check(record);
    return publicPolicy(record, 'problem' in checked ? checked.problem : undefined);
  }

  /** Every policy inside the scope (an organisation's include its projects'). */
  async listInScope(target: ResolvedPolicyScope): Promise<PolicyRecord[]> {
    return this.deps.store.listInScope(this.idsOf(target));
  }

  /** The enabled policies that apply to an environment, inherited ones first. */
  async listEffective(target: ResolvedPolicyScope): Promise<PolicyRecord[]> {
    const ids = this.idsOf(target);
    if (!ids.projectId || !ids.environmentId) throw new InputError('Effective policies belong to an environment');
    return this.deps.store.listEffective({ ...ids, projectId: ids.projectId, environmentId: ids.environmentId });
  }

  async create(
    trx: Knex.Transaction,
    actorRef: string,
    target: ResolvedPolicyScope,
    input: z.output<typeof createPolicySchema>,
  ): Promise<CommittedChange<Policy>> {
    const params = this.checkedParams(input.type, input.params);
    const id = randomUUID();
    const { type, enforcement, enabled, title } = input;
    const fields = { type, params, enforcement, enabled, title, description: input.description ?? '' };
    await this.deps.store.create(trx, { id, actorRef, ...this.idsOf(target), ...fields });
    const created = this.toPolicy((await this.deps.store.get(id, trx))!);
    return {
      result: created,
      resourceId: id,
      message: `Created ${enforcement} policy '${title}' (${type}) on ${scopeName(target.scope)}`,
      after: created,
    };
  }

  async update(
    trx: Knex.Transaction,
    actorRef: string,
    policy: PolicyRecord,
    patch: z.output<typeof updatePolicySchema>,
  ): Promise<CommittedChange<Policy>> {
    const type = patch.type ?? policy.type;
    const ruleChanged = patch.type !== undefined || patch.params !== undefined;
    // A new type starts from its own params: the old ones belong to another rule.
    const params = !ruleChanged
      ? policy.params
      : this.checkedParams(type, patch.params !== undefined || type !== policy.type ? patch.params : policy.params);
    const fields = {
      type,
      params,
      enforcement: patch.enforcement ?? policy.enforcement,
      enabled: patch.enabled ?? policy.enabled,
      title: patch.title ?? policy.title,
      description: patch.description ?? policy.description,
    };
    if (!(await this.deps.store.update(trx, policy.id, actorRef, fields))) {
      throw new NotFoundError(`Policy '${policy.id}' does not exist`);
    }
    const updated = this.toPolicy((await this.deps.store.get(policy.id, trx))!);
    return {
      result: updated,
      resourceId: policy.id,
      message: `Updated policy '${updated.title}' (${updated.type}) on ${scopeName(policy.scope)}`,
      before: this.toPolicy(policy),
      after: updated,
    };
  }

  async delete(trx: Knex.Transaction, policy: PolicyRecord): Promise<CommittedChange<void>> {
    if (!(await this.deps.store.delete(trx, policy.id))) {
      throw new NotFoundError(`Policy '${policy.id}' does not exist`);
    }
    return {
      result: undefined,
      resourceId: policy.id,
      message: `Deleted policy '${policy.title}' (${policy.type}) on ${scopeName(policy.scope)}`,
      before: this.toPolicy(policy),
    };
  }

  /** What the environment's enabled policies, its own and inherited ones, say about a change. */
  async evaluate(request: PolicyEvaluationRequest): Promise<PolicyEvaluation> {
    const { org, project, environment } = request;
    const target = await this.resolveScope({ org, project, environment: environment.slug });
    const policies = (await this.listEffective(target)).map(record => this.check(record));
    return evaluatePolicies(policies, request, this.deps.logger);
  }

  /**
   * The enforced violations an environment's approval rule (as it would be after a change)
   * meets: only the rule types about approval rules are asked, since a change of the rule has
   * no manifests and no deployment time. An environment being created has no policies of its
   * own yet; its id then matches none.
   */
  async approvalRuleViolations(
    org: OrganizationRecord,
    project: ProjectRecord,
    environment: { id: string; slug: string; kind: EnvironmentKind; approval: ApprovalRule },
    trx?: Knex,
  ): Promise<PolicyViolation[]> {
    const records = await this.deps.store.listEffective(
      { organizationId: org.id, projectId: project.id, environmentId: environment.id },
      trx,
    );
    const policies = records
      .filter(record => APPROVAL_RULE_POLICY_TYPES.includes(record.type) && record.enforcement === 'enforce')
      .map(record => this.check(record));
    const { violations } = await evaluatePolicies(
      policies,
      {
        org: org.slug,
        project: project.slug,
        environment: {
          slug: environment.slug,
          kind: environment.kind,
          requiredApprovals: environment.approval.requiredApprovals,
          allowSelfApproval: environment.approval.allowSelfApproval,
        },
        files: {},
        at: new Date(),
      },
      this.deps.logger,
    );
    return violations;
  }

  /** What a policy can check. */
  listRuleTypes() {
    return this.deps.ruleTypes.list();
  }

  private checkedParams(type: string, params: unknown): unknown {
    const checked = this.deps.ruleTypes.parseParams(type, params);
    if (JSON.stringify(checked ?? {}).length > MAX_PARAMS_LENGTH) {
      throw new InputError(`Invalid policy: params: must be at most ${MAX_PARAMS_LENGTH} characters of JSON`);
    }
    return checked;
  }

  /** Params are checked on read as on write: the rule type may have changed or gone since. */
  private check(record: PolicyRecord): CheckedPolicy {
    const ruleType = this.deps.ruleTypes.get(record.type);
    if (!ruleType) {
      return { ...record, problem: `rule type '${record.type}' is not installed in this backend` };
    }
    const result = ruleType.paramsSchema.safeParse(record.params);
    if (!result.success) {
      const problems = result.error.issues.map(issue => `${['params', ...issue.path].join('.')}: ${issue.message}`);
      return { ...record, problem: `its params no longer fit rule type ${record.type}: ${problems.join('; ')}` };
    }
    return { ...record, ruleType, checkedParams: result.data };
  }

  private idsOf(target: ResolvedPolicyScope) {
    return {
      organizationId: target.org.id,
      ...(target.project ? { projectId: target.project.id } : {}),
      ...(target.environment ? { environmentId: target.environment.id } : {}),
    };
  }
}
