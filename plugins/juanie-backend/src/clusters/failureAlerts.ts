import { Knex } from 'knex';
import { isProjectRoleAtLeast } from '@juanie/plugin-juanie-common';
import { AuditTrail } from '../audit/AuditTrail';
import { DeploymentNotifier } from '../deployments/DeploymentNotifier';
import { ProjectService } from '../projects/ProjectService';
import { FluxObjectRecord } from './FluxObjectStore';
import { EnvironmentInContext } from './GitOpsStatusService';

const ALERT_ACTOR = 'plugin:juanie/flux-watcher';

/**
 * Tells an environment's maintainers when its workload starts failing: once per failing
 * streak (Flux retries every interval; people should not hear of each retry), again only
 * after it was Ready in between.
 */
export function createFailureAlerts(deps: {
  db: Knex;
  audit: AuditTrail;
  projects: ProjectService;
  notifier: DeploymentNotifier;
}) {
  return async ({ org, project, env }: EnvironmentInContext, workload: FluxObjectRecord) => {
    if (workload.readyStatus === 'True') {
      await deps.db('gitops_resources').where({ environment_id: env.id }).whereNotNull('failure_notified_at').update({ failure_notified_at: null });
      return;
    }
    if (workload.readyStatus !== 'False' || workload.suspended) return;
    const maintainers = (await deps.projects.principalRoles(project))
      .filter(({ role }) => isProjectRoleAtLeast(role, 'maintainer'))
      .map(({ principalRef }) => principalRef);
    // Claims the streak: only the replica whose update changes the row sends the alert.
    const claimed = await deps.db('gitops_resources')
      .where({ environment_id: env.id })
      .whereNull('failure_notified_at')
      .update({ failure_notified_at: new Date() });
    if (claimed === 0) return;
    await deps.audit.systemChange(
      ALERT_ACTOR,
      'gitops.failure-alert',
      { resourceType: 'environment', resourceId: `${org.slug}/${project.slug}/${env.slug}`, org: org.slug, project: project.slug },
      async trx => {
        await deps.notifier.send(
          trx,
          { org: org.slug, link: `/juanie/orgs/${org.slug}/projects/${project.slug}/gitops`, topic: `juanie-gitops-${env.id}` },
          maintainers,
          {
            title: `${project.slug}/${env.slug} is failing: ${workload.readyReason}`,
            description: workload.readyMessage ?? `${workload.kind} ${workload.name} is not Ready`,
            severity: 'high',
          },
        );
        return { result: undefined, message: `Told the maintainers of ${env.slug} that ${workload.kind} ${workload.name} fails` };
      },
    );
  };
}
