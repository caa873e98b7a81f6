import { posix } from 'node:path';
import { InputError } from '@backstage/errors';
import { FieldPath, isRecord } from './FieldPath';
import { parseYamlValues, YamlParses } from './parseYamlDocuments';

/** File names Kustomize looks for in a directory, in its order of preference. */
export const KUSTOMIZATION_FILE_NAMES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/** Which objects a Kustomize patch applies to. */
export interface PatchTarget {
  kind?: string;
  name?: string;
  /** Patches chosen by label or annotation selectors are never edited by Juanie. */
  bySelector: boolean;
}

/** One entry of the environment kustomization's patch lists. */
export interface PatchEntry {
  list: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902';
  index: number;
  /** The patch file (key of the files map), for patches kept in their own file. */
  file?: string;
  /** Where the patch text sits in the kustomization document, for inline patches. */
  inline?: FieldPath;
  target?: PatchTarget;
}

/** What the kustomization at the root of an environment path builds. */
export interface KustomizeLayout {
  /** The root kustomization file, when the path has one. */
  kustomization?: string;
  /** Files whose documents are resources (not patches, not kustomizations). */
  resourceFiles: string[];
  /** The root kustomization's patches in the order Kustomize applies them. */
  patches: PatchEntry[];
  /** Remote bases (git URLs, OCI) the kustomizations build from; Juanie does not read them. */
  remoteResources: string[];
}

export const isYamlFile = (file: string) =>
  /\.ya?ml$/.test(file) || posix.basename(file) === 'Kustomization';
const isKustomizationFile = (file: string) =>
  KUSTOMIZATION_FILE_NAMES.includes(posix.basename(file));
