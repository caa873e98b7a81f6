export interface Config {
  juanie?: {
    /**
     * Entity refs (users or groups) of platform administrators: they see every organisation
     * and project, and hold every Juanie permission under the Juanie policy module.
     */
    platformAdmins?: string[];
    gitops?: {
      /**
       * Where this replica keeps its cached clones of GitOps repositories; never share one
       * between running replicas. Default: `<tmp>/juanie-gitops`.
       */
      cacheDir?: string;
      /** Who commits Juanie's changes (the requester is the author). */
      committer?: { name?: string; email?: string };
    };
    demo?: {
      /**
       * Load the demo organisation, teams, project and environments once, into an empty
       * database. For the local portal only.
       */
      seed?: boolean;
    };
  };
}
