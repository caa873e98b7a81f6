import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { AccessControl } from '../access/AccessControl';
import { AuditTrail } from '../audit/AuditTrail';
import { GitOpsWorkingCopy, ManifestWork } from '../gitops';
import { JobQueue } from '../jobs/JobQueue';
import { JobRunner } from '../jobs/JobRunner';
import { OrganizationService } from '../orgs/OrganizationService';
import { TeamService } from '../orgs/TeamService';
import { PolicyService } from '../policies/PolicyService';
import { EnvironmentService } from '../projects/EnvironmentService';
import { ProjectService } from '../projects/ProjectService';
import { RepositoryService } from '../repositories/RepositoryService';
import { DeploymentApprovals } from './DeploymentApprovals';
import { DeploymentCloser } from './DeploymentCloser';
import { DeploymentFollower } from './DeploymentFollower';
import { COMMIT_JOB, DeploymentCommitJob } from './DeploymentCommitJob';
import { DeploymentNotifier, NOTIFY_JOB } from './DeploymentNotifier';
import { DeploymentPreviewer } from './DeploymentPreviewer';
import { DeploymentReader } from './DeploymentReader';
import { DeploymentRequests } from './DeploymentRequests';
import { DeploymentStore } from './DeploymentStore';
import { DeploymentTargets } from './DeploymentTargets';
import { ProjectSignals } from '../projects/ProjectSignals';

/** Builds the deployments domain and registers its jobs with the runner. */
export function createDeployments(deps: {
  db: Knex;
  logger: LoggerService;
  audit: AuditTrail;
  access: AccessControl;
  orgs: OrganizationService;
  teams: TeamService;
  projects: ProjectService;
  environments: EnvironmentService;
  repositories: RepositoryService;
  policies: PolicyService;
  jobs: JobQueue;
  jobRunner: JobRunner;
  workingCopyFor(url: string, org: string): GitOpsWorkingCopy;
  /** Where previews and commits edit manifests (a worker pool). */
  manifests: ManifestWork;
  notifications?: NotificationService;
  signals?: ProjectSignals;
}) {
  const { audit, access, jobs, jobRunner, logger } = deps;
  const store = new DeploymentStore(deps.db);
  const targets = new DeploymentTargets({ store, ...deps });
  const previewer = new DeploymentPreviewer(deps);
  const notifier = new DeploymentNotifier({
    jobs,
    logger,
    notifications: deps.notifications,
    signals: deps.signals,
    teamMembers: async (orgSlug, teamSlugs) => {
      const org = await deps.orgs.get(orgSlug);
      return deps.teams.memberRefsOf(org, teamSlugs);
    },
  });
  const wakeJobs = () => jobRunner.wake();
  const requests = new DeploymentRequests({ store, targets, previewer, policies: deps.policies, access, audit, jobs, notifier, wakeJobs });
  const approvals = new DeploymentApprovals({ store, targets, requests, access, audit, teams: deps.teams, notifier, logger, wakeJobs });
  const reader = new DeploymentReader({
    store,
    targets,
    access,
    repositories: deps.repositories,
    environments: deps.environments,
    previewer,
    mayVote: (caller, context, votedBy) => approvals.mayVote(caller, context, votedBy),
  });
  const committedListeners: Array<(deploymentId: string) => Promise<void>> = [];
  jobRunner.register(
    COMMIT_JOB,
    new DeploymentCommitJob({
      store,
      targets,
      audit,
      notifier,
      logger,
      policies: deps.policies,
      manifests: deps.manifests,
      afterCommitted: async id => {
        for (const listener of committedListeners) await listener(id);
      },
    }),
  );
  jobRunner.register(NOTIFY_JOB, notifier);
  const follower = new DeploymentFollower({ store, targets, audit, notifier, logger });
  const closer = new DeploymentCloser({ store, audit, notifier, logger });
  return {
    closer,
    previewer,
    requests,
    approvals,
    reader,
    follower,
    notifier,
    targets,
    /** Runs after a commit is recorded (the GitOps status looks at the environment again). */
    onCommitted(listener: (deploymentId: string) => Promise<void>) {
      committedListeners.push(listener);
    },
  };
}
