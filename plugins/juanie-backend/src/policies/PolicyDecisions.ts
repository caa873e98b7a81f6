import { AuditEvent, PolicyDecision, PolicyViolation } from '@juanie/plugin-juanie-common';
import { PolicyRecord } from './PolicyStore';

/** The audited actions that evaluate policies on a deployment. */
const DEPLOYMENT_ACTIONS = ['deployment.request', 'deployment.rollback'];

/** Reads audit events whose `after` holds some text (the audit store's `listMentioning`). */
export type AuditEventsMentioning = (
  filter: { org: string; project?: string; actions: string[]; text: string },
  limit: number,
) => Promise<AuditEvent[]>;

/**
 * What the audit trail recorded a policy said about deployments: a refused request keeps
 * its violations (`after.violations`), an accepted one its warnings (`after.warnings`).
 * The trail is the one record of refusals (a refused request creates no deployment).
 */
export class PolicyDecisions {
  constructor(private readonly eventsMentioning: AuditEventsMentioning) {}

  /** The newest decisions of the policy, in projects the caller may read. */
  async recent(
    policy: PolicyRecord,
    options: { project?: string; limit: number; canReadProject(project: string): Promise<boolean> },
  ): Promise<PolicyDecision[]> {
    const project = policy.scope.project ?? options.project;
    if (options.project && project !== options.project) return [];
    const events = await this.eventsMentioning(
      { org: policy.scope.org, project, actions: DEPLOYMENT_ACTIONS, text: policy.id },
      options.limit,
    );
    const readable = new Map<string, Promise<boolean>>();
    const mayRead = (slug: string) => {
      if (!readable.has(slug)) readable.set(slug, options.canReadProject(slug));
      return readable.get(slug)!;
    };
    const decisions: PolicyDecision[] = [];
    for (const event of events) {
      const decision = decisionOf(policy.id, event);
      if (decision && (!event.project || (await mayRead(event.project)))) decisions.push(decision);
    }
    return decisions;
  }
}

function decisionOf(policyId: string, event: AuditEvent): PolicyDecision | undefined {
  const after = (event.after ?? {}) as { environment?: string; violations?: unknown; warnings?: unknown };
  const recorded = event.outcome === 'success' ? after.warnings : after.violations;
  const violations = (Array.isArray(recorded) ? (recorded as PolicyViolation[]) : []).filter(
    violation => violation?.policyId === policyId,
  );
  if (violations.length === 0) return undefined;
  return {
    auditEventId: event.id,
    occurredAt: event.occurredAt,
    outcome: violations.some(violation => violation.enforcement === 'enforce') ? 'refused' : 'warned',
    action: event.action,
    actorRef: event.actorRef,
    org: event.org ?? '',
    project: event.project,
    environment: typeof after.environment === 'string' ? after.environment : null,
    deploymentId: event.outcome === 'success' ? event.resourceId : null,
    violations,
  };
}
