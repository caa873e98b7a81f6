import { LoggerService } from '@backstage/backend-plugin-api';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  GIT_REPOSITORY,
  GitRepositoryObject,
  HELM_RELEASE,
  KUSTOMIZATION,
  requestedAt,
} from './fluxObjects';
import { fluxSystemObjects } from './fluxSystem';
import { GitRepositoryReconciler } from './GitRepositoryReconciler';
import { GitSource } from './GitSource';
import { HelmReleaseReconciler } from './HelmReleaseReconciler';
import { KubeApiServer, KubeChangeEvent } from './KubeApiServer';
import { KubeObject } from './ObjectStore';
import {
  InjectedFailure,
  KustomizationReconciler,
} from './KustomizationReconciler';

export type { InjectedFailure } from './KustomizationReconciler';

export interface FluxSimulatorOptions {
  /** The cluster whose Flux objects the simulator reconciles (in process, not over HTTP). */
  server: KubeApiServer;
  /** Where clones of followed repositories are cached; a temporary directory by default. */
  cacheDir?: string;
  /** How often sources are polled and everything reconciled (default 1,000 ms). */
  intervalMs?: number;
  /** Time between a Kustomization's "Reconciling" and final status (default 300 ms). */
  applyDelayMs?: number;
  logger?: LoggerService;
}

const FLUX_API_VERSIONS: string[] = [
  GIT_REPOSITORY,
  KUSTOMIZATION,
  HELM_RELEASE,
].map(k => k.apiVersion);

/** Whether a write may call for a reconciliation (our own status writes do not). */
function needsReconciliation({
  type,
  object,
  previous,
}: KubeChangeEvent): boolean {
  if (!FLUX_API_VERSIONS.includes(object.apiVersion)) return false;
  if (type !== 'MODIFIED' || !previous) return true;
  const artifact = (o: KubeObject) =>
    (o as GitRepositoryObject).status?.artifact?.revision;
  return (
    object.metadata.generation !== previous.metadata.generation ||
    requestedAt(object) !== requestedAt(previous) ||
    artifact(object) !== artifact(previous)
  );
}

/**
 * Plays Flux's source-controller, kustomize-controller and helm-controller against a
 * {@link KubeApiServer}: it follows GitRepositories with real git, applies the HelmReleases
 * of Kustomization paths, releases charts kept in git, and sets the status fields Flux
 * sets, so that Juanie's watcher sees what it would see on a cluster.
 * It can be told to fail a commit. It is also the local portal's simulated cluster.
 */
export class FluxSimulator {
  private readonly cacheDir: string;
  private readonly ownsCacheDir: boolean;
  private readonly sources: GitRepositoryReconciler;
  private readonly kustomizations: KustomizationReconciler;
  private readonly helmReleases: HelmReleaseReconciler;
  private readonly failures = new Map<string, InjectedFailure>();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private queued?: Promise<void>;
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly options: FluxSimulatorOptions) {
    this.ownsCacheDir = !options.cacheDir;
    this.cacheDir =
      options.cacheDir ??
      path.join(
        os.tmpdir(),
        `juanie-flux-simulator-${randomBytes(6).toString('hex')}`,
      );
    const git = new GitSource(this.cacheDir);
    this.sources = new GitRepositoryReconciler(
      options.server,
      git,
      options.logger,
    );
    this.kustomizations = new KustomizationReconciler({
      server: options.server,
      git,
      applyDelayMs: options.applyDelayMs ?? 300,
      failures: this.failures,
      logger: options.logger,
    });
    this.helmReleases = new HelmReleaseReconciler({
      server: options.server,
      git,
      applyDelayMs: options.applyDelayMs ?? 300,
      logger: options.logger,
    });
  }

  /** Reconciles now, then on every interval and soon after every relevant change. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.unsubscribe = this.options.server.onChange(event => {
      if (needsReconciliation(event)) this.schedule();
    });
    this.timer = setInterval(
      () => this.schedule(),
      this.options.intervalMs ?? 1000,
    );
    this.schedule();
  }

  /** Stops following changes and waits for the reconciliation under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    await this.tail;
    if (this.ownsCacheDir)
      await fs.rm(this.cacheDir, { recursive: true, force: true });
  }

  /** One full pass (sources first, then what builds from them); resolves when it is done. */
  reconcileNow(): Promise<void> {
    return this.schedule();
  }

  /** Makes the Kustomizations applying `sha` (a full sha or a prefix) fail with this reason. */
  failRevision(sha: string, failure: InjectedFailure): void {
    this.failures.set(sha, failure);
  }

  /** Forgets injected failures; what failed is attempted again on the next pass. */
  clearFailures(): void {
    this.failures.clear();
    this.kustomizations.retryFailed();
  }

  /** Creates what `flux install` leaves in a cluster: namespace, controllers and CRDs. */
  seedFluxSystem(): void {
    fluxSystemObjects().forEach(object => this.options.server.apply(object));
  }

  /**
   * Passes run one at a time; a pass asked for while one runs is queued once, and sees the
   * state as it is when it starts.
   */
  private schedule(): Promise<void> {
    if (!this.queued) {
      const pass = this.tail.then(() => {
        this.queued = undefined;
        return this.pass();
      });
      this.queued = pass;
      this.tail = pass.catch(error =>
        this.options.logger?.error(`Flux simulator pass failed: ${error}`),
      );
    }
    return this.queued;
  }

  private async pass(): Promise<void> {
    await this.sources.reconcileAll();
    // Kustomizations first: they apply the HelmReleases their paths contain.
    await this.kustomizations.reconcileAll();
    await this.helmReleases.reconcileAll();
  }
}
