export { KubeApiServer } from './KubeApiServer';
export type { KubeApiServerOptions, KubeChangeEvent } from './KubeApiServer';
export { KubeApiError } from './KubeApiError';
export type { KubeObject, ObjectMeta } from './ObjectStore';
export { FluxSimulator } from './FluxSimulator';
export type { FluxSimulatorOptions, InjectedFailure } from './FluxSimulator';
export { kubeConfigFor } from './kubeConfigFor';
