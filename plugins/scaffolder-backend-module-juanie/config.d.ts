export interface Config {
  juanie?: {
    scaffolder?: {
      /**
       * Directories under which `juanie:publish:git` may push to, and create, bare repositories
       * on the backend's machine (template parameters choose the path). Default: `juanie.dataDir`.
       * Relative paths are read from the backend's working directory.
       */
      localRepositoryRoots?: string[];
    };
  };
}
