import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { setTimeout as sleep } from 'node:timers/promises';
import { repositoryPath } from '@juanie/plugin-juanie-node';
import {
  GIT_REPOSITORY,
  GitRepositoryObject,
  KUSTOMIZATION,
  KustomizationObject,
  requestedAt,
} from './fluxObjects';
import { GitSource } from './GitSource';
import { KubeApiServer } from './KubeApiServer';
import { declaredHelmReleases } from './declaredHelmReleases';
import { builtObjects, checkKustomizeBuild } from './kustomizeBuild';
import {
  accountOf,
  crossNamespaceRef,
  forbiddenObject,
  reachOf,
} from './tenantLockdown';
import {
  Failure,
  finishedStatus,
  progressingStatus,
} from './kustomizationStatus';

/** A failure the simulator is told to report for a commit, after attempting it. */
export interface InjectedFailure extends Failure {
  /** `HealthCheckFailed`, `BuildFailed`, or any Flux reason. */
  reason: string;
}

export interface KustomizationReconcilerOptions {
  server: KubeApiServer;
  git: GitSource;
  /** Time between the "Reconciling" and the final status writes. */
  applyDelayMs: number;
  /** Failures to report, by commit sha (or a prefix of it). */
  failures: Map<string, InjectedFailure>;
  logger?: LoggerService;
}

/**
 * Plays kustomize-controller for Kustomizations whose source is a GitRepository: when the
 * source's revision, the generation or the reconcile request changes, it marks the object
 * Reconciling, "builds" the path at that commit, applies the HelmReleases the path declares
 * (the other objects are only checked), then reports Ready (with lastAppliedRevision) or
 * the failure, as kustomize-controller does. Locked down as a multi-tenant cluster
 * (tenantLockdown.ts): a source in another namespace is refused, and a build that reaches
 * beyond what the Kustomization's service account is bound to fails.
 */
export class KustomizationReconciler {
  /**
   * What each object (by uid) was last reconciled for (source revision, generation and
   * reconcile request) and how it went: `transient` failures are attempted again.
   */
  private readonly attempts = new Map<
    string,
    { key: string; outcome: 'applied' | 'failed' | 'transient' }
  >();

  constructor(private readonly options: KustomizationReconcilerOptions) {}

  async reconcileAll(): Promise<void> {
    const { server } = this.options;
    const objects = server.list(
      KUSTOMIZATION.apiVersion,
      KUSTOMIZATION.kind,
    ) as KustomizationObject[];
    await Promise.all(objects.map(object => this.reconcileIfChanged(object)));
    const present = new Set(objects.map(o => o.metadata.uid));
    [...this.attempts.keys()]
      .filter(uid => !present.has(uid))
      .forEach(uid => this.attempts.delete(uid));
  }

  /** Attempts again what failed, on the next pass (after `clearFailures`). */
  retryFailed(): void {
    [...this.attempts]
      .filter(([, attempt]) => attempt.outcome === 'failed')
      .forEach(([uid]) => this.attempts.delete(uid));
  }

  private async reconcileIfChanged(object: KustomizationObject): Promise<void> {
    const { uid = '', generation } = object.metadata;
    if (object.spec?.suspend) {
      // Flux skips suspended objects but still acknowledges a reconcile request.
      this.writeStatus(object, { lastHandledReconcileAt: requestedAt(object) });
      return;
    }
    const source = this.sourceOf(object);
    const revision = source?.status?.artifact?.revision ?? '';
    const key = `${revision}|${generation}|${requestedAt(object) ?? ''}`;
    const last = this.attempts.get(uid);
    if (last?.key === key && last.outcome !== 'transient') return;
    const failure = await this.reconcile(object, source, revision);
    // A missing source or a git hiccup may pass soon; a commit that does not build will not.
    let outcome: 'applied' | 'failed' | 'transient' = 'applied';
    if (failure)
      outcome = failure.reason === 'ArtifactFailed' ? 'transient' : 'failed';
    this.attempts.set(uid, { key, outcome });
  }

  private sourceOf(
    object: KustomizationObject,
  ): GitRepositoryObject | undefined {
    const { sourceRef = {} } = object.spec ?? {};
    if (sourceRef.kind !== GIT_REPOSITORY.kind) return undefined;
    const namespace = sourceRef.namespace ?? object.metadata.namespace;
    return this.options.server.get(
      GIT_REPOSITORY.apiVersion,
      GIT_REPOSITORY.kind,
      namespace,
      sourceRef.name ?? '',
    ) as GitRepositoryObject | undefined;
  }

