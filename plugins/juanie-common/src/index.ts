/**
 * Types, schemas, roles and permissions shared by Juanie's front end and back end.
 *
 * @packageDocumentation
 */
export * from './roles';
export * from './permissions';
export * from './api/common';
export * from './api/organizations';
export * from './api/projects';
export * from './api/environments';
export * from './api/repositories';
export * from './api/audit';
export * from './api/catalog';
export * from './api/policies';
export * from './api/manifestChanges';
export * from './api/deployments';
export * from './api/deploymentStates';
export * from './api/gitops';
export * from './api/fluxObjects';
export * from './contract';
