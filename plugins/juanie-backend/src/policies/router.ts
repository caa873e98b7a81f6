import {
  juanieContract,
  juanieOrganizationManagePermission,
  juanieOrganizationReadPermission,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
  PolicyScope,
} from '@juanie/plugin-juanie-common';
import { Request } from 'express';
import { AccessControl } from '../access/AccessControl';
import { Caller, Callers } from '../access/Callers';
import { AuditedStep, AuditTrail } from '../audit/AuditTrail';
import { PolicyDecisions } from './PolicyDecisions';
import { PolicyService, unknownPolicy } from './PolicyService';
import { unknownOrganization } from '../orgs/OrganizationService';
import { unknownProject } from '../projects/ProjectService';
import { PolicyRecord } from './PolicyStore';
import { operationRouter } from '../service/serveOperation';

/**
 * Organisation policies need organisation permissions (resource ref: the org slug); project
 * and environment policies need project permissions (resource ref `<org>/<project>`).
 */
function permissionOn(scope: PolicyScope, intent: 'read' | 'manage') {
  if (scope.project === undefined) {
    const permission = intent === 'read' ? juanieOrganizationReadPermission : juanieOrganizationManagePermission;
    return { permission, resourceRef: scope.org };
  }
  const permission = intent === 'read' ? juanieProjectReadPermission : juanieProjectManagePermission;
  return { permission, resourceRef: `${scope.org}/${scope.project}` };
}

/**
 * Policies of organisations, projects and environments: `/policies`, `/policy-rule-types`,
 * and what each policy refused or warned about (`/policies/{id}/decisions`).
 */
export function createPolicyRouter(deps: {
  callers: Callers;
  access: AccessControl;
  audit: AuditTrail;
  policies: PolicyService;
  decisions: PolicyDecisions;
}) {
  const { callers, access, audit, policies, decisions } = deps;
  const { router, serve } = operationRouter();

  /**
   * 404 for an organisation or project the caller cannot see, the same as for one that does
   * not exist, level by level, before anything below it is looked up.
   */
  const requireVisibleScope = async (caller: Caller, scope: PolicyScope) => {
    const { credentials } = caller.ctx;
    await access.requireVisible(credentials, juanieOrganizationReadPermission, scope.org, () =>
      unknownOrganization(scope.org)
    );
    if (scope.project === undefined) return;
    const project = scope.project;
    await access.requireVisible(credentials, juanieProjectReadPermission, `${scope.org}/${project}`, () =>
      unknownProject({ slug: scope.org }, project)
    );
  };

  /** The policy, or the same 404 whether it does not exist or the caller cannot see it. */
  const visiblePolicy = async (caller: Caller, id: string) => {
    const policy = await policies.get(id);
    const { permission, resourceRef } = permissionOn(policy.scope, 'read');
    await access.requireVisible(caller.ctx.credentials, permission, resourceRef, () => unknownPolicy(id));
    return policy;
  };

  const requireOn = (caller: Caller, scope: PolicyScope, intent: 'read' | 'manage') => {
    const { permission, resourceRef } = permissionOn(scope, intent);
    return access.require(caller.ctx.credentials, permission, resourceRef);
  };

  /** Runs an audited change on an existing policy the caller may manage. */
  async function changePolicy<T>(
    req: Request,
    action: string,
    body: (step: AuditedStep, caller: Caller, policy: PolicyRecord) => Promise<T>,
  ): Promise<T> {
    const caller = await callers.of(req);
    const target = { resourceType: 'policy', resourceId: req.params.id };
    return audit.action(caller.ctx, action, target, async step => {
      const policy = await visiblePolicy(caller, req.params.id);
      step.target.org = policy.scope.org;
      step.target.project = policy.scope.project ?? null;
      await requireOn(caller, policy.scope, 'manage');
      return body(step, caller, policy);
    });
  }

  /** Leaves out the policies of projects the caller cannot read. */
  async function readableOnly(caller: Caller, records: PolicyRecord[]) {
    const projects = [...new Set(records.flatMap(r => (r.scope.project ? [r.scope.project] : [])))];
    const readable = new Set<string>();
    for (const project of projects) {
      const ref = `${records[0].scope.org}/${project}`;
      if (await access.can(caller.ctx.credentials, juanieProjectReadPermission, ref)) readable.add(project);
    }
    return records.filter(r => r.scope.project === undefined || readable.has(r.scope.project));
  }

  serve(juanieContract.listPolicyRuleTypes, async ({ req }) => {
    await callers.of(req);
    return { items: policies.listRuleTypes() };
  });

  serve(juanieContract.listPolicies, async ({ req, query: parseQuery }) => {
    const caller = await callers.of(req);
    const query = parseQuery('policy query');
    if (query.effectiveFor) {
      const [org, project, environment] = query.effectiveFor;
      await requireVisibleScope(caller, { org, project });
      const target = await policies.resolveScope({ org, project, environment });
      await requireOn(caller, target.scope, 'read');
      const records = await policies.listEffective(target);
      return { items: records.map(record => policies.toPolicy(record)) };
    }
    const { org, project, environment } = query;
    await requireVisibleScope(caller, { org: org!, project });
    const target = await policies.resolveScope({ org: org!, project, environment });
    await requireOn(caller, target.scope, 'read');
    let records = await policies.listInScope(target);
    if (project === undefined) records = await readableOnly(caller, records);
    return { items: records.map(record => policies.toPolicy(record)) };
  });

  serve(juanieContract.createPolicy, async ({ req, body }) => {
    const caller = await callers.of(req);
    const created = await audit.action(caller.ctx, 'policy.create', { resourceType: 'policy' }, async step => {
      const input = body('policy');
      step.target.org = input.scope.org;
      step.target.project = input.scope.project ?? null;
      await requireVisibleScope(caller, input.scope);
      const target = await policies.resolveScope(input.scope);
      await requireOn(caller, target.scope, 'manage');
      return step.commit(trx => policies.create(trx, caller.ctx.actorRef, target, input));
    });
    return created;
  });

  serve(juanieContract.getPolicy, async ({ req }) => {
    const caller = await callers.of(req);
    const policy = await visiblePolicy(caller, req.params.id);
    return policies.toPolicy(policy);
  });

  // Those of projects the caller cannot read are left out, as in the list of policies.
  serve(juanieContract.listPolicyDecisions, async ({ req, query: parseQuery }) => {
    const caller = await callers.of(req);
    const query = parseQuery('decisions query');
    const policy = await visiblePolicy(caller, req.params.id);
    const items = await decisions.recent(policy, {
      ...query,
      canReadProject: project =>
        access.can(caller.ctx.credentials, juanieProjectReadPermission, `${policy.scope.org}/${project}`),
    });
    return { items };
  });

  serve(juanieContract.updatePolicy, async ({ req, body }) => {
    return (
      await changePolicy(req, 'policy.update', (step, caller, policy) => {
        const patch = body('policy update');
        return step.commit(trx => policies.update(trx, caller.ctx.actorRef, policy, patch));
      })
    );
  });

  serve(juanieContract.deletePolicy, async ({ req }) => {
    await changePolicy(req, 'policy.delete', (step, _caller, policy) =>
      step.commit(trx => policies.delete(trx, policy))
    );
  });

  return router;
}
