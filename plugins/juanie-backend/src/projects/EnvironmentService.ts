import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  approvalRuleSchema,
  CreateEnvironmentRequest,
  Environment,
  GitOpsTarget,
  PolicyViolation,
  UpdateEnvironmentRequest,
} from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CommittedChange } from '../audit/AuditTrail';
import { OrganizationRecord } from '../orgs/OrganizationStore';
import { EnvironmentFields, EnvironmentRecord, EnvironmentStore } from './EnvironmentStore';
import { ProjectRecord } from './ProjectStore';
import { isSlug } from '../shared/validation';
import { PolicyViolationError } from '../deployments/PolicyViolationError';

const publicEnvironment = ({ id, projectId, fluxGrantedBy, ...env }: EnvironmentRecord): Environment => env;

/** Who changes an environment, as far as its Flux mapping is concerned. */
export interface EnvironmentActor {
  ref: string;
  /** Platform admins may map an environment to Flux objects outside its namespace. */
  isPlatformAdmin: boolean;
}

/** What environments need to know of other domains. */
export interface EnvironmentDependencies {
  /** The repository's purpose, or undefined when it is not one of the project's. */
  repositoryPurpose(project: ProjectRecord, repositoryId: string, trx: Knex): Promise<string | undefined>;
  /** True when the organisation has a live team with this slug. */
  teamExists(org: OrganizationRecord, slug: string, trx: Knex): Promise<boolean>;
  /** The enforced organisation policies an approval rule breaks (minimum approvals, self-approval). */
  approvalRuleViolations(
    org: OrganizationRecord,
    project: ProjectRecord,
    environment: { id: string; slug: string; kind: EnvironmentFields['kind']; approval: EnvironmentFields['approval'] },
    trx: Knex,
  ): Promise<PolicyViolation[]>;
  /**
   * Refuses a cluster or namespace the platform does not grant the organisation
   * (`juanie.clusters[].tenants`, clusters/clusterTenancy.ts).
   */
  checkPlacement(
    org: OrganizationRecord,
    placement: { cluster: string | null; namespace: string | null },
    trx: Knex,
  ): Promise<void>;
}

/** Environments of a project: promotion order, approval rules and GitOps targets. */
export class EnvironmentService {
  constructor(
    private readonly store: EnvironmentStore,
    private readonly deps: EnvironmentDependencies,
  ) {}

  async list(project: ProjectRecord): Promise<Environment[]> {
    return (await this.store.list(project.id)).map(publicEnvironment);
  }

  async get(project: ProjectRecord, slug: string, trx?: Knex): Promise<EnvironmentRecord> {
    const env = isSlug(slug) ? await this.store.get(project.id, slug, trx) : undefined;
    if (!env) {
      throw new NotFoundError(`Environment '${slug}' does not exist in project ${project.slug}`);
    }
    return env;
  }

  async maxPerProject(org: OrganizationRecord) {
    return this.store.maxPerProject(org.id);
  }

  async create(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    project: ProjectRecord,
    input: CreateEnvironmentRequest & { approval?: EnvironmentFields['approval'] },
    actor?: EnvironmentActor,
  ): Promise<CommittedChange<Environment>> {
    await this.store.lockProject(trx, project.id);
    if (await this.store.get(project.id, input.slug, trx)) {
      throw new ConflictError(`Environment '${input.slug}' already exists in ${project.slug}`);
    }
    const limit = org.quota.maxEnvironmentsPerProject;
    if (limit !== null && (await this.store.count(project.id, trx)) >= limit) {
      throw new ConflictError(
        `Quota maxEnvironmentsPerProject of organisation ${org.slug} reached (${limit} environments)`,
      );
    }
    const fields: EnvironmentFields = {
      title: input.title,
      description: input.description ?? '',
      kind: input.kind,
      order: input.order ?? (await this.store.nextOrder(project.id, trx)),
      cluster: input.cluster ?? null,
      namespace: input.namespace ?? null,
      approval: input.approval ?? approvalRuleSchema.parse({}),
    };
    await this.checkReferences(trx, org, project, fields, input.gitops);
    await this.deps.checkPlacement(org, fields, trx);
    const grantedBy = this.fluxGrant(input.slug, fields, input.gitops as GitOpsTarget | undefined, actor);
    const id = randomUUID();
    await this.checkApprovalPolicies(trx, org, project, { id, slug: input.slug, ...fields });
    await this.store.create(trx, { id, projectId: project.id, slug: input.slug, ...fields });
    if (input.gitops) await this.store.setGitOpsTarget(trx, id, input.gitops as GitOpsTarget, grantedBy);
    const created = publicEnvironment((await this.store.get(project.id, input.slug, trx))!);
    return {
      result: created,
      resourceId: `${org.slug}/${project.slug}/${created.slug}`,
      message: `Created ${created.kind} environment ${created.slug} in project ${project.slug}`,
      after: created,
    };
  }

