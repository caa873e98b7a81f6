import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GIT_REPOSITORY,
  GitRepositoryObject,
  kubeTime,
  removeCondition,
  requestedAt,
  setCondition,
} from './fluxObjects';
import { GitSource } from './GitSource';
import { KubeApiServer } from './KubeApiServer';

/** The first line of an error, without git's "fatal: " prefix. */
const firstLine = (error: unknown) =>
  String((error as Error)?.message ?? error)
    .split('\n')
    .map(line => line.replace(/^(fatal|error): /, '').trim())
    .find(Boolean) ?? 'unknown error';

/**
 * Plays source-controller for GitRepositories: resolves `spec.ref.branch` of `spec.url`
 * and publishes `<branch>@sha1:<sha>` as the artifact revision, with the conditions
 * source-controller sets.
 */
export class GitRepositoryReconciler {
  constructor(
    private readonly server: KubeApiServer,
    private readonly git: GitSource,
    private readonly logger?: LoggerService,
  ) {}

  async reconcileAll(): Promise<void> {
    const repositories = this.server.list(
      GIT_REPOSITORY.apiVersion,
      GIT_REPOSITORY.kind,
    );
    await Promise.all(
      repositories.map(repository =>
        this.reconcile(repository as GitRepositoryObject),
      ),
    );
  }

  private async reconcile(repository: GitRepositoryObject): Promise<void> {
    const { spec = {}, metadata } = repository;
    const handled = requestedAt(repository)
      ? { lastHandledReconcileAt: requestedAt(repository) }
      : {};
    if (spec.suspend) {
      this.writeStatus(repository, handled);
      return;
    }
    // Flux follows `master` when no ref is given.
    const branch = spec.ref?.branch ?? 'master';
    try {
      if (!spec.ref?.branch && Object.keys(spec.ref ?? {}).length > 0)
        throw new Error(
          'the Flux simulator follows branches only (spec.ref.branch)',
        );
      const sha = await this.git.resolveBranch(spec.url ?? '', branch);
      this.writeStatus(repository, {
        ...this.succeeded(repository, `${branch}@sha1:${sha}`),
        ...handled,
      });
    } catch (error) {
      const message = `failed to checkout and determine revision: unable to list remote for '${
        spec.url
      }': ${firstLine(error)}`;
      this.logger?.debug(
        `GitRepository ${metadata.namespace}/${metadata.name}: ${message}`,
      );
      this.writeStatus(repository, {
        ...this.failed(repository, message),
        ...handled,
      });
    }
  }

  private succeeded(repository: GitRepositoryObject, revision: string) {
    const { name, namespace, generation } = repository.metadata;
    const status = repository.status ?? {};
    const sha = revision.split('@sha1:')[1];
    const path = `gitrepository/${namespace}/${name}/${sha}.tar.gz`;
    const artifact =
      status.artifact?.revision === revision
        ? status.artifact
        : {
            revision,
            path,
            url: `http://source-controller.flux-system.svc.cluster.local./${path}`,
            lastUpdateTime: kubeTime(),
          };
    const message = `stored artifact for revision '${revision}'`;
    let conditions = removeCondition(status.conditions, 'FetchFailed');
    conditions = setCondition(conditions, {
      type: 'Ready',
      status: 'True',
      reason: 'Succeeded',
      message,
      observedGeneration: generation,
    });
    conditions = setCondition(conditions, {
      type: 'ArtifactInStorage',
      status: 'True',
      reason: 'Succeeded',
      message,
      observedGeneration: generation,
    });
    return { observedGeneration: generation, artifact, conditions };
  }

  /** The last artifact stays: Flux keeps serving it while the remote is unreachable. */
  private failed(repository: GitRepositoryObject, message: string) {
    const { generation } = repository.metadata;
    let conditions = setCondition(repository.status?.conditions, {
      type: 'Ready',
      status: 'False',
      reason: 'GitOperationFailed',
      message,
      observedGeneration: generation,
    });
    conditions = setCondition(conditions, {
      type: 'FetchFailed',
      status: 'True',
      reason: 'GitOperationFailed',
      message,
      observedGeneration: generation,
    });
    return { conditions };
  }

  private writeStatus(repository: GitRepositoryObject, status: object): void {
    const { namespace, name } = repository.metadata;
    try {
      this.server.patchStatus(
        GIT_REPOSITORY.apiVersion,
        GIT_REPOSITORY.kind,
        namespace,
        name,
        status,
      );
    } catch (error) {
      // Deleted while git was answering: nothing left to report on.
      this.logger?.debug(
        `GitRepository ${namespace}/${name} is gone: ${error}`,
      );
    }
  }
}
