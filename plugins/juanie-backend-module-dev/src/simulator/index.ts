export { KubeApiServer } from './KubeApiServer';
export type { KubeApiServerOptions, KubeChangeEvent } from './KubeApiServer';
export { KubeApiError } from './KubeApiError';
export type { KubeObject, ObjectMeta } from './ObjectStore';
export { FluxSimulator } from './FluxSimulator';
export type { FluxSimulatorOptions, InjectedFailure } from './FluxSimulator';
export { kubeConfigFor } from './kubeConfigFor';
export { startSimulatedCluster } from './startSimulatedCluster';
export { GitSource } from './GitSource';
export { progressingStatus } from './kustomizationStatus';
export type {
  Condition,
  FluxStatus,
  GitRepositoryObject,
  HelmReleaseObject,
  HelmReleaseSnapshot,
  KustomizationObject,
} from './fluxObjects';
export { conditionOf, GIT_REPOSITORY, HELM_RELEASE, KUSTOMIZATION } from './fluxObjects';
export { helmGitOpsFiles } from './testing/helmFixtures';
