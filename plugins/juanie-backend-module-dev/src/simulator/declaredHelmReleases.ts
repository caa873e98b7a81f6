import { parseAllDocuments } from 'yaml';
import {
  HELM_RELEASE,
  HelmReleaseObject,
  KustomizationObject,
} from './fluxObjects';

/** The labels kustomize-controller puts on every object it applies: who applied it. */
export const APPLIED_BY_NAME_LABEL = 'kustomize.toolkit.fluxcd.io/name';
export const APPLIED_BY_NAMESPACE_LABEL =
  'kustomize.toolkit.fluxcd.io/namespace';

const isYaml = (file: string) => /\.ya?ml$/.test(file);

/**
 * The HelmReleases a Kustomization's path declares (from the files the build reads, keyed
 * relative to the path, bases as `../base/...`), as kustomize-controller would apply them:
 * in `spec.targetNamespace`, else their own namespace, else the Kustomization's, and
 * labelled with the Kustomization that applied them. A release declared both in a base and
 * in the path itself is taken from the path; kustomize patches are not applied.
 */
export function declaredHelmReleases(
  kustomization: KustomizationObject,
  files: Record<string, string>,
): HelmReleaseObject[] {
  const { name, namespace } = kustomization.metadata;
  const target = (
    kustomization.spec as { targetNamespace?: string } | undefined
  )?.targetNamespace;
  const found = new Map<string, HelmReleaseObject>();
  // Bases first, so that the path's own declarations win.
  const ordered = Object.keys(files)
    .filter(isYaml)
    .sort(
      (a, b) => Number(!a.startsWith('../')) - Number(!b.startsWith('../')),
    );
  for (const file of ordered) {
    for (const document of parseAllDocuments(files[file]) as ReturnType<
      typeof parseAllDocuments
    > &
      unknown[]) {
      if (document.errors.length) continue;
      const object = document.toJS() as HelmReleaseObject | null;
      if (
        object?.apiVersion !== HELM_RELEASE.apiVersion ||
        object.kind !== HELM_RELEASE.kind ||
        !object.metadata?.name
      )
        continue;
      const releaseNamespace =
        target ?? object.metadata.namespace ?? namespace ?? 'default';
      const labels = {
        ...object.metadata.labels,
        [APPLIED_BY_NAME_LABEL]: name,
        [APPLIED_BY_NAMESPACE_LABEL]: namespace ?? 'default',
      };
      found.set(`${releaseNamespace}/${object.metadata.name}`, {
        ...object,
        metadata: { ...object.metadata, namespace: releaseNamespace, labels },
      });
    }
  }
  return [...found.values()];
}
