import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DEFAULT_TENANT_ROLE } from '@juanie/plugin-juanie-common';
import { KubeConfig } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';

/** One cluster from `juanie.clusters`. */
export interface ClusterSettings {
  name: string;
  /** API server URL; absent for `inCluster` and for simulated clusters (a module starts them). */
  url?: string;
  serviceAccountToken?: string;
  inCluster: boolean;
  caData?: string;
  skipTLSVerify: boolean;
  /** Namespaces to watch; empty: all. */
  namespaces: string[];
  /**
   * The local portal's simulated cluster: started by the module that provides simulated clusters
   * (`@juanie/plugin-juanie-backend-module-dev`); the UI says the cluster is simulated.
   */
  simulated: boolean;
  /** Which organisations may use the cluster, and which namespaces: none when empty. */
  tenants: TenantGrant[];
  /** The ClusterRole an environment's service account is bound to in its namespace. */
  tenantRole: string;
}

/** One entry of `juanie.clusters[].tenants`. */
export interface TenantGrant {
  /** An organisation's slug, or `*` for every organisation. */
  organization: string;
  /** Namespace patterns: `*` matches any run of characters, `{org}` the organisation's slug. */
  namespaces: string[];
}

function readTenants(cluster: Config): TenantGrant[] {
  return (cluster.getOptionalConfigArray('tenants') ?? []).map(tenant => ({
    organization: tenant.getString('organization'),
    namespaces: tenant.getStringArray('namespaces'),
  }));
}

export function readClusterSettings(config: Config): ClusterSettings[] {
  const clusters = config.getOptionalConfigArray('juanie.clusters') ?? [];
  const names = new Set<string>();
  return clusters.map(cluster => {
    const name = cluster.getString('name');
    if (names.has(name)) throw new InputError(`juanie.clusters has two clusters named ${name}`);
    names.add(name);
    const caFile = cluster.getOptionalString('caFile');
    return {
      name,
      url: cluster.getOptionalString('url'),
      serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
      inCluster: cluster.getOptionalBoolean('inCluster') ?? false,
      caData: cluster.getOptionalString('caData') ?? (caFile ? readFileSync(caFile).toString('base64') : undefined),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      namespaces: cluster.getOptionalStringArray('namespaces') ?? [],
      simulated: cluster.getOptionalBoolean('simulated') ?? false,
      tenants: readTenants(cluster),
      tenantRole: cluster.getOptionalString('tenantRole') ?? DEFAULT_TENANT_ROLE,
    };
  });
}

/** A client configuration for the cluster (`url` given for simulated clusters once started). */
export function kubeConfigOf(cluster: ClusterSettings, url = cluster.url): KubeConfig {
  const kc = new KubeConfig();
  if (cluster.inCluster) {
    kc.loadFromCluster();
    return kc;
  }
  if (!url) throw new InputError(`Cluster ${cluster.name} needs a url (or inCluster: true)`);
  kc.loadFromOptions({
    // A plain-http server (the simulated cluster on 127.0.0.1) has no certificate to verify; the
    // client refuses http unless told so.
    clusters: [
      {
        name: cluster.name,
        server: url,
        caData: cluster.caData,
        skipTLSVerify: cluster.skipTLSVerify || url.startsWith('http://'),
      },
    ],
    users: [{ name: 'juanie', token: cluster.serviceAccountToken }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'juanie' }],
    currentContext: cluster.name,
  });
  return kc;
}
