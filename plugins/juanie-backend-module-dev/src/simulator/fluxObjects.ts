import type { KubeObject } from './ObjectStore';

/** A kstatus condition as the Flux controllers write it. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** The status fields every Flux object shares. */
export interface FluxStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  lastHandledReconcileAt?: string;
}

export interface GitRepositoryObject extends KubeObject {
  spec?: {
    url?: string;
    ref?: {
      branch?: string;
      tag?: string;
      semver?: string;
      commit?: string;
      name?: string;
    };
    interval?: string;
    suspend?: boolean;
  };
  status?: FluxStatus & {
    artifact?: {
      revision: string;
      path: string;
      url: string;
      lastUpdateTime: string;
    };
  };
}

export interface KustomizationObject extends KubeObject {
  spec?: {
    path?: string;
    sourceRef?: { kind?: string; name?: string; namespace?: string };
    suspend?: boolean;
    interval?: string;
    timeout?: string;
    targetNamespace?: string;
    /** The account kustomize-controller impersonates (tenantLockdown.ts). */
    serviceAccountName?: string;
  };
  status?: FluxStatus & {
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
  };
}

/** One Helm release helm-controller made, as `status.history` lists them (newest first). */
export interface HelmReleaseSnapshot {
  /** Checksum of the release object in Helm's storage, `sha256:<hex>`. */
  digest: string;
  name: string;
  namespace: string;
  /** Helm's release version (1 for the install, then one more per upgrade). */
  version: number;
  status:
    | 'deployed'
    | 'failed'
    | 'superseded'
    | 'pending-install'
    | 'pending-upgrade';
  chartName: string;
  /** The chart's version; `<version>+<sha12>` for a chart built from a git revision. */
  chartVersion: string;
  /** Checksum of the values the release was made with, `sha256:<hex>`. */
  configDigest: string;
  firstDeployed: string;
  lastDeployed: string;
}

export interface HelmReleaseObject extends KubeObject {
  spec?: {
    suspend?: boolean;
    releaseName?: string;
    targetNamespace?: string;
    storageNamespace?: string;
    /** The account helm-controller impersonates (tenantLockdown.ts). */
    serviceAccountName?: string;
    chart?: {
      spec?: {
        chart?: string;
        version?: string;
        sourceRef?: { kind?: string; name?: string; namespace?: string };
        reconcileStrategy?: 'ChartVersion' | 'Revision';
      };
    };
    values?: unknown;
  };
  status?: FluxStatus & {
    helmChart?: string;
    storageNamespace?: string;
    history?: HelmReleaseSnapshot[];
    lastAttemptedGeneration?: number;
    lastAttemptedReleaseAction?: 'install' | 'upgrade';
    lastAttemptedRevision?: string;
    lastAttemptedConfigDigest?: string;
    /** Deprecated in v2 (the history says it) but still written. */
    lastAppliedRevision?: string;
    failures?: number;
    installFailures?: number;
    upgradeFailures?: number;
  };
}

export const GIT_REPOSITORY = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
} as const;
export const KUSTOMIZATION = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
} as const;
export const HELM_RELEASE = {
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
} as const;

/** Set to a new value (a timestamp) to ask for a reconciliation now. */
export const REQUESTED_AT_ANNOTATION = 'reconcile.fluxcd.io/requestedAt';

export function requestedAt(object: KubeObject): string | undefined {
  return object.metadata.annotations?.[REQUESTED_AT_ANNOTATION];
}

/** RFC 3339 to the second, as Kubernetes writes times. */
export function kubeTime(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

export function conditionOf(
  status: FluxStatus | undefined,
  type: string,
): Condition | undefined {
  return status?.conditions?.find(c => c.type === type);
}

/** Ready first, then the others by type, so that statuses compare equal when unchanged. */
const byType = (a: Condition, b: Condition) => {
  if (a.type === 'Ready' || b.type === 'Ready')
    return a.type === 'Ready' ? -1 : 1;
  return a.type.localeCompare(b.type);
};

/**
 * Sets a condition. Its lastTransitionTime moves only when its status does, as with Flux's
 * condition helpers, so a repeated result writes nothing new.
 */
export function setCondition(
  conditions: Condition[] | undefined,
  condition: Omit<Condition, 'lastTransitionTime'>,
): Condition[] {
  const previous = conditions?.find(c => c.type === condition.type);
  const lastTransitionTime =
    previous?.status === condition.status
      ? previous.lastTransitionTime
      : kubeTime();
  return [
    ...(conditions ?? []).filter(c => c.type !== condition.type),
    { ...condition, lastTransitionTime },
  ].sort(byType);
}

export function removeCondition(
  conditions: Condition[] | undefined,
  type: string,
): Condition[] {
  return (conditions ?? []).filter(c => c.type !== type);
}
