export interface Config {
  juanie?: {
    demo?: {
      /**
       * Load the demo organisation, teams, project, environments (deploying from a local GitOps
       * repository) and policies once, into an empty database. For the local portal only.
       */
      seed?: boolean;
      /**
       * Where the seed creates the demo project's bare GitOps repository (served to the
       * environments as `file://`), unless one is there already. Default: `gitops/shop.git`
       * under `juanie.dataDir`, else `<tmp>/juanie-demo/shop.git`.
       */
      gitopsRepositoryDir?: string;
    };
  };
}
