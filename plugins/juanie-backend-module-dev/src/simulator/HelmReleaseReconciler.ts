import { LoggerService } from '@backstage/backend-plugin-api';
import { setTimeout as sleep } from 'node:timers/promises';
import { repositoryPath } from '@juanie/plugin-juanie-node';
import {
  conditionOf,
  GIT_REPOSITORY,
  GitRepositoryObject,
  HELM_RELEASE,
  HelmReleaseObject,
  requestedAt,
  setCondition,
} from './fluxObjects';
import { GitSource } from './GitSource';
import {
  checkValuesSchema,
  coalesceValues,
  digestOf,
  HelmChartError,
  LoadedChart,
  loadChart,
} from './helmChart';
import { Failure } from './kustomizationStatus';
import {
  accountOf,
  crossNamespaceRef,
  forbiddenObject,
  reachOf,
} from './tenantLockdown';
import {
  actionOf,
  notReleasedStatus,
  progressingStatus,
  ReleaseAttempt,
  releasedStatus,
} from './helmReleaseStatus';
import { KubeApiServer } from './KubeApiServer';

export interface HelmReleaseReconcilerOptions {
  server: KubeApiServer;
  git: GitSource;
  /** Time between the "Reconciling" and the final status writes. */
  applyDelayMs: number;
  logger?: LoggerService;
}

