export interface Config {
  juanie?: {
    /**
     * Entity refs (users or groups) of platform administrators: they see every organisation
     * and project, and hold every Juanie permission under the Juanie policy module.
     */
    platformAdmins?: string[];
    /**
     * Where Juanie keeps files of its own on this machine. This and every other directory
     * below may be relative: each is read from the backend's working directory once, at start.
     */
    dataDir?: string;
    gitops?: {
      /**
       * Where this replica keeps its cached clones of GitOps repositories; never share one
       * between running replicas. Default: `<tmp>/juanie-gitops`.
       */
      cacheDir?: string;
      /** Who commits Juanie's changes (the requester is the author). */
      committer?: { name?: string; email?: string };
      /**
       * Worker threads that parse, edit and validate manifests off the event loop (previews,
       * commits, `POST /gitops/validate`). Default: the cores less one, from 1 to 4; 0 runs the
       * work on the request thread (a large file then holds every other request).
       */
      editorWorkers?: number;
      /**
       * Time budget of one manifest edit or validation on a worker, in milliseconds; past it the
       * worker is stopped and the request answers 503. Default 30000.
       */
      editorTimeoutMs?: number;
    };
    /**
     * Which repository URLs organisations may connect and the back end may contact (tenancy
     * rule 3, docs/tenancy.md). Remote URLs must be on a host of a configured integration
     * (`integrations.*`) or of `allowedHosts`; credentials in URLs are refused.
     */
    repositories?: {
      /**
       * Hosts (`name` or `name:port`) besides the integrations' whose repositories may be
       * connected, e.g. a public git server.
       */
      allowedHosts?: string[];
      /**
       * Allow remotes on loopback, link-local and private addresses (literal or resolved).
       * Default false: a tenant could otherwise make the back end probe its own network. Set it
       * for a self-hosted git server on a private network (allowed hosts still apply).
       */
      allowPrivateAddresses?: boolean;
      /**
       * Directories under which `file://` repositories may be connected (relative to the
       * backend's working directory; symbolic links and `..` are resolved). Each local
       * repository may still be connected only by the organisation it was created for (the
       * demo seed and the scaffolder's `juanie:publish:git` record that). Default: none.
       */
      localRoots?: string[];
      /**
       * Repository URLs more than one organisation may connect. Any other URL connected to one
       * organisation is refused (409) to the others.
       */
      shared?: string[];
    };
    /**
     * Which organisations may use the credentials of which integration host: `host` as in
     * `integrations.*` (`name` or `name:port`), `organizations` as slugs, or `'*'` for all.
     * Calls for an organisation without a grant for the host carry no credentials (the
     * repository must then be public). Default: no grants.
     */
    integrationGrants?: Array<{ host: string; organizations: string[] }>;
    git?: {
      /**
       * Seconds a call to a git remote (ls-remote, clone, fetch, push) may go without a sign of
       * life before it is stopped and answered with a 504. Default 30.
       */
      timeoutSeconds?: number;
    };
    /**
     * Kubernetes clusters with Flux. Environments name their cluster; those that name none use
     * the first one.
     */
    clusters?: Array<{
      name: string;
      /** API server URL; absent with `inCluster` or `simulated`. */
      url?: string;
      /** @visibility secret */
      serviceAccountToken?: string;
      /** Use the pod's service account (Backstage running in the cluster). */
      inCluster?: boolean;
      /** Base64 PEM of the API server's CA, or a file holding it. */
      caData?: string;
      caFile?: string;
      /** Accept any server certificate; for trials only (a warning is logged). */
      skipTLSVerify?: boolean;
      /** Namespaces to watch; default all. */
      namespaces?: string[];
      /**
       * The local portal's in-process simulated cluster (API server and Flux simulator), started
       * by `@juanie/plugin-juanie-backend-module-dev`: without that module Juanie refuses to start.
       */
      simulated?: boolean;
      /**
       * Which organisations may use this cluster, and which namespaces each may put
       * environments in. None when absent: an environment naming the cluster or a namespace
       * in it is refused (403). `flux-system` and `kube-*` are never granted.
       */
      tenants?: Array<{
        /** An organisation's slug, or `*` for every organisation. */
        organization: string;
        /**
         * Namespace patterns: `*` matches any run of lower-case letters, digits and dashes,
         * `{org}` stands for the organisation's slug (e.g. `{org}-*`).
         */
        namespaces: string[];
      }>;
      /**
       * The ClusterRole that each environment's service account is bound to, by a RoleBinding
       * in the environment's namespace only. Default `admin`.
       */
      tenantRole?: string;
    }>;
    /** Whether this replica watches the clusters (default true). */
    watchClusters?: boolean;
    /**
     * Per-user request limits of Juanie's API, per minute; over them a 429 with `Retry-After`.
     * Backstage's `backend.rateLimit` limits per IP address in front of them.
     */
    rateLimit?: {
      /** Requests a user may make per minute. Default 600. */
      perUser?: number;
      /**
       * Requests a user may make per minute to the expensive routes: deployment preview,
       * request and rollback, Flux operations and sync, audit export and chain verification. Default 60.
       */
      expensivePerUser?: number;
    };
    /** Flux events posted to `/api/events/http/flux` (module `eventsModuleJuanieFlux`). */
    fluxEvents?: {
      /**
       * The `token` of the Secret of Flux's `generic-hmac` Provider: events whose `X-Signature`
       * is not the HMAC of their body with it are refused. Without it every event is refused.
       * @visibility secret
       */
      hmacSecret?: string;
    };
    audit?: {
      /**
       * The scheduled verification of the audit hash chains (one per organisation, one for
       * the platform), run once across replicas; each chain's result is stored and shown on
       * the audit page, and a broken chain is logged as an error.
       */
      verification?: {
        /** Default true. */
        enabled?: boolean;
        /** How often, e.g. `{ hours: 1 }` or `PT1H`. Default every hour. */
        frequency?: { [unit: string]: number } | string;
        /** How long one run may take before it is stopped. Default 30 minutes. */
        timeout?: { [unit: string]: number } | string;
        /** How long after start the first run waits. Default 1 minute. */
        initialDelay?: { [unit: string]: number } | string;
      };
    };
    jobs?: {
      /**
       * Whether this replica runs durable jobs (commits, notifications). Default true; an
       * API-only replica can leave them to the others.
       */
      enabled?: boolean;
      /** How often an idle replica looks for jobs, in milliseconds. Default 1000. */
      pollIntervalMs?: number;
      /** Jobs this replica runs at once (always one per GitOps repository). Default 4. */
      concurrency?: number;
    };
  };
}
