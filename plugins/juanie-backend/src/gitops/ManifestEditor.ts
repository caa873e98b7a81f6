import { InputError } from '@backstage/errors';
import { FieldChange } from './FieldChange';
import { isRecord } from '@juanie/plugin-juanie-node';
import { autoscalerWarnings } from './autoscalers';
import { KustomizeLayout, readKustomizeLayout } from '@juanie/plugin-juanie-node';
import { applyPatches, patchSlotsFor } from '@juanie/plugin-juanie-node';
import { changeRemoteImage } from './remoteBases';
import { ManifestChange, manifestChangeSchema } from './ManifestChange';
import { ManifestWorkspace } from './ManifestWorkspace';
import { YamlParses } from '@juanie/plugin-juanie-node';
import {
  planWorkloadEdits,
  Workload,
  WORKLOAD_KINDS,
  WorkloadKind,
} from './WorkloadEdits';
import { WorkloadWriter } from './WorkloadWriter';

/** What to change where. */
export interface ManifestEditRequest {
  /**
   * The YAML files of the environment path, keyed by path relative to it. Kustomize bases
   * outside the path may be included with `../` keys; they are read, never edited.
   */
  files: Record<string, string>;
  /** `Kind/name`, e.g. `Deployment/web`; optional when the path has exactly one workload. */
  workload?: string;
  change: ManifestChange;
  /** Symbolic links in the path: a patch file Juanie creates never takes one of their names. */
  links?: string[];
}

/** The result of an edit: only the files that changed, and every field that changed. */
export interface ManifestEditResult {
  files: Record<string, string>;
  changes: FieldChange[];
  /** What a reviewer should know: the values path written, an autoscaler that overrides replicas. */
  notes: string[];
}

const SELECTOR =
  /^(Deployment|StatefulSet|DaemonSet|HelmRelease)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;

/**
 * Applies a {@link ManifestChange} to one workload of an environment path: plain manifests,
 * Kustomize overlays (`images:` entries and patches) and Flux HelmRelease values, keeping each
 * file's formatting so the diff shows only the changed lines.
 */
export class ManifestEditor {
  /** Applies the change; throws InputError when the workload or container is missing or ambiguous. */
  apply(
    request: ManifestEditRequest,
    parses: YamlParses = new YamlParses(),
  ): ManifestEditResult {
    const parsed = manifestChangeSchema.safeParse(request.change);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        i => `${i.path.join('.') || 'change'}: ${i.message}`,
      );
      throw new InputError(`Invalid manifest change: ${issues.join('; ')}`);
    }
    // Limits first: the workspace refuses an oversized file or an alias bomb before any edit.
    const workspace = new ManifestWorkspace(
      request.files,
      parses,
      request.links,
    );
    const layout = readKustomizeLayout(request.files, workspace.parses);
    const read = (file: string) => workspace.documents(file);
    const workload = this.selectWorkload(
      workspace,
      layout,
      request.workload,
      parsed.data,
    );
    if (!workload) return { ...workspace.result(), notes: [] };
    // Planned against the workload as the overlay builds it: a change keeps what patches set.
    const built = applyPatches(
      workload.value,
      patchSlotsFor(layout, read, workload.kind, workload.name),
    );
    const notes: string[] = [];
    const edits = planWorkloadEdits(
      { ...workload, value: built },
      parsed.data,
      notes,
    );
    if (parsed.data.replicas !== undefined)
      notes.push(...autoscalerWarnings(layout, read, workload, built));
    const writer = new WorkloadWriter(workspace, layout, workload, built);
    for (const edit of edits) writer.apply(edit);
    return { ...workspace.result(), notes };
  }

  /** The workload to change; undefined when the change went to a remote base's `images:` entry. */
  private selectWorkload(
    workspace: ManifestWorkspace,
    layout: KustomizeLayout,
    selector: string | undefined,
    change: ManifestChange,
  ): Workload | undefined {
    const workloads = this.findWorkloads(workspace, layout.resourceFiles);
    const listed =
      workloads.map(w => `${w.kind}/${w.name}`).join(', ') || 'none';
    if (selector === undefined) {
      if (workloads.length === 1) return workloads[0];
      if (workloads.length === 0) {
        const kinds = WORKLOAD_KINDS.join(', ');
        const remotes = layout.remoteResources.join(', ');
        if (remotes)
          throw new InputError(
            `The environment path has no ${kinds} Juanie can read; it builds from remote bases ` +
              `(${remotes}): name the workload as Kind/name to change its image through the ` +
              `kustomization's images: entry`,
          );
        throw new InputError(`The environment path has no ${kinds} to change`);
      }
      throw new InputError(
        `The environment path has ${workloads.length} workloads (${listed}); name one as Kind/name`,
      );
    }
    const match = SELECTOR.exec(selector);
    if (!match) {
      throw new InputError(
        `Workload "${selector}" must be Kind/name with kind one of ${WORKLOAD_KINDS.join(
          ', ',
        )}`,
      );
    }
    const found = workloads.filter(
      w => w.kind === match[1] && w.name === match[2],
    );
    if (found.length === 0 && layout.remoteResources.length > 0) {
      changeRemoteImage(workspace, layout, selector, change);
      return undefined;
    }
    if (found.length === 0)
      throw new InputError(
        `No ${selector} in the environment path; workloads there: ${listed}`,
      );
    if (found.length > 1) {
      throw new InputError(
        `${selector} is defined ${found.length} times (${found
          .map(w => w.file)
          .join(', ')})`,
      );
    }
    return found[0];
  }

  private findWorkloads(
    workspace: ManifestWorkspace,
    files: string[],
  ): Workload[] {
    const workloads: Workload[] = [];
    for (const file of [...files].sort()) {
      workspace.documents(file).forEach((value, document) => {
        if (
          !isRecord(value) ||
          !WORKLOAD_KINDS.includes(value.kind as WorkloadKind)
        )
          return;
        const name = isRecord(value.metadata) ? value.metadata.name : undefined;
        if (typeof name !== 'string') return;
        workloads.push({
          kind: value.kind as WorkloadKind,
          name,
          file,
          document,
          value,
        });
      });
    }
    return workloads;
  }
}
