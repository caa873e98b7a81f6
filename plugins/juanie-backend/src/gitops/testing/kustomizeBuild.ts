import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);

const KUSTOMIZATION_FILE_NAMES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/** Every YAML file under a directory of a file tree, relative to it, sorted. */
function yamlFilesUnder(files: Record<string, string>, dir: string): string[] {
  return Object.keys(files)
    .filter(file => file.startsWith(`${dir}/`) && /\.ya?ml$/.test(file))
    .map(file => file.slice(dir.length + 1))
    .sort();
}

/**
 * Builds `directory` of a file tree (keyed by repository path) with `kubectl kustomize`, the
 * way Flux's kustomize-controller would: a directory without a kustomization gets one listing
 * every YAML file under it. Returns the built objects. Fails, never skips, without kubectl.
 */
export async function kustomizeBuild(
  files: Record<string, string>,
  directory: string,
): Promise<unknown[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-corpus-'));
  try {
    const tree = { ...files };
    if (
      !KUSTOMIZATION_FILE_NAMES.some(name => `${directory}/${name}` in tree)
    ) {
      const resources = yamlFilesUnder(tree, directory);
      tree[`${directory}/kustomization.yaml`] = [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        ...resources.map(file => `  - ${file}`),
        '',
      ].join('\n');
    }
    for (const [file, text] of Object.entries(tree)) {
      const target = path.join(root, file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text);
    }
    let stdout: string;
    try {
      ({ stdout } = await run(
        'kubectl',
        ['kustomize', path.join(root, directory)],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      ));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(
          'kubectl is not installed: the GitOps corpus test builds every layout with `kubectl kustomize` (scripts/test.sh installs it)',
        );
      }
      throw error;
    }
    return parseAllDocuments(stdout).map(document => document.toJS());
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