  async update(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    project: ProjectRecord,
    env: EnvironmentRecord,
    patch: UpdateEnvironmentRequest & { approval?: EnvironmentFields['approval'] },
    actor?: EnvironmentActor,
  ): Promise<CommittedChange<Environment>> {
    const fields: EnvironmentFields = {
      title: patch.title ?? env.title,
      description: patch.description ?? env.description,
      kind: patch.kind ?? env.kind,
      order: patch.order ?? env.order,
      cluster: patch.cluster !== undefined ? patch.cluster : env.cluster,
      namespace: patch.namespace !== undefined ? patch.namespace : env.namespace,
      approval: patch.approval ?? env.approval,
    };
    await this.checkReferences(trx, org, project, fields, patch.gitops ?? undefined);
    const moved = fields.cluster !== env.cluster || fields.namespace !== env.namespace;
    if (moved) await this.deps.checkPlacement(org, fields, trx);
    const gitops = (patch.gitops !== undefined ? patch.gitops : env.gitops) as GitOpsTarget | null;
    // Edits that touch neither the mapping nor the namespace leave the mapping as it is (and
    // an ungranted one outside the namespace still reaches nothing).
    const grantedBy =
      patch.gitops !== undefined || moved ? this.fluxGrant(env.slug, fields, gitops ?? undefined, actor, env) : env.fluxGrantedBy;
    if (patch.approval !== undefined || fields.kind !== env.kind) {
      await this.checkApprovalPolicies(trx, org, project, { id: env.id, slug: env.slug, ...fields });
    }
    await this.store.update(trx, env.id, fields);
    if (patch.gitops !== undefined || grantedBy !== env.fluxGrantedBy) {
      await this.store.setGitOpsTarget(trx, env.id, gitops, grantedBy);
    }
    const updated = publicEnvironment((await this.store.get(project.id, env.slug, trx))!);
    return {
      result: updated,
      resourceId: `${org.slug}/${project.slug}/${env.slug}`,
      message: `Updated environment ${env.slug} of project ${project.slug}`,
      before: publicEnvironment(env),
      after: updated,
    };
  }

  async delete(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    project: ProjectRecord,
    env: EnvironmentRecord,
  ): Promise<CommittedChange<void>> {
    // A deleted environment deploys nothing: its GitOps target goes (the audit event keeps it),
    // so that the repository it pointed at can be disconnected.
    await this.store.setGitOpsTarget(trx, env.id, null);
    await this.store.softDelete(trx, env.id);
    return {
      result: undefined,
      resourceId: `${org.slug}/${project.slug}/${env.slug}`,
      message: `Deleted environment ${env.slug} of project ${project.slug}`,
      before: publicEnvironment(env),
    };
  }

  /** Whether any live environment deploys from the repository. */
  async usesRepository(repositoryId: string, trx?: Knex) {
    return (await this.store.countUsingRepository(repositoryId, trx)) > 0;
  }

  /** Every change of an approval rule (or of the kind it is judged by) meets the organisation's enforced policies. */
  private async checkApprovalPolicies(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    project: ProjectRecord,
    environment: { id: string; slug: string } & EnvironmentFields,
  ) {
    const violations = await this.deps.approvalRuleViolations(org, project, environment, trx);
    if (violations.length > 0) throw new PolicyViolationError(violations, environment.slug);
  }

  /**
   * An environment maps only Flux objects in its own namespace (rule 2 of docs/tenancy.md);
   * a platform admin may map others, and is recorded as the one who granted it. An unchanged
   * mapping keeps its grant when someone else edits the environment. Returns the grant.
   */
  private fluxGrant(
    slug: string,
    fields: EnvironmentFields,
    gitops: GitOpsTarget | undefined,
    actor: EnvironmentActor | undefined,
    before?: EnvironmentRecord,
  ): string | null {
    const flux = gitops?.flux;
    if (!flux || flux.namespace === fields.namespace) return null;
    const previous = before?.gitops?.flux;
    const unchanged =
      previous?.kind === flux.kind && previous.namespace === flux.namespace && previous.name === flux.name;
    if (unchanged && before?.fluxGrantedBy) return before.fluxGrantedBy;
    if (actor?.isPlatformAdmin) return actor.ref;
    throw new NotAllowedError(
      `Environment ${slug} may map only Flux objects in its own namespace (${fields.namespace ?? 'none set'}), not ${flux.kind} ${flux.namespace}/${flux.name}; platform admins may map others`,
    );
  }

  /** Approver teams and the GitOps repository must exist; a client cannot point elsewhere. */
  private async checkReferences(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    project: ProjectRecord,
    fields: EnvironmentFields,
    gitops: { repositoryId: string } | undefined,
  ) {
    for (const approver of fields.approval.approvers) {
      if (approver.startsWith('team:')) {
        const slug = approver.slice('team:'.length);
        if (!(await this.deps.teamExists(org, slug, trx))) {
          throw new InputError(`Invalid approval rule: team '${slug}' does not exist in ${org.slug}`);
        }
      }
    }
    if (gitops) {
      const purpose = await this.deps.repositoryPurpose(project, gitops.repositoryId, trx);
      if (!purpose) {
        throw new InputError(
          `Invalid gitops target: repository ${gitops.repositoryId} is not connected to project ${project.slug}`,
        );
      }
      if (purpose !== 'gitops') {
        throw new InputError(
          `Invalid gitops target: repository ${gitops.repositoryId} is an ${purpose} repository, not a gitops one`,
        );
      }
    }
  }
}
