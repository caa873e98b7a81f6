import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DeploymentStatus } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { Job, JobQueue } from '../jobs/JobQueue';
import { ProjectSignals } from '../projects/ProjectSignals';
import { JobHandler } from '../jobs/JobRunner';
import { DeploymentRecord } from './DeploymentStore';

/** The signal channel of deployment changes; the front end refreshes what it shows. */
export const DEPLOYMENT_SIGNAL_CHANNEL = 'juanie:deployments';

export const NOTIFY_JOB = 'notify';

interface NotificationJob {
  recipients: string[];
  title: string;
  description: string;
  link: string;
  severity: 'low' | 'normal' | 'high';
  topic: string;
}

/** Where a deployment's page is in the portal. */
export function deploymentLink(deployment: Pick<DeploymentRecord, 'org' | 'project' | 'id'>) {
  return `/juanie/orgs/${deployment.org}/projects/${deployment.project}/deployments/${deployment.id}`;
}

/**
 * Tells people about deployments. Notifications are durable jobs enqueued in the transaction
 * of the change they report (so a change is never reported without happening, and a down
 * notifications backend only delays them); signals are live hints for open pages, best effort.
 */
export class DeploymentNotifier implements JobHandler {
  constructor(
    private readonly deps: {
      jobs: JobQueue;
      notifications?: NotificationService;
      /** Live hints, to those who may read the deployment's project only. */
      signals?: ProjectSignals;
      logger: LoggerService;
      /** Expands `team:<slug>` approver refs of an organisation into user refs. */
      teamMembers(organizationSlug: string, teamSlugs: string[]): Promise<string[]>;
    },
  ) {}

  /** Enqueues a notification about a deployment to users, groups or `team:<slug>` refs. */
  async notify(
    trx: Knex,
    deployment: DeploymentRecord,
    recipients: string[],
    message: { title: string; description: string; severity?: NotificationJob['severity'] },
  ): Promise<void> {
    const about = { org: deployment.org, link: deploymentLink(deployment), topic: `juanie-deployment-${deployment.id}` };
    await this.send(trx, about, recipients, message);
  }

  /** Enqueues a notification about anything of an organisation, linking to a portal page. */
  async send(
    trx: Knex,
    about: { org: string; link: string; topic: string },
    recipients: string[],
    message: { title: string; description: string; severity?: NotificationJob['severity'] },
  ): Promise<void> {
    const teams = recipients.filter(ref => ref.startsWith('team:')).map(ref => ref.slice(5));
    const entities = recipients.filter(ref => !ref.startsWith('team:'));
    const users = teams.length ? await this.deps.teamMembers(about.org, teams) : [];
    const all = [...new Set([...entities, ...users])];
    if (all.length === 0) return;
    const job: NotificationJob = {
      recipients: all,
      title: message.title,
      description: message.description,
      link: about.link,
      severity: message.severity ?? 'normal',
      topic: about.topic,
    };
    await this.deps.jobs.enqueue(trx, { kind: NOTIFY_JOB, payload: job });
  }

  /** Sends one notification job (the job runner retries it with backoff when this throws). */
  async run(job: Job): Promise<void> {
    const payload = job.payload as NotificationJob;
    if (!this.deps.notifications) return;
    await this.deps.notifications.send({
      recipients: { type: 'entity', entityRef: payload.recipients },
      payload: {
        title: payload.title,
        description: payload.description,
        link: payload.link,
        severity: payload.severity,
        topic: payload.topic,
      },
    });
  }

  async giveUp(job: Job, error: Error): Promise<void> {
    this.deps.logger.error(`Gave up notifying ${(job.payload as NotificationJob).recipients}: ${error.message}`);
  }

  /** Tells open pages that a deployment changed; they fetch what they are allowed to see. */
  async changed(deployment: Pick<DeploymentRecord, 'id' | 'org' | 'project' | 'environment'>, status: DeploymentStatus) {
    await this.deps.signals?.publish(deployment, DEPLOYMENT_SIGNAL_CHANNEL, {
      id: deployment.id,
      org: deployment.org,
      project: deployment.project,
      environment: deployment.environment,
      status,
    });
  }
}
