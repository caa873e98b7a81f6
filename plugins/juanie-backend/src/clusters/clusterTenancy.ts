import { InputError, NotAllowedError } from '@backstage/errors';
import { ClusterSettings, TenantGrant } from './clusterConfig';

/**
 * Namespaces no organisation gets, whatever the configuration says: Flux's own and
 * Kubernetes' system namespaces belong to the platform.
 */
const PLATFORM_NAMESPACES = [/^flux-system$/, /^kube-.*$/];

/** Where an environment runs: its cluster (`null`: the first configured) and namespace. */
export interface Placement {
  cluster: string | null;
  namespace: string | null;
}

function patternOf(glob: string, org: string): RegExp {
  const escaped = glob
    .replaceAll('{org}', org)
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[a-z0-9-]*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Which organisations may use which cluster and namespaces: platform configuration
 * (`juanie.clusters[].tenants`), never an organisation owner's choice (docs/tenancy.md).
 */
export class ClusterTenancy {
  constructor(private readonly settings: ClusterSettings[]) {}

  /** The cluster of environments that name none. */
  get defaultCluster(): string | undefined {
    return this.settings[0]?.name;
  }

  clusterOf(env: { cluster: string | null }): string | undefined {
    return env.cluster ?? this.defaultCluster;
  }

  settingsOf(cluster: string | undefined): ClusterSettings | undefined {
    return this.settings.find(s => s.name === cluster);
  }

  /** The patterns of the namespaces the organisation may use in the cluster. */
  namespacesOf(org: string, cluster: string): string[] {
    return this.grantsOf(org, cluster).flatMap(grant => grant.namespaces.map(n => n.replaceAll('{org}', org)));
  }

  /**
   * Refuses a placement the platform did not grant the organisation: a cluster it may not use
   * (or that is not configured), a namespace outside its patterns, or a platform namespace.
   * An environment that names neither cluster nor namespace is not placed yet: nothing to check
   * until its Flux objects are applied (which needs a namespace).
   */
  checkPlacement(org: string, placement: Placement): void {
    if (this.settings.length === 0 || (placement.cluster === null && placement.namespace === null)) return;
    const cluster = this.clusterOf(placement)!;
    if (!this.settingsOf(cluster)) {
      throw new InputError(`Cluster ${cluster} is not configured in juanie.clusters`);
    }
    const grants = this.grantsOf(org, cluster);
    if (grants.length === 0) {
      throw new NotAllowedError(
        `Organisation ${org} may not use cluster ${cluster}: the platform's juanie.clusters[].tenants do not grant it`,
      );
    }
    const { namespace } = placement;
    if (namespace === null) return;
    if (PLATFORM_NAMESPACES.some(p => p.test(namespace))) {
      throw new NotAllowedError(`Namespace ${namespace} of cluster ${cluster} belongs to the platform; no organisation may use it`);
    }
    if (!grants.some(grant => grant.namespaces.some(glob => patternOf(glob, org).test(namespace)))) {
      throw new NotAllowedError(
        `Namespace ${namespace} of cluster ${cluster} is not one of organisation ${org}'s (allowed: ${this.namespacesOf(org, cluster).join(', ')})`,
      );
    }
  }

  private grantsOf(org: string, cluster: string): TenantGrant[] {
    const tenants = this.settingsOf(cluster)?.tenants ?? [];
    return tenants.filter(t => t.organization === org || t.organization === '*');
  }
}
