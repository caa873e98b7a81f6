/**
 * Juanie's front end: organisations, projects, environments, GitOps deployments
 * and the audit trail.
 *
 * The default export is the plugin for the new frontend system
 * (`createApp({ features: [juaniePlugin] })`); legacy apps use
 * `juanieLegacyPlugin` and `JuaniePage`.
 *
 * @packageDocumentation
 */
export { juaniePlugin as default, juanieApi, juaniePage } from './plugin';
export { juanieLegacyPlugin, JuaniePage } from './legacy';
export {
  rootRouteRef,
  organizationRouteRef,
  teamRouteRef,
  projectRouteRef,
  auditRouteRef,
  deploymentRouteRef,
  approvalsRouteRef,
  clustersRouteRef,
} from './routes';
export * from './api';
