import {
  isYamlFile,
  joinRelative,
  kustomizationIn,
  readKustomization,
} from '@juanie/plugin-juanie-node';
import { ManifestValidator } from '@juanie/plugin-juanie-node';
import { parseAllDocuments } from 'yaml';

/** Why a Kustomization's path does not build, in Flux's words. */
export interface BuildFailure {
  reason: 'BuildFailed' | 'ArtifactFailed';
  message: string;
}

const validator = new ManifestValidator();

// Remote bases (git URLs) are fetched by kustomize itself; the simulator takes them on trust.
const isRemote = (entry: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
  /^(github\.com|gitlab\.com|git@)/.test(entry);

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];

/** Patch files a kustomization names (inline patches are not files). */
function patchFiles(kustomization: Record<string, unknown>): string[] {
  const paths = [kustomization.patches, kustomization.patchesJson6902]
    .flatMap(list => (Array.isArray(list) ? list : []))
    .map(item => (item as { path?: unknown })?.path)
    .filter((path): path is string => typeof path === 'string');
  const strategicMerge = strings(kustomization.patchesStrategicMerge).filter(
    entry => !entry.includes('\n') && /\.(ya?ml|json)$/.test(entry),
  );
  return [...paths, ...strategicMerge];
}

/**
 * The files a build reads (keys of `files`, relative to the path), or the first reference
 * that kustomize could not follow. Without a kustomization file, Flux generates one that
 * lists every manifest under the path.
 */
function filesOfBuild(
  root: string,
  files: Record<string, string>,
): {
  used: Set<string>;
  namespaces: Map<string, string>;
  patches: Set<string>;
  error?: string;
} {
  const used = new Set<string>();
  const patches = new Set<string>();
  // The namespace a kustomization sets on what it includes (the outermost one wins).
  const namespaces = new Map<string, string>();
  const visited = new Set<string>();
  const errors: string[] = [];
  const inRepository = (file: string) => joinRelative(root, file);
  const missing = (entry: string, input: string) => {
    const isDirectory = Object.keys(files).some(f => f.startsWith(`${input}/`));
    const problem = isDirectory
      ? `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${inRepository(
          input,
        )}'`
      : `open ${inRepository(input)}: no such file or directory`;
    errors.push(
      `accumulating resources: accumulation err='accumulating resources from '${entry}': ${problem}'`,
    );
  };
  const visit = (dir: string, inherited?: string) => {
    const file = kustomizationIn(files, dir);
    if (!file || visited.has(dir)) return;
    visited.add(dir);
    used.add(file);
    let kustomization: Record<string, unknown>;
    try {
      kustomization = readKustomization(files, file);
    } catch {
      return; // the validator reports the syntax error, with its line
    }
    const namespace =
      inherited ??
      (typeof kustomization.namespace === 'string'
        ? kustomization.namespace
        : undefined);
    const inputs = [
      ...strings(kustomization.resources),
      ...strings(kustomization.bases),
      ...strings(kustomization.components),
    ].filter(entry => !isRemote(entry));
    for (const entry of inputs) {
      const input = joinRelative(dir, entry);
      if (input in files) {
        used.add(input);
        if (namespace) namespaces.set(input, namespace);
      } else if (kustomizationIn(files, input)) visit(input, namespace);
      else missing(entry, input);
    }
    for (const entry of patchFiles(kustomization)) {
      const input = joinRelative(dir, entry);
      if (input in files) {
        used.add(input);
        patches.add(input);
      }
      else
        errors.push(
          `trouble configuring patch '${entry}': open ${inRepository(
            input,
          )}: no such file or directory`,
        );
    }
  };
  if (kustomizationIn(files, '')) {
    visit('');
  } else {
    Object.keys(files)
      .filter(f => isYamlFile(f) && !f.startsWith('../'))
      .forEach(f => used.add(f));
  }
  return { used, namespaces, patches, error: errors[0] };
}

/** One object a build makes: its kind and name, and the namespace kustomize gives it. */
export interface BuiltObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** The namespace of the kustomization that includes it, else its own; none when unset. */
  namespace?: string;
}

/**
 * The objects `kustomize build` of `root` makes (for a path that builds), with the namespaces
 * kustomizations set; patches are not applied, and kustomize's own config files are left out.
 */
export function builtObjects(
  files: Record<string, string>,
): BuiltObject[] {
  const { used, namespaces, patches } = filesOfBuild('', files);
  const objects: BuiltObject[] = [];
  for (const file of used) {
    if (!isYamlFile(file) || patches.has(file)) continue;
    for (const document of parseAllDocuments(files[file]) as unknown as Array<{
      errors: unknown[];
      toJS(): unknown;
    }>) {
      if (document.errors.length) continue;
      const object = document.toJS() as {
        apiVersion?: string;
        kind?: string;
        metadata?: { name?: string; namespace?: string };
      } | null;
      if (!object?.kind || !object.apiVersion || !object.metadata?.name) continue;
      if (object.apiVersion.startsWith('kustomize.config.k8s.io/')) continue;
      objects.push({
        apiVersion: object.apiVersion,
        kind: object.kind,
        name: object.metadata.name,
        namespace: namespaces.get(file) ?? object.metadata.namespace,
      });
    }
  }
  return objects;
}

/**
 * Whether `kustomize build` of `root` (a repository path) would succeed, given the YAML
 * files it builds from (keyed relative to `root`, bases as `../base/...`): every referenced
 * file or directory exists, every file parses, and every document is a Kubernetes object
 * with apiVersion, kind and metadata.name. Undefined when it builds.
 */
export function checkKustomizeBuild(
  root: string,
  files: Record<string, string>,
): BuildFailure | undefined {
  if (!Object.keys(files).some(f => !f.startsWith('../'))) {
    return {
      reason: 'ArtifactFailed',
      message: `kustomization path not found: stat ${
        root || '.'
      }: no such file or directory`,
    };
  }
  const { used, error } = filesOfBuild(root, files);
  if (error)
    return {
      reason: 'BuildFailed',
      message: `kustomize build failed: ${error}`,
    };
  const built = Object.fromEntries([...used].map(f => [f, files[f]]));
  const [invalid] = validator.validate(built).errors;
  if (!invalid) return undefined;
  const where = `${joinRelative(root, invalid.file)}:${invalid.line}:${
    invalid.column
  }`;
  return {
    reason: 'BuildFailed',
    message: `kustomize build failed: ${where}: ${invalid.message}`,
  };
}
