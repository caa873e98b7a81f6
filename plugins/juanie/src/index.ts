/**
 * Juanie's front end: organisations, projects, environments, GitOps deployments
 * and the audit trail.
 *
 * The default export is the plugin for the new frontend system
 * (`createApp({ features: [juaniePlugin] })`); with the catalog plugin it also
 * puts Deployments and GitOps tabs and an Environments card on the page of
 * every Component or System annotated `juanie.io/project: <org>/<project>`.
 * Legacy apps use `juanieLegacyPlugin`, `JuaniePage` and the `EntityJuanie*`
 * components with `isJuanieProjectEntity`.
 *
 * @packageDocumentation
 */
export {
  juaniePlugin as default,
  juanieApi,
  juaniePage,
  juanieDeploymentsEntityContent,
  juanieGitOpsEntityContent,
  juanieEnvironmentsEntityCard,
} from './plugin';
export {
  juanieLegacyPlugin,
  JuaniePage,
  EntityJuanieDeploymentsContent,
  EntityJuanieGitOpsContent,
  EntityJuanieEnvironmentsCard,
} from './legacy';
export {
  JUANIE_PROJECT_ANNOTATION,
  isJuanieProjectEntity,
  juanieProjectOf,
} from './entity/annotations';
export type { JuanieProjectRef } from './entity/annotations';
export {
  rootRouteRef,
  organizationRouteRef,
  teamRouteRef,
  projectRouteRef,
  auditRouteRef,
  deploymentRouteRef,
  approvalsRouteRef,
  clustersRouteRef,
  entityDeploymentsRouteRef,
  entityGitOpsRouteRef,
} from './routes';
export * from './api';