// Remote bases (git URLs, OCI) are built by Flux from elsewhere; they are never edited here.
const isRemote = (entry: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
  /^(github\.com|gitlab\.com|git@)/.test(entry);

/** Joins a kustomization entry to its directory, both relative to the environment path. */
export function joinRelative(dir: string, entry: string): string {
  const joined = posix.normalize(posix.join(dir || '.', entry));
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/** The kustomization file of a directory, if the files map holds one. */
export function kustomizationIn(
  files: Record<string, string>,
  dir: string,
): string | undefined {
  return KUSTOMIZATION_FILE_NAMES.map(name => joinRelative(dir, name)).find(
    f => f in files,
  );
}

/** The first document of a kustomization file as a plain value. */
export function readKustomization(
  files: Record<string, string>,
  file: string,
  parses?: YamlParses,
): Record<string, unknown> {
  const [value] = parseYamlValues(file, files[file], parses);
  return isRecord(value) ? value : {};
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

const allInputs = (kustomization: Record<string, unknown>) => [
  ...stringList(kustomization.resources),
  ...stringList(kustomization.bases),
  ...stringList(kustomization.components),
];

/** Directories and files a kustomization builds from (`resources`, `bases`, `components`). */
function buildInputs(kustomization: Record<string, unknown>): string[] {
  return allInputs(kustomization).filter(entry => !isRemote(entry));
}

/**
 * Directories the kustomizations in `files` build from but that `files` does not hold yet
 * (bases outside the environment path), relative to the environment path.
 */
export function missingKustomizeInputs(
  files: Record<string, string>,
): string[] {
  const missing = new Set<string>();
  const visited = new Set<string>();
  const visit = (dir: string) => {
    const file = kustomizationIn(files, dir);
    if (!file || visited.has(dir)) return;
    visited.add(dir);
    for (const entry of buildInputs(readKustomization(files, file))) {
      const input = joinRelative(dir, entry);
      if (input in files) continue;
      if (kustomizationIn(files, input)) visit(input);
      else if (!Object.keys(files).some(f => f.startsWith(`${input}/`)))
        missing.add(input);
    }
  };
  visit('');
  return [...missing];
}

function targetOf(value: unknown): PatchTarget | undefined {
  if (!isRecord(value)) return undefined;
  return {
    kind: typeof value.kind === 'string' ? value.kind : undefined,
    name: typeof value.name === 'string' ? value.name : undefined,
    bySelector:
      value.labelSelector !== undefined ||
      value.annotationSelector !== undefined,
  };
}

function readPatches(
  kustomization: Record<string, unknown>,
  files: Record<string, string>,
): PatchEntry[] {
  const entries: PatchEntry[] = [];
  const lists = [
    'patchesStrategicMerge',
    'patchesJson6902',
    'patches',
  ] as const;
  for (const list of lists) {
    const items = kustomization[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, index) => {
      if (typeof item === 'string') {
        // patchesStrategicMerge holds either file names or inline patches.
        const file = joinRelative('', item);
        entries.push(
          file in files
            ? { list, index, file }
            : { list, index, inline: [list, index] },
        );
      } else if (isRecord(item) && typeof item.path === 'string') {
        entries.push({
          list,
          index,
          file: joinRelative('', item.path),
          target: targetOf(item.target),
        });
      } else if (isRecord(item) && typeof item.patch === 'string') {
        entries.push({
          list,
          index,
          inline: [list, index, 'patch'],
          target: targetOf(item.target),
        });
      }
    });
  }
  return entries;
}

/** Patch files referenced by any kustomization in `files` (patches are partial objects). */
export function patchFilesIn(
  files: Record<string, string>,
  parses?: YamlParses,
): Set<string> {
  const patchFiles = new Set<string>();
  for (const file of Object.keys(files).filter(isKustomizationFile)) {
    const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    let kustomization: Record<string, unknown>;
    try {
      kustomization = readKustomization(files, file, parses);
    } catch {
      continue; // reported by the validator as a syntax error
    }
    const scoped = Object.fromEntries(
      Object.keys(files).map(f => [posix.relative(dir || '.', f), '']),
    );
    for (const entry of readPatches(kustomization, scoped)) {
      if (entry.file) patchFiles.add(joinRelative(dir, entry.file));
    }
  }
  return patchFiles;
}

/** Reads the kustomization at the root of an environment path and what it builds. */
export function readKustomizeLayout(
  files: Record<string, string>,
  parses?: YamlParses,
): KustomizeLayout {
  const kustomization = kustomizationIn(files, '');
  const yamlFiles = Object.keys(files).filter(
    f => isYamlFile(f) && !isKustomizationFile(f),
  );
  if (!kustomization) {
    // Flux generates a kustomization with every manifest under the path.
    return {
      resourceFiles: yamlFiles.filter(f => !f.startsWith('../')),
      patches: [],
      remoteResources: [],
    };
  }
  const resourceFiles = new Set<string>();
  const remoteResources = new Set<string>();
  const visited = new Set<string>();
  const visit = (dir: string) => {
    const file = kustomizationIn(files, dir);
    if (!file || visited.has(dir)) return;
    visited.add(dir);
    const inputs = allInputs(readKustomization(files, file, parses));
    inputs.filter(isRemote).forEach(entry => remoteResources.add(entry));
    for (const entry of inputs.filter(input => !isRemote(input))) {
      const input = joinRelative(dir, entry);
      if (input in files) resourceFiles.add(input);
      else if (kustomizationIn(files, input)) visit(input);
      else
        yamlFiles
          .filter(f => f.startsWith(`${input}/`))
          .forEach(f => resourceFiles.add(f));
    }
  };
  visit('');
  return {
    kustomization,
    resourceFiles: [...resourceFiles],
    patches: readPatches(
      readKustomization(files, kustomization, parses),
      files,
    ),
    remoteResources: [...remoteResources],
  };
}

/** Directories of bases followed outside an environment path before giving up. */
const MAX_BASE_DIRECTORIES = 50;

/**
 * Reads an environment path and the Kustomize bases it builds from outside the path.
 * `readTree` returns the YAML files under a repository path, keyed by repository path.
 * The result is keyed relative to the environment path (`../../base/deployment.yaml`).
 */
export async function readEnvironmentFiles(
  environmentPath: string,
  readTree: (repositoryPath: string) => Promise<Record<string, string>>,
): Promise<Record<string, string>> {
  const root = joinRelative('', environmentPath);
  const files: Record<string, string> = {};
  const add = (tree: Record<string, string>) => {
    for (const [path, text] of Object.entries(tree))
      files[posix.relative(root || '.', path)] = text;
  };
  add(await readTree(root));
  const followed = new Set<string>();
  for (;;) {
    const missing = missingKustomizeInputs(files).filter(
      dir => !followed.has(dir),
    );
    if (missing.length === 0) return files;
    for (const dir of missing) {
      if (followed.size >= MAX_BASE_DIRECTORIES) {
        throw new InputError(
          `${environmentPath} builds from more than ${MAX_BASE_DIRECTORIES} bases`,
        );
      }
      followed.add(dir);
      const repositoryPath = joinRelative(root, dir);
      // Bases outside the repository are not ours to read (Flux would refuse them too).
      if (repositoryPath.startsWith('..')) continue;
      add(await readTree(repositoryPath));
    }
  }
}
