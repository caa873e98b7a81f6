/**
 * Node library of Juanie: permission resources and rules for policies and other backend modules.
 *
 * @packageDocumentation
 */
export * from './permissions/resources';
export * from './permissions/rules';
export * from './client/JuanieServiceClient';
export * from './policies';
export * from './events';
export * from './paths/juaniePaths';
export * from './git/integrationGrants';
export * from './git/gitAuthorization';
export * from './repositories/RepositoryUrlPolicy';
export * from './repositories/remoteAddresses';
export * from './repositories/RemoteGitError';
export * from './repositories/GitRemoteGuard';
export * from './gitops';
export * from './extensions/simulatedClusters';
export * from './extensions/startupSeeds';
