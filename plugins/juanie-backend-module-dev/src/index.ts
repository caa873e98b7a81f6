/**
 * Juanie's local and development tools, as a backend module: the simulated cluster (a
 * Kubernetes API server double and a Flux simulator) and the demo seed. The simulator is also
 * exported for the tests and benchmarks of other Juanie packages.
 *
 * @packageDocumentation
 */
export { juanieModuleDev as default } from './module';
export * from './simulator';
export { ensureDemoGitOpsRepository } from './demo/ensureDemoGitOpsRepository';
export { seedDemoData } from './demo/seedDemoData';
export { SHOP_ENVIRONMENTS, SHOP_GITOPS_FILES, shopOverlayPath } from './demo/shopGitOpsFiles';
