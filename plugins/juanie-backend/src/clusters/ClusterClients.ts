import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import {
  ApiextensionsV1Api,
  AppsV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { ClusterSettings, kubeConfigOf } from './clusterConfig';
import { FluxKind } from './fluxKinds';
import { JUANIE_FIELD_MANAGER } from './fluxObjectsFor';

/** Flux's health in one cluster (docs/environments-and-flux.md, "Actions"). */
export interface FluxHealth {
  controllers: Array<{ name: string; ready: boolean; message: string | null }>;
  crds: Array<{ name: string; versions: string[] }>;
  healthy: boolean;
}

const CONTROLLERS = ['source-controller', 'kustomize-controller', 'helm-controller', 'notification-controller'];

/** Talks to one cluster's API server with the real Kubernetes client. */
export class ClusterClient {
  readonly kubeConfig: KubeConfig;

  constructor(
    readonly settings: ClusterSettings,
    url?: string,
  ) {
    this.kubeConfig = kubeConfigOf(settings, url);
  }

  /** A JSON merge patch of a Flux object (annotations, `spec.suspend`). */
  async mergePatch(kind: FluxKind, namespace: string, name: string, patch: object): Promise<void> {
    const api = this.kubeConfig.makeApiClient(CustomObjectsApi);
    await this.unavailableOnNetworkError(() =>
      api.patchNamespacedCustomObject(
        { group: kind.group, version: kind.version, plural: kind.plural, namespace, name, body: patch },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
  }

  /** One Flux object as the cluster has it now. */
  async getObject(kind: FluxKind, namespace: string, name: string): Promise<unknown> {
    const api = this.kubeConfig.makeApiClient(CustomObjectsApi);
    return this.unavailableOnNetworkError(() =>
      api.getNamespacedCustomObject({ group: kind.group, version: kind.version, plural: kind.plural, namespace, name }),
    );
  }

  /**
   * Creates or updates objects with server-side apply, as field manager `juanie`, without force:
   * a field another manager owns is a conflict (409), never taken over. Callers check first that
   * the objects are theirs (clusters/environmentFlux.ts).
   */
  async apply(objects: KubernetesObject[]): Promise<void> {
    const api = KubernetesObjectApi.makeApiClient(this.kubeConfig);
    for (const object of objects) {
      await this.unavailableOnNetworkError(() =>
        api.patch(object, undefined, undefined, JUANIE_FIELD_MANAGER, false, PatchStrategy.ServerSideApply),
      ).catch(error => {
        if ((error as { code?: number }).code !== 409) throw error;
        throw new ConflictError(
          `${object.kind} ${object.metadata?.namespace}/${object.metadata?.name} in cluster ${this.settings.name}: another field manager owns fields Juanie applies; Juanie does not force them`,
        );
      });
    }
  }

  /** The object as the cluster has it now (managed fields included), or undefined. */
  async read(object: KubernetesObject): Promise<KubernetesObject | undefined> {
    const api = KubernetesObjectApi.makeApiClient(this.kubeConfig);
    const { apiVersion, kind } = object;
    const { name = '', namespace } = object.metadata ?? {};
    return this.unavailableOnNetworkError(() => api.read({ apiVersion, kind, metadata: { name, namespace } })).catch(error => {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    });
  }

  async delete(objects: KubernetesObject[]): Promise<void> {
    const api = KubernetesObjectApi.makeApiClient(this.kubeConfig);
    for (const object of objects) {
      await this.unavailableOnNetworkError(() => api.delete(object)).catch(error => {
        if ((error as { code?: number }).code !== 404) throw error;
      });
    }
  }

  /** Controllers in `flux-system` and the Flux CRDs with their served versions. */
  async fluxHealth(): Promise<FluxHealth> {
    const apps = this.kubeConfig.makeApiClient(AppsV1Api);
    const extensions = this.kubeConfig.makeApiClient(ApiextensionsV1Api);
    const deployments = await apps.listNamespacedDeployment({ namespace: 'flux-system' });
    const controllers = CONTROLLERS.filter(name => name !== 'helm-controller' || deployments.items.some(d => d.metadata?.name === name)).map(name => {
      const deployment = deployments.items.find(d => d.metadata?.name === name);
      const available = deployment?.status?.conditions?.find(c => c.type === 'Available');
      const ready = Boolean(deployment) && (deployment?.status?.readyReplicas ?? 0) >= 1;
      return {
        name,
        ready,
        message: deployment ? available?.message ?? null : 'not installed in flux-system',
      };
    });
    const crds = (await extensions.listCustomResourceDefinition())
      .items.filter(crd => crd.spec.group.endsWith('.toolkit.fluxcd.io'))
      .map(crd => ({ name: crd.metadata?.name ?? '', versions: crd.spec.versions.filter(v => v.served).map(v => v.name) }));
    return { controllers, crds, healthy: controllers.every(c => c.ready) && crds.length > 0 };
  }

  private async unavailableOnNetworkError<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if ((error as { code?: unknown }).code === undefined && !(error as { body?: unknown }).body) {
        throw new ServiceUnavailableError(`Cluster ${this.settings.name} is unreachable: ${(error as Error).message}`);
      }
      throw error;
    }
  }
}
