import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { registerJuanieActions } from './actions/registerJuanieActions';
import {
  JuanieSeed,
  juaniePolicyRulesExtensionPoint,
  juanieSeedsExtensionPoint,
  JuanieSimulatedClusterProvider,
  juanieSimulatedClustersExtensionPoint,
} from '@juanie/plugin-juanie-node';
import { readFileSync } from 'node:fs';
import { readAuditVerificationSchedule } from './audit/verificationSchedule';
import { openDatabase } from './database/migrateDatabase';
import { PolicyRuleTypeRegistry } from './policies/PolicyRuleTypeRegistry';
import { createJuanie } from './service/createJuanie';
import { createSeedContext } from './service/seedChanges';

const { version } = JSON.parse(
  readFileSync(resolvePackagePath('@juanie/plugin-juanie-backend', 'package.json'), 'utf8'),
);

/**
 * Juanie's back end: organisations, projects, environments, GitOps deployments and the audit
 * trail, served at `/api/juanie`.
 *
 * @public
 */
export const juaniePlugin = createBackendPlugin({
  pluginId: 'juanie',
  register(env) {
    // Other backend modules add policy rule types here before the plugin starts.
    const policyRuleTypes = new PolicyRuleTypeRegistry();
    env.registerExtensionPoint(juaniePolicyRulesExtensionPoint, policyRuleTypes.extensionPoint);
    // Local and trial tools (@juanie/plugin-juanie-backend-module-dev) start simulated clusters
    // and seed data through these; production installs have none.
    let simulatedClusters: JuanieSimulatedClusterProvider | undefined;
    env.registerExtensionPoint(juanieSimulatedClustersExtensionPoint, {
      setProvider(provider) {
        if (simulatedClusters) throw new Error('Juanie already has a simulated cluster provider');
        simulatedClusters = provider;
      },
    });
    const seeds: JuanieSeed[] = [];
    env.registerExtensionPoint(juanieSeedsExtensionPoint, { addSeed: seed => void seeds.push(seed) });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        notifications: notificationService,
        signals: signalsServiceRef,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scheduler, lifecycle, actionsRegistry, auth, discovery, ...deps }) {
        const db = await openDatabase(deps.database);
        const juanie = createJuanie({ ...deps, db, version, policyRuleTypes, simulatedClusters });
        // Seeds run before Juanie serves requests and starts its clusters, which then see the data.
        for (const seed of seeds) await seed(createSeedContext(db, juanie.services));
        deps.httpRouter.use(juanie.router);
        registerJuanieActions({ actionsRegistry, auth, discovery });
        deps.httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        deps.httpRouter.addAuthPolicy({ path: '/openapi.json', allow: 'unauthenticated' });

        // Commits and notifications run as durable jobs in every replica; the database hands
        // each job to one of them.
        const jobsEnabled = deps.config.getOptionalBoolean('juanie.jobs.enabled') ?? true;
        if (jobsEnabled) juanie.jobRunner.start();
        lifecycle.addShutdownHook(async () => {
          if (jobsEnabled) await juanie.jobRunner.stop();
          // The manifest workers stop after the jobs, so a commit in progress finishes its edit.
          await juanie.manifests.close();
        });
        // Every replica watches its clusters: writes are idempotent, deployment moves conditional.
        await juanie.clusters.start({ watch: deps.config.getOptionalBoolean('juanie.watchClusters') ?? true });
        lifecycle.addShutdownHook(() => juanie.clusters.stop());
        await juanie.listenForPushes();
        await scheduler.scheduleTask({
          id: 'juanie-deployment-flux-timeout',
          scope: 'global',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          fn: async () => {
            const failed = await juanie.timeOutDeployments();
            if (failed > 0) deps.logger.info(`${failed} deployments timed out waiting for Flux`);
          },
        });
        await scheduler.scheduleTask({
          id: 'juanie-deployment-expiry',
          scope: 'global',
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          fn: async () => {
            const expired = await juanie.expireDeployments();
            if (expired > 0) deps.logger.info(`Expired ${expired} deployment requests`);
          },
        });
        const { enabled: verifyAudit, ...auditSchedule } = readAuditVerificationSchedule(deps.config);
        if (verifyAudit) {
          await scheduler.scheduleTask({
            id: 'juanie-audit-verification',
            ...auditSchedule,
            fn: async () => {
              const { held, broken } = await juanie.verifyAuditChains();
              deps.logger.info(`Verified ${held + broken} audit chains: ${held} held, ${broken} broken`);
            },
          });
        }
      },
    });
  },
});
