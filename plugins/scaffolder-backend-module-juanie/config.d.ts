export interface Config {
  juanie?: {
    scaffolder?: {
      /**
       * Directories under which `juanie:publish:git` may push to, and create, bare repositories
       * on the backend's machine (template parameters choose the path). Default: `juanie.dataDir`.
       * Relative paths are read from the backend's working directory.
       */
      localRepositoryRoots?: string[];
      /**
       * URLs `juanie:webhook:register` may point webhooks at besides Backstage's own events
       * endpoint (`<backend.baseUrl>/api/events/http/<github|gitlab>`), e.g. a proxy in front
       * of it. Hooks carry the events module's secret, so any other URL is refused. Compared
       * as whole URLs. Default: none.
       */
      allowedWebhookUrls?: string[];
    };
  };
}
