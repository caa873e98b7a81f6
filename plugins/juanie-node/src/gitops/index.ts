/*
 * GitOps plumbing shared by Juanie's backend packages: git clones with an isolated
 * environment, checked git inputs, reading and validating an environment's Kustomize
 * overlay. The back end edits and commits through it; the dev module's Flux simulator
 * reads the same repositories through it, so both read a repository the same way.
 */
export * from './FieldPath';
export * from './GitClone';
export * from './KustomizeLayout';
export * from './ManifestValidator';
export * from './SegmentParseCache';
export * from './fluxSubstitution';
export * from './gitInputs';
export * from './manifestShapes';
export * from './overlayBuild';
export * from './overlayMerge';
export * from './parseYamlDocuments';
