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
    webhooks?: {
      /**
       * Secret of the push webhooks `juanie:webhook:register` creates. Default: the events
       * module's `events.modules.github.webhookSecret` / `events.modules.gitlab.webhookSecret`,
       * which is what the events backend checks deliveries against.
       * @visibility secret
       */
      secret?: string;
    };
  };
}
