import { ConflictError } from '@backstage/errors';
import {
AuditorService,
HttpAuthService,
LoggerService,
PermissionsRegistryService,
PermissionsService,
UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { AccessControl } from '../access/AccessControl';
import { Callers } from '../access/Callers';
import { createResourceLoaders, registerPermissionResources } from '../access/permissionResources';
import { AuditChainVerifier } from '../audit/AuditChainVerifier';
import { AuditStore } from '../audit/AuditStore';
import { AuditTrail } from '../audit/AuditTrail';
import { createAuditRouter } from '../audit/router';
import { CatalogSourceReader } from '../catalog/CatalogSourceReader';
import { OrganizationService } from '../orgs/OrganizationService';
import { OrganizationStore } from '../orgs/OrganizationStore';
import { createOrganizationRouter, QuotaUsageSource } from '../orgs/router';
import { TeamService } from '../orgs/TeamService';
import { TeamStore } from '../orgs/TeamStore';
import { createEnvironmentRouter } from '../projects/environmentRouter';
import { EnvironmentService } from '../projects/EnvironmentService';
import { EnvironmentStore } from '../projects/EnvironmentStore';
import { ProjectAccess } from '../projects/ProjectAccess';
import { ProjectService } from '../projects/ProjectService';
import { ProjectStore } from '../projects/ProjectStore';
import { createProjectRouter } from '../projects/router';
import { RemoteRepositoryReader } from '../repositories/RemoteRepositoryReader';
import { RepositoryClaims } from '../repositories/RepositoryClaims';
import { RepositoryService } from '../repositories/RepositoryService';
import { RepositoryStore } from '../repositories/RepositoryStore';
import { createRepositoryRouter } from '../repositories/router';
import { subscribeToPushEvents } from '../repositories/pushEvents';
import { RepositoryPushes } from '../repositories/RepositoryPushes';
import { PolicyRuleTypeRegistry } from '../policies/PolicyRuleTypeRegistry';
import { PolicyDecisions } from '../policies/PolicyDecisions';
import { PolicyService } from '../policies/PolicyService';
import { PolicyStore } from '../policies/PolicyStore';
import { createPolicyRouter } from '../policies/router';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ProjectSignals } from '../projects/ProjectSignals';
import { EventsService } from '@backstage/plugin-events-node';
import { createDeploymentRouter } from '../deployments/router';
import { createGitOpsRouter } from '../gitops/router';
import { createManifestWork } from '../gitops/ManifestWorkerPool';
import { createWorkingCopies } from '../gitops/workingCopies';
import { JobQueue } from '../jobs/JobQueue';
import { JobRunner } from '../jobs/JobRunner';
import { createDeployments } from '../deployments/createDeployments';
import { createClusters } from '../clusters/createClusters';
import { ClusterTenancy } from '../clusters/clusterTenancy';
import { readClusterSettings } from '../clusters/clusterConfig';
import { DeletionCascade } from '../shared/DeletionCascade';
import { refuseDeepBodies } from '../shared/bodyDepth';
import { addRateLimits } from './rateLimits';
import { createRootRouter } from './rootRouter';
import { operationRouter, servedOperations } from './serveOperation';
import { juanieContract, Operation } from '@juanie/plugin-juanie-common';
import {
  GitRemoteGuard,
  gitTimeoutSeconds,
  JUANIE_CHANGES_TOPIC,
  JuanieSimulatedClusterProvider,
  readJuaniePaths,
  RepositoryUrlPolicy,
} from '@juanie/plugin-juanie-node';

/** Everything the plugin needs from Backstage. */
export interface JuanieDependencies {
  db: Knex;
  config: Config;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  version: string;
  /** Policy rule types, built-in and from modules (juaniePolicyRulesExtensionPoint). */
  policyRuleTypes?: PolicyRuleTypeRegistry;
  notifications?: NotificationService;
  signals?: SignalsService;
  events?: EventsService;
  /** Starts clusters configured `simulated: true` (juanieSimulatedClustersExtensionPoint). */
  simulatedClusters?: JuanieSimulatedClusterProvider;
}

