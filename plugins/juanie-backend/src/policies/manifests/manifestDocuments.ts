import { InputError } from '@backstage/errors';
import { ManifestDocument } from '@juanie/plugin-juanie-node';
import { parseAllDocuments } from 'yaml';

const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);
const directoryOf = (file: string) => file.slice(0, Math.max(0, file.lastIndexOf('/')));

/** Files a policy reads: YAML, and Kustomize's extension-less `Kustomization`. */
const isManifestFile = (file: string) =>
  /\.ya?ml$/i.test(file) || KUSTOMIZATION_FILE_NAMES.includes(baseName(file));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Plain objects only; anything else reads as absent. */
export const objectAt = (value: unknown): Record<string, unknown> | undefined =>
  isObject(value) ? value : undefined;

/** Arrays only; anything else reads as empty. */
export const arrayAt = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** `['spec', 'containers', 0, 'image']` → `spec.containers[0].image`. */
export function pathOf(segments: Array<string | number>): string {
  return segments
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join('');
}

/**
 * Every YAML document of the manifest files, as plain data. A file that is not valid YAML is
 * refused: a policy cannot vouch for what it cannot read.
 */
export function parseManifestDocuments(files: Record<string, string>): ManifestDocument[] {
  const documents: ManifestDocument[] = [];
  for (const file of Object.keys(files).sort()) {
    if (!isManifestFile(file)) continue;
    // `<<` merge keys read as in Kubernetes tooling: an image merged in is an image the policy checks.
    parseAllDocuments(files[file], { merge: true }).forEach((document, index) => {
      const [error] = document.errors;
      if (error) {
        throw new InputError(`${file} (document ${index + 1}) is not valid YAML: ${error.message}`);
      }
      const content = document.toJS({ maxAliasCount: 100 });
      if (!isObject(content)) return;
      const metadata = objectAt(content.metadata);
      documents.push({
        file,
        index,
        kind: typeof content.kind === 'string' ? content.kind : undefined,
        apiVersion: typeof content.apiVersion === 'string' ? content.apiVersion : undefined,
        name: typeof metadata?.name === 'string' ? metadata.name : undefined,
        content,
      });
    });
  }
  return documents;
}

/** Kustomize's own `kustomization.yaml` (not Flux's `Kustomization` resource). */
export function isKustomization(document: ManifestDocument): boolean {
  if (document.apiVersion?.startsWith('kustomize.config.k8s.io/')) return true;
  return KUSTOMIZATION_FILE_NAMES.includes(baseName(document.file)) && !document.apiVersion?.includes('fluxcd.io');
}

/** A kustomization applies to the files of its directory and below. */
export function kustomizationApplies(kustomization: ManifestDocument, file: string): boolean {
  const directory = directoryOf(kustomization.file);
  return directory === '' || file.startsWith(`${directory}/`);
}

/**
 * The kustomizations that apply to a file, innermost first: that is the order in which
 * Kustomize applies them (a base, then the overlays that include it).
 */
export function kustomizationsOf(kustomizations: ManifestDocument[], file: string): ManifestDocument[] {
  const depth = (document: ManifestDocument) => document.file.split('/').length;
  return kustomizations
    .filter(kustomization => kustomizationApplies(kustomization, file))
    .sort((a, b) => depth(b) - depth(a));
}