type Outcome = 'released' | 'failed' | 'transient';

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Plays helm-controller (API v2). For a chart in a GitRepository (`spec.chart.spec.sourceRef`
 * of kind GitRepository, `spec.chart.spec.chart` a path in the repository) it does what
 * source-controller's HelmChart and helm-controller do together: reads the chart at the
 * source's revision (version `<Chart.yaml version>+<sha12>` with `reconcileStrategy:
 * Revision`), checks that Chart.yaml names the chart and a version, that values.yaml and
 * the release's values are maps and that the coalesced values meet values.schema.json (the
 * keywords helmChart.ts checks), then installs or upgrades: Ready/Released with
 * InstallSucceeded or UpgradeSucceeded, or InstallFailed/UpgradeFailed with Helm's message,
 * and the history, attempted revision and config digest as helm-controller writes them.
 * Locked down as a multi-tenant cluster (tenantLockdown.ts): a chart source in another
 * namespace is refused, and so is a release its service account may not write.
 * Templates are not rendered. A chart from a Helm or OCI repository cannot be fetched here
 * and is taken to be the chart and version the spec names.
 */
export class HelmReleaseReconciler {
  /** What each release (by uid) was last reconciled for, and how it went. */
  private readonly attempts = new Map<
    string,
    { key: string; outcome: Outcome }
  >();

  constructor(private readonly options: HelmReleaseReconcilerOptions) {}

  async reconcileAll(): Promise<void> {
    const releases = this.options.server.list(
      HELM_RELEASE.apiVersion,
      HELM_RELEASE.kind,
    ) as HelmReleaseObject[];
    await Promise.all(
      releases.map(release => this.reconcileIfChanged(release)),
    );
    const present = new Set(releases.map(r => r.metadata.uid));
    [...this.attempts.keys()]
      .filter(uid => !present.has(uid))
      .forEach(uid => this.attempts.delete(uid));
  }

  private async reconcileIfChanged(release: HelmReleaseObject): Promise<void> {
    const { uid = '', generation } = release.metadata;
    if (release.spec?.suspend) {
      this.writeStatus(release, {
        lastHandledReconcileAt: requestedAt(release),
      });
      return;
    }
    const source = this.sourceOf(release);
    const revision = source?.status?.artifact?.revision ?? '';
    const key = `${revision}|${generation}|${requestedAt(release) ?? ''}`;
    const last = this.attempts.get(uid);
    if (last?.key === key && last.outcome !== 'transient') return;
    this.attempts.set(uid, {
      key,
      outcome: await this.reconcile(release, source, revision),
    });
  }

  private sourceOf(
    release: HelmReleaseObject,
  ): GitRepositoryObject | undefined {
    const sourceRef = release.spec?.chart?.spec?.sourceRef;
    if (sourceRef?.kind !== GIT_REPOSITORY.kind) return undefined;
    return this.options.server.get(
      GIT_REPOSITORY.apiVersion,
      GIT_REPOSITORY.kind,
      sourceRef.namespace ?? release.metadata.namespace,
      sourceRef.name ?? '',
    ) as GitRepositoryObject | undefined;
  }

  private async reconcile(
    release: HelmReleaseObject,
    source: GitRepositoryObject | undefined,
    revision: string,
  ): Promise<Outcome> {
    const chartSpec = release.spec?.chart?.spec ?? {};
    const { namespace, name } = release.metadata;
    const refused = this.lockedDown(release);
    if (refused) {
      this.writeStatus(
        release,
        notReleasedStatus(release, refused.reason, refused.message ?? ''),
      );
      return 'failed';
    }
    const helmChart = `${
      chartSpec.sourceRef?.namespace ?? namespace
    }/${namespace}-${name}`;
    let chart: LoadedChart;
    let schema: string | undefined;
    if (chartSpec.sourceRef?.kind !== GIT_REPOSITORY.kind) {
      chart = {
        name: chartSpec.chart ?? name,
        version: chartSpec.version ?? '*',
        defaults: {},
      };
    } else if (!source) {
      const message = `could not get Source object: GitRepository.source.toolkit.fluxcd.io "${chartSpec.sourceRef?.name}" not found`;
      this.writeStatus(
        release,
        notReleasedStatus(release, 'ArtifactFailed', message),
      );
      return 'transient';
    } else if (!revision) {
      this.writeStatus(
        release,
        notReleasedStatus(
          release,
          'ArtifactFailed',
          `HelmChart '${helmChart}' is not ready: source artifact not found`,
        ),
      );
      return 'transient';
    } else {
      const [branch, sha] = revision.split('@sha1:');
      const path = repositoryPath(
        (chartSpec.chart ?? '').replace(/^(\.\/)+|^\/+/, ''),
      );
      let files: Record<string, string>;
      try {
        ({ files, schema } = await this.options.git.readChart(
          source.spec?.url ?? '',
          branch,
          sha,
          path,
        ));
      } catch (error) {
        const message = `HelmChart '${helmChart}' is not ready: failed to fetch artifact for revision ${revision}: ${error}`;
        this.writeStatus(
          release,
          notReleasedStatus(release, 'ArtifactFailed', message),
        );
        return 'transient';
      }
      try {
        const metadata =
          chartSpec.reconcileStrategy === 'Revision'
            ? sha.slice(0, 12)
            : undefined;
        chart = loadChart(path, files, metadata);
      } catch (error) {
        if (!(error instanceof HelmChartError)) throw error;
        const message = `HelmChart '${helmChart}' is not ready: chart build failed for revision ${revision}: ${error.message}`;
        this.writeStatus(
          release,
          notReleasedStatus(release, 'ArtifactFailed', message),
        );
        return 'failed';
      }
    }
    return this.release(release, chart, schema, helmChart);
  }

  /**
   * What the lock-down refuses (tenantLockdown.ts): a chart source in another namespace, or a
   * release whose service account may not write its target or storage namespace (Helm keeps
   * releases in Secrets there), as helm-controller reports the refused action.
   */
  private lockedDown(release: HelmReleaseObject): Failure | undefined {
    const crossRef = crossNamespaceRef(release, release.spec?.chart?.spec?.sourceRef);
    if (crossRef) return crossRef;
    const namespace = release.metadata.namespace ?? 'default';
    const account = accountOf(release);
    const reach = reachOf(this.options.server, namespace, account);
    const { name } = release.metadata;
    const storage = release.spec?.storageNamespace ?? namespace;
    const target = release.spec?.targetNamespace ?? namespace;
    const forbidden = forbiddenObject(reach, { namespace, account }, [
      { apiVersion: 'v1', kind: 'Secret', name: `sh.helm.release.v1.${name}`, namespace: storage },
      { apiVersion: 'v1', kind: 'Secret', name: `sh.helm.release.v1.${name}`, namespace: target },
    ]);
    if (!forbidden) return undefined;
    const action = actionOf(release);
    return {
      reason: action === 'install' ? 'InstallFailed' : 'UpgradeFailed',
      message: `Helm ${action} failed for release ${target}/${name}: ${forbidden.message}`,
    };
  }

  /** The Helm action: nothing when the deployed release has this chart and these values. */
  private async release(
    release: HelmReleaseObject,
    chart: LoadedChart,
    schema: string | undefined,
    helmChart: string,
  ): Promise<Outcome> {
    const values = release.spec?.values ?? {};
    const attempt: ReleaseAttempt = {
      chartName: chart.name,
      chartVersion: chart.version,
      configDigest: digestOf(values),
      helmChart,
    };
    const latest = release.status?.history?.[0];
    if (
      latest?.status === 'deployed' &&
      latest.chartVersion === attempt.chartVersion &&
      latest.configDigest === attempt.configDigest
    ) {
      this.markInSync(release);
      return 'released';
    }
    this.writeStatus(release, progressingStatus(release, attempt));
    await sleep(this.options.applyDelayMs);
    let error: string | undefined;
    try {
      if (!isMap(values)) throw new HelmChartError('values must be a map');
      checkValuesSchema(
        chart.name,
        schema,
        coalesceValues(chart.defaults, values),
      );
    } catch (failure) {
      if (!(failure instanceof HelmChartError)) throw failure;
      error = failure.message;
    }
    const { namespace, name } = release.metadata;
    const current = this.options.server.get(
      HELM_RELEASE.apiVersion,
      HELM_RELEASE.kind,
      namespace,
      name,
    ) as HelmReleaseObject | undefined;
    if (current)
      this.writeStatus(
        release,
        releasedStatus(
          release,
          current,
          attempt,
          s => digestOf({ ...s, digest: undefined }),
          error,
        ),
      );
    return error ? 'failed' : 'released';
  }

  /** A new generation that changes neither chart nor values: observed, Ready as it was. */
  private markInSync(release: HelmReleaseObject): void {
    const { generation } = release.metadata;
    const ready = conditionOf(release.status, 'Ready');
    const released = conditionOf(release.status, 'Released');
    const conditions = setCondition(release.status?.conditions, {
      type: 'Ready',
      status: 'True',
      reason:
        released?.status === 'True'
          ? released.reason
          : ready?.reason ?? 'UpgradeSucceeded',
      message:
        released?.status === 'True'
          ? released.message
          : ready?.message ?? 'Helm release is in sync',
      observedGeneration: generation,
    });
    this.writeStatus(release, {
      conditions,
      observedGeneration: generation,
      lastAttemptedGeneration: generation,
      lastHandledReconcileAt: requestedAt(release),
    });
  }

  private writeStatus(release: HelmReleaseObject, status: object): void {
    const { namespace, name } = release.metadata;
    try {
      this.options.server.patchStatus(
        HELM_RELEASE.apiVersion,
        HELM_RELEASE.kind,
        namespace,
        name,
        status,
      );
    } catch (error) {
      this.options.logger?.debug(
        `HelmRelease ${namespace}/${name} is gone: ${error}`,
      );
    }
  }
}