/** Builds the domains, wires them to each other through their services, and returns the API. */
export function createJuanie(deps: JuanieDependencies) {
  const { db, config, httpAuth, userInfo, permissions, auditor } = deps;
  // Every directory Juanie is configured with, made absolute once, here at start.
  const paths = readJuaniePaths(config);

  const auditStore = new AuditStore(db);
  const audit = new AuditTrail(db, auditStore, auditor);
  // Other plugins (the catalog provider) follow Juanie's changes on this events topic.
  audit.onChange(async change => {
    await deps.events?.publish({ topic: JUANIE_CHANGES_TOPIC, eventPayload: change });
  });
  const platformAdmins = config.getOptionalStringArray('juanie.platformAdmins') ?? [];
  const callers = new Callers(httpAuth, userInfo, platformAdmins);

  const orgStore = new OrganizationStore(db);
  const teamStore = new TeamStore(db);
  const orgs = new OrganizationService(orgStore);
  const teams = new TeamService(teamStore);
  const projects = new ProjectService(new ProjectStore(db), orgStore, teamStore);
  const repositoryStore = new RepositoryStore(db);
  const environmentStore = new EnvironmentStore(db);
  // Which organisations may use which cluster and namespaces: the platform's configuration.
  const tenancy = new ClusterTenancy(readClusterSettings(config));
  const repositoryUrls = RepositoryUrlPolicy.fromConfig(
    config,
    paths.repositoryLocalRoots,
    ScmIntegrations.fromConfig(config),
  );
  const repositories = new RepositoryService(
    repositoryStore,
    new RemoteRepositoryReader(config, new GitRemoteGuard(repositoryUrls, gitTimeoutSeconds(config), deps.logger)),
    async (id, trx) => (await environmentStore.countUsingRepository(id, trx)) > 0,
    {
      policy: repositoryUrls,
      claims: new RepositoryClaims(db),
      sharedUrls: config.getOptionalStringArray('juanie.repositories.shared') ?? [],
    },
  );
  const environments: EnvironmentService = new EnvironmentService(environmentStore, {
    repositoryPurpose: (project, id, trx) => repositories.purposeOf(project, id, trx),
    teamExists: async (org, slug, trx) => Boolean(await teamStore.get(org.id, slug, trx)),
    checkPlacement: async (org, placement, trx) => {
      tenancy.checkPlacement(org.slug, placement);
      // Patterns such as `{org}-*` overlap for hyphenated slugs (`q-*` matches `q-x-dev`): a
      // namespace belongs to the first organisation that places an environment there.
      const cluster = tenancy.clusterOf(placement);
      if (!placement.namespace || !cluster) return;
      const users = await environmentStore.organizationsInNamespace(
        { name: cluster, isDefault: cluster === tenancy.defaultCluster },
        placement.namespace,
        trx,
      );
      if (users.some(id => id !== org.id)) {
        throw new ConflictError(`Namespace ${placement.namespace} of cluster ${cluster} is used by another organisation's environments`);
      }
    },
    // Policies are built next, on the environments; they are only asked once a request comes.
    // eslint-disable-next-line @typescript-eslint/no-use-before-define -- asked per request, once policies exists
    approvalRuleViolations: (org, project, env, trx) => policies.approvalRuleViolations(org, project, env, trx),
  });
  const policies: PolicyService = new PolicyService({
    store: new PolicyStore(db),
    ruleTypes: deps.policyRuleTypes ?? new PolicyRuleTypeRegistry(),
    orgs,
    projects,
    environments,
    logger: deps.logger,
  });
  const usage: QuotaUsageSource = {
    projectCount: async orgId => new ProjectStore(db).count(orgId),
    maxEnvironmentsInAProject: orgId => environmentStore.maxPerProject(orgId),
  };

  const loaders = createResourceLoaders({ orgs, projects });
  registerPermissionResources(deps.permissionsRegistry, loaders);
  const access = new AccessControl(permissions, deps.permissionsRegistry, loaders);

  const projectAccess = new ProjectAccess({ callers, access, audit, orgs, projects });
  // Deleting an organisation, project or environment ends what hangs off it (registered below).
  const deletions = new DeletionCascade(deps.logger);
  const signals =
    deps.signals &&
    new ProjectSignals({ signals: deps.signals, orgs, projects, platformAdmins, logger: deps.logger });
  const router = Router();
  addRateLimits(router, { config, httpAuth });
  router.use(express.json({ limit: '1mb' }));
  router.use(refuseDeepBodies());
  // Every domain router serves operations of the contract; `operations` lists what is served.
  const operations: Operation[] = [];
  const mount = (domainRouter: ReturnType<typeof Router>) => {
    operations.push(...servedOperations(domainRouter));
    router.use(domainRouter);
  };
  mount(createRootRouter({ db, version: deps.version, callers, access, orgs, usage }));
  mount(
    createOrganizationRouter({
      callers,
      access,
      audit,
      orgs,
      teams,
      usage,
      deletions,
      claimLocalRepository: (trx, org, url, by) => repositories.claimLocal(trx, org, url, by),
    }),
  );
  mount(createProjectRouter({ callers, access, audit, orgs, teams, projects, projectAccess, deletions }));
  mount(createEnvironmentRouter({ projectAccess, orgs, environments, deletions }));
  mount(createRepositoryRouter({ projectAccess, repositories }));
  const decisions = new PolicyDecisions((filter, limit) => auditStore.listMentioning(filter, limit));
  mount(createPolicyRouter({ callers, access, audit, policies, decisions }));
  // Parsing, editing and validating manifests run on worker threads, never on the event loop.
  const manifests = createManifestWork(config);
  const jobs = new JobQueue(db);
  const jobRunner = new JobRunner(jobs, {
    logger: deps.logger,
    pollMs: config.getOptionalNumber('juanie.jobs.pollIntervalMs'),
    concurrency: config.getOptionalNumber('juanie.jobs.concurrency'),
  });
  const deployments = createDeployments({
    ...deps,
    signals,
    audit,
    access,
    orgs,
    teams,
    projects,
    environments,
    repositories,
    policies,
    jobs,
    jobRunner,
    manifests,
    workingCopyFor: createWorkingCopies(config, paths, deps.logger),
  });
  // Deployments in flight in what is deleted end with it. The Flux objects Juanie generated for
  // the environments there are left in their clusters on purpose: their Kustomizations prune, so
  // deleting them would make Flux delete the running workloads too, and deleting an environment
  // in the portal means "stop deploying there", not "tear down what runs". Juanie stops
  // following them (nothing maps them to a live environment any more, and the simulated cluster
  // is not given them again at the next start); a platform team removes them with kubectl or
  // flux when it wants the workloads gone.
  deletions.onDeleting((trx, scope, actorRef) => deployments.closer.closeIn(trx, scope, actorRef));
  mount(createDeploymentRouter({ callers, audit, projectAccess, environments, ...deployments }));
  const clusters = createClusters({
    ...deps,
    tenancy,
    signals,
    paths,
    callers,
    access,
    audit,
    projectAccess,
    orgs,
    projects,
    environments,
    repositories,
    follower: deployments.follower,
    notifier: deployments.notifier,
  });
  deployments.onCommitted(async id => {
    const { org, project, env } = await deployments.targets.resolve(id);
    await clusters.status.recheck({ org, project, env });
  });
  mount(clusters.router);
  const pushes = new RepositoryPushes({ store: repositoryStore, audit, followers: clusters.pushFollowers, logger: deps.logger });
  mount(createGitOpsRouter({ callers, manifests }));
  const auditChains = new AuditChainVerifier(db, deps.logger);
  mount(createAuditRouter({ httpAuth, callers, access, orgs, store: auditStore, verifier: auditChains }));

  // The catalog provider reads everything as a service; users have no business here.
  const catalogSource = new CatalogSourceReader({ orgs, teams, projects, environments });
  const catalogRouter = operationRouter();
  catalogRouter.serve(juanieContract.getCatalogSource, async ({ req }) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    return await catalogSource.read();
  });
  mount(catalogRouter.router);

  return {
    router,
    /** The operations of the contract the router serves (all of them: a test holds it to that). */
    operations,
    paths,
    services: { audit, orgs, teams, projects, environments, repositories, policies },
    jobRunner,
    /** The manifest workers; stopped at shutdown. */
    manifests,
    /** Verifies every audit chain and stores each result; run by the scheduler. */
    verifyAuditChains: () => auditChains.verifyAll(),
    /** Ends approval requests that waited too long; run by the scheduler once across replicas. */
    expireDeployments: () => deployments.approvals.expireOverdue(),
    /** Fails committed deployments Flux did not apply in time; run by the scheduler. */
    timeOutDeployments: async () => {
      // Deployments an older version left in flight in deleted places end here.
      await deployments.closer.closeLeftInDeletedPlaces();
      // A missed event must not leave a deployment waiting: look at each environment again.
      await clusters.recheckAwaiting();
      return deployments.follower.timeOut(async (environmentId: string) => {
        const row = await db('gitops_resources').where({ environment_id: environmentId }).first('reconcile_timeout');
        return row?.reconcile_timeout ?? undefined;
      });
    },
    clusters,
    /** Hears GitHub and GitLab pushes through the events backend (once the clusters started). */
    listenForPushes: async () => {
      if (deps.events) await subscribeToPushEvents({ events: deps.events, pushes, logger: deps.logger });
    },
  };
}

/** The domain services, for seeds (createSeedContext) and for other parts of the plugin. */
export type JuanieServices = ReturnType<typeof createJuanie>['services'];
