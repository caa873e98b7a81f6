import {
  maxReplicasParamsSchema,
  requiredLabelsParamsSchema,
  requireResourcesParamsSchema,
} from '@juanie/plugin-juanie-common';
import {
  createPolicyRuleType,
  ManifestDocument,
  ManifestSet,
  PolicyRuleFinding,
  WorkloadInManifest,
} from '@juanie/plugin-juanie-node';
import { arrayAt, kustomizationsOf, objectAt, pathOf } from '../manifests/manifestDocuments';

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Built-in rule type `requireResources`. */
export const requireResourcesRule = createPolicyRuleType({
  type: 'requireResources',
  title: 'Require resources',
  description: 'Every container and init container sets the listed cpu and memory requests and limits.',
  paramsSchema: requireResourcesParamsSchema,
  evaluate: ({ params, manifests }) =>
    manifests.workloads.flatMap(workload =>
      workload.containers.flatMap((container): PolicyRuleFinding[] => {
        const resources = objectAt(container.content.resources);
        const missing = [
          ...(params.requests ?? []).filter(r => !isSet(objectAt(resources?.requests)?.[r])).map(r => `${r} request`),
          ...(params.limits ?? []).filter(r => !isSet(objectAt(resources?.limits)?.[r])).map(r => `${r} limit`),
        ];
        if (missing.length === 0) return [];
        const kind = container.init ? 'init container' : 'container';
        return [
          {
            file: workload.document.file,
            path: `${container.path}.resources`,
            message: `${workload.kind} ${workload.name}, ${kind} ${container.name}: sets no ${missing.join(', ')}`,
          },
        ];
      }),
    ),
});

const REPLICATED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet'];

/** Kustomize `replicas:` entries, which replace the count of the workloads they name. */
function replicasEntries(kustomization: ManifestDocument) {
  return arrayAt(kustomization.content.replicas).flatMap((entry, index) => {
    const fields = objectAt(entry);
    return typeof fields?.name === 'string' ? [{ name: fields.name, count: fields.count, index }] : [];
  });
}

function overriddenByKustomize(workload: WorkloadInManifest, manifests: ManifestSet) {
  return kustomizationsOf(manifests.kustomizations, workload.document.file).some(kustomization =>
    replicasEntries(kustomization).some(entry => entry.name === workload.name),
  );
}

/** Built-in rule type `maxReplicas`. */
export const maxReplicasRule = createPolicyRuleType({
  type: 'maxReplicas',
  title: 'Maximum replicas',
  description:
    'No Deployment, StatefulSet, autoscaler, Kustomize replicas entry or HelmRelease asks for more replicas than the maximum.',
  paramsSchema: maxReplicasParamsSchema,
  evaluate: ({ params: { max }, manifests }) => {
    const findings: PolicyRuleFinding[] = [];
    const check = (file: string, path: string, count: unknown, what: string) => {
      if (typeof count === 'number' && count > max) {
        findings.push({ file, path, message: `${what} asks for ${count} replicas; at most ${max} are allowed` });
      }
    };
    for (const workload of manifests.workloads) {
      if (!REPLICATED_KINDS.includes(workload.kind) || overriddenByKustomize(workload, manifests)) continue;
      const replicas = objectAt(workload.document.content.spec)?.replicas;
      // Kubernetes runs one replica when the field is absent.
      check(workload.document.file, 'spec.replicas', replicas ?? 1, `${workload.kind} ${workload.name}`);
    }
    for (const kustomization of manifests.kustomizations) {
      for (const entry of replicasEntries(kustomization)) {
        check(kustomization.file, pathOf(['replicas', entry.index, 'count']), entry.count, `Kustomize replicas entry ${entry.name}`);
      }
    }
    for (const document of manifests.documents) {
      const spec = objectAt(document.content.spec);
      const name = `${document.kind} ${document.name ?? '(unnamed)'}`;
      if (document.kind === 'HorizontalPodAutoscaler') {
        check(document.file, 'spec.maxReplicas', spec?.maxReplicas, name);
      }
      if (document.kind === 'HelmRelease') {
        const values = objectAt(spec?.values);
        check(document.file, 'spec.values.replicaCount', values?.replicaCount, name);
        check(document.file, 'spec.values.autoscaling.maxReplicas', objectAt(values?.autoscaling)?.maxReplicas, `${name} autoscaling`);
      }
    }
    return findings;
  },
});

/** Labels the workload's kustomizations add: to its metadata, and to its pod template. */
function kustomizeLabels(workload: WorkloadInManifest, manifests: ManifestSet) {
  const onMetadata = new Set<string>();
  const onTemplate = new Set<string>();
  for (const kustomization of kustomizationsOf(manifests.kustomizations, workload.document.file)) {
    for (const key of Object.keys(objectAt(kustomization.content.commonLabels) ?? {})) {
      onMetadata.add(key);
      onTemplate.add(key);
    }
    for (const entry of arrayAt(kustomization.content.labels)) {
      const fields = objectAt(entry);
      for (const key of Object.keys(objectAt(fields?.pairs) ?? {})) {
        onMetadata.add(key);
        if (fields?.includeTemplates === true) onTemplate.add(key);
      }
    }
  }
  return { onMetadata, onTemplate };
}

/** Built-in rule type `requiredLabels`. */
export const requiredLabelsRule = createPolicyRuleType({
  type: 'requiredLabels',
  title: 'Required labels',
  description: 'Every workload and its pod template carry the listed label keys (Kustomize labels count).',
  paramsSchema: requiredLabelsParamsSchema,
  evaluate: ({ params, manifests }) =>
    manifests.workloads.flatMap(workload => {
      const added = kustomizeLabels(workload, manifests);
      const missingAt = (metadataPath: string, fromKustomize: Set<string>) => {
        const metadata = metadataPath.split('.').reduce<unknown>((v, key) => objectAt(v)?.[key], workload.document.content);
        const labels = objectAt(objectAt(metadata)?.labels) ?? {};
        return params.labels.filter(key => !(key in labels) && !fromKustomize.has(key));
      };
      const findings: PolicyRuleFinding[] = [];
      const onMetadata = missingAt('metadata', added.onMetadata);
      const what = `${workload.kind} ${workload.name}`;
      if (onMetadata.length > 0) {
        findings.push({ file: workload.document.file, path: 'metadata.labels', message: `${what} has no label ${onMetadata.join(', ')}` });
      }
      if (workload.templateMetadataPath) {
        const onTemplate = missingAt(workload.templateMetadataPath, added.onTemplate);
        if (onTemplate.length > 0) {
          findings.push({
            file: workload.document.file,
            path: `${workload.templateMetadataPath}.labels`,
            message: `The pod template of ${what} has no label ${onTemplate.join(', ')}`,
          });
        }
      }
      return findings;
    }),
});
