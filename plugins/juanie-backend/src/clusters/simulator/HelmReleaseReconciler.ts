import { LoggerService } from '@backstage/backend-plugin-api';
import {
  conditionOf,
  HELM_RELEASE,
  HelmReleaseObject,
  requestedAt,
  setCondition,
} from './fluxObjects';
import { KubeApiServer } from './KubeApiServer';

/**
 * A minimal helm-controller: every new generation (or reconcile request) of a HelmRelease
 * "installs" it the first time and "upgrades" it afterwards, always successfully. Charts
 * are not fetched nor rendered.
 */
export class HelmReleaseReconciler {
  private readonly handled = new Map<string, string>();

  constructor(
    private readonly server: KubeApiServer,
    private readonly logger?: LoggerService,
  ) {}

  reconcileAll(): void {
    const releases = this.server.list(
      HELM_RELEASE.apiVersion,
      HELM_RELEASE.kind,
    );
    for (const release of releases as HelmReleaseObject[]) {
      const key = `${release.metadata.generation}|${
        requestedAt(release) ?? ''
      }`;
      if (
        !release.spec?.suspend &&
        this.handled.get(release.metadata.uid ?? '') !== key
      ) {
        this.release(release);
        this.handled.set(release.metadata.uid ?? '', key);
      }
    }
  }

  private release(release: HelmReleaseObject): void {
    const { namespace, name, generation } = release.metadata;
    const installed = conditionOf(release.status, 'Released') !== undefined;
    const reason = installed ? 'UpgradeSucceeded' : 'InstallSucceeded';
    const chart = release.spec?.chart?.spec;
    const message = `Helm ${
      installed ? 'upgrade' : 'install'
    } succeeded for release ${namespace}/${
      release.spec?.releaseName ?? name
    } with chart ${chart?.chart ?? 'unknown'}@${chart?.version ?? '*'}`;
    let conditions = setCondition(release.status?.conditions, {
      type: 'Ready',
      status: 'True',
      reason,
      message,
      observedGeneration: generation,
    });
    conditions = setCondition(conditions, {
      type: 'Released',
      status: 'True',
      reason,
      message,
      observedGeneration: generation,
    });
    const handled = requestedAt(release);
    try {
      this.server.patchStatus(
        HELM_RELEASE.apiVersion,
        HELM_RELEASE.kind,
        namespace,
        name,
        {
          observedGeneration: generation,
          conditions,
          ...(handled ? { lastHandledReconcileAt: handled } : {}),
        },
      );
    } catch (error) {
      this.logger?.debug(`HelmRelease ${namespace}/${name} is gone: ${error}`);
    }
  }
}
