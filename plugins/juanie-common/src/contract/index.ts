import { auditOperations } from './audit';
import { deploymentOperations } from './deployments';
import { gitopsOperations } from './gitops';
import { organizationOperations } from './organizations';
import { policyOperations } from './policies';
import { projectOperations } from './projects';
import { rootOperations } from './root';

export * from './operation';
export { PROJECT_PATH } from './projects';

/**
 * Every route of Juanie's HTTP API, by operation id. The back end serves exactly these; the
 * OpenAPI document, the front end's and the services' clients and the MCP actions are built
 * from them.
 * @public
 */
export const juanieContract = {
  ...rootOperations,
  ...organizationOperations,
  ...projectOperations,
  ...policyOperations,
  ...deploymentOperations,
  ...gitopsOperations,
  ...auditOperations,
};

/** @public */
export type JuanieContract = typeof juanieContract;
/** @public */
export type OperationId = keyof JuanieContract;
export * from './fetchOperation';
