import { getAtPath, isRecord } from '@juanie/plugin-juanie-node';
import { KustomizeLayout } from '@juanie/plugin-juanie-node';
import { buildObjects, DocumentReader } from '@juanie/plugin-juanie-node';
import type { Workload } from './WorkloadEdits';

/** Kinds that set a workload's replicas themselves through `spec.scaleTargetRef`. */
const AUTOSCALER_KINDS = ['HorizontalPodAutoscaler', 'ScaledObject'];

/**
 * Warnings for a replicas change on a workload whose replicas an autoscaler sets: an HPA (or a
 * KEDA ScaledObject) in the environment path, or a HelmRelease with `autoscaling.enabled`.
 */
export function autoscalerWarnings(
  layout: KustomizeLayout,
  read: DocumentReader,
  workload: Workload,
  built: Record<string, unknown>,
): string[] {
  const target = `${workload.kind}/${workload.name}`;
  if (workload.kind === 'HelmRelease') {
    const enabled = getAtPath(built, [
      'spec',
      'values',
      'autoscaling',
      'enabled',
    ]);
    return enabled === true
      ? [
          `${target} has spec.values.autoscaling.enabled: its chart's autoscaler sets the number of replicas, which may override this change`,
        ]
      : [];
  }
  return buildObjects(layout, read)
    .filter(({ value }) => AUTOSCALER_KINDS.includes(value.kind as string))
    .filter(({ value }) => {
      const ref = getAtPath(value, ['spec', 'scaleTargetRef']);
      // A ScaledObject's target kind defaults to Deployment.
      const kind = isRecord(ref) ? ref.kind ?? 'Deployment' : undefined;
      return (
        isRecord(ref) && kind === workload.kind && ref.name === workload.name
      );
    })
    .map(({ value, file }) => {
      const name = getAtPath(value, ['metadata', 'name']);
      const min = getAtPath(value, ['spec', 'minReplicas']);
      const max = getAtPath(value, ['spec', 'maxReplicas']);
      const range =
        min !== undefined || max !== undefined
          ? ` (${min ?? 1} to ${max ?? '?'} replicas)`
          : '';
      return `${target} is scaled by ${value.kind}/${name}${range} in ${file}: the autoscaler sets spec.replicas, so this change lasts only until it next scales`;
    });
}