  private async reconcile(
    object: KustomizationObject,
    source: GitRepositoryObject | undefined,
    revision: string,
  ) {
    const sourceRef = object.spec?.sourceRef ?? {};
    let failure: Failure | undefined = crossNamespaceRef(object, sourceRef);
    if (failure) {
      // refused before anything is fetched, as with --no-cross-namespace-refs
    } else if (sourceRef.kind !== GIT_REPOSITORY.kind) {
      failure = {
        reason: 'ArtifactFailed',
        message: `source kind '${sourceRef.kind}' is not simulated; the Flux simulator follows GitRepository sources only`,
      };
    } else if (!source) {
      failure = {
        reason: 'ArtifactFailed',
        message: `GitRepository.source.toolkit.fluxcd.io "${sourceRef.name}" not found`,
      };
    } else if (!revision) {
      failure = {
        reason: 'ArtifactFailed',
        message: 'Source artifact not found, retrying in 30s',
      };
    } else {
      this.writeStatus(object, progressingStatus(object, revision));
      await sleep(this.options.applyDelayMs);
      const built = await this.build(object, source, revision);
      failure =
        built.failure ??
        this.forbidden(object, built.files) ??
        this.injectedFailure(revision);
      if (!failure) this.applyHelmReleases(object, built.files);
    }
    this.finish(object, revision, failure);
    return failure;
  }

  private async build(
    object: KustomizationObject,
    source: GitRepositoryObject,
    revision: string,
  ) {
    try {
      // Flux reads the path relative to the artifact's root, whatever its leading ./ or /.
      const path = repositoryPath(
        (object.spec?.path ?? '').replace(/^\/+/, ''),
      );
      const [branch, sha] = revision.split('@sha1:');
      const files = await this.options.git.readPath(
        source.spec?.url ?? '',
        branch,
        sha,
        path,
      );
      return { files, failure: checkKustomizeBuild(path, files) };
    } catch (error) {
      const failure: Failure =
        error instanceof InputError
          ? {
              reason: 'BuildFailed',
              message: `kustomize build failed: ${error.message}`,
            }
          : {
              reason: 'ArtifactFailed',
              message: `failed to fetch artifact for revision ${revision}: ${error}`,
            };
      return { files: {}, failure };
    }
  }

  /**
   * The first built object the Kustomization's service account may not write (the lock-down
   * of tenantLockdown.ts): kustomize-controller's dry run fails on it and nothing is applied.
   */
  private forbidden(
    object: KustomizationObject,
    files: Record<string, string>,
  ): Failure | undefined {
    const namespace = object.metadata.namespace ?? 'default';
    const account = accountOf(object);
    const target = object.spec?.targetNamespace;
    const objects = builtObjects(files).map(o => ({
      ...o,
      namespace: target ?? o.namespace ?? namespace,
    }));
    const reach = reachOf(this.options.server, namespace, account);
    return forbiddenObject(reach, { namespace, account }, objects);
  }

  /** What a path declares for helm-controller is applied, so that it releases it. */
  private applyHelmReleases(
    object: KustomizationObject,
    files: Record<string, string>,
  ): void {
    for (const release of declaredHelmReleases(object, files)) {
      try {
        this.options.server.applyDeclared(release);
      } catch (error) {
        this.options.logger?.warn(
          `Kustomization ${object.metadata.namespace}/${object.metadata.name} could not apply HelmRelease ${release.metadata.name}: ${error}`,
        );
      }
    }
  }

  private injectedFailure(revision: string): InjectedFailure | undefined {
    const sha = revision.split('@sha1:')[1] ?? '';
    const entry = [...this.options.failures].find(([prefix]) =>
      sha.startsWith(prefix),
    );
    if (!entry) return undefined;
    const { reason, message } = entry[1];
    return {
      reason,
      message: message ?? `${reason} for revision ${revision} (simulated)`,
    };
  }

  /** The final write; conditions are read again, as the "Reconciling" write changed them. */
  private finish(
    object: KustomizationObject,
    revision: string,
    failure?: Failure,
  ): void {
    const { namespace, name } = object.metadata;
    const current = this.options.server.get(
      KUSTOMIZATION.apiVersion,
      KUSTOMIZATION.kind,
      namespace,
      name,
    ) as KustomizationObject | undefined;
    if (current)
      this.writeStatus(
        object,
        finishedStatus(object, current, revision, failure),
      );
  }

  private writeStatus(object: KustomizationObject, status: object): void {
    const { namespace, name } = object.metadata;
    try {
      this.options.server.patchStatus(
        KUSTOMIZATION.apiVersion,
        KUSTOMIZATION.kind,
        namespace,
        name,
        status,
      );
    } catch (error) {
      this.options.logger?.debug(
        `Kustomization ${namespace}/${name} is gone: ${error}`,
      );
    }
  }
}
