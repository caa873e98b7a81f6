import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import yaml from 'yaml';
import { GitCheckout } from '../git/GitCheckout';
import { redactUrl } from '../git/isolatedGit';
import {
  baseFiles,
  environmentFiles,
  fluxFilePath,
  ImageReference,
  LayoutEnvironment,
  LayoutOptions,
  overlayPath,
  parseImageReference,
  projectDirectory,
} from './GitOpsLayout';

/** What to push: a whole project layout, or only the overlays of environments added later. */
export interface LayoutPush {
  layout: Omit<LayoutOptions, 'image'> & {
    /** Absent with `overlaysOnly`: the image of the base. */
    image?: ImageReference;
  };
  environments: LayoutEnvironment[];
  overlaysOnly: boolean;
}

/** The image of the first container of the base's Deployment, to pin in new overlays. */
function baseImage(
  deploymentYaml: string | undefined,
): ImageReference | undefined {
  const deployment = yaml
    .parseAllDocuments(deploymentYaml ?? '')
    .map(doc => doc.toJS())
    .find(doc => doc?.kind === 'Deployment');
  const image = deployment?.spec?.template?.spec?.containers?.[0]?.image;
  return typeof image === 'string' ? parseImageReference(image) : undefined;
}

/**
 * Refuses to write over anything: a new project's directory, or an environment's files. A
 * layout that is there already, file for file as it would be written, is what an earlier
 * run of the same step pushed: then there is nothing to write (true).
 */
async function refuseExisting(
  checkout: GitCheckout,
  push: LayoutPush,
  files: Record<string, string>,
  where: string,
): Promise<boolean> {
  const { project } = push.layout;
  const dir = projectDirectory(project);
  const held = await Promise.all(
    Object.entries(files).map(
      async ([file, text]) => (await checkout.read(file)) === text,
    ),
  );
  if (held.every(Boolean)) return true;
  if (!push.overlaysOnly && (await checkout.exists(dir))) {
    throw new ConflictError(
      `${dir} already exists on ${where}; juanie:gitops:bootstrap never overwrites a layout (use overlaysOnly to add environments to it)`,
    );
  }
  const taken: string[] = [];
  for (const env of push.environments) {
    for (const path of [
      overlayPath(project, env.slug),
      fluxFilePath(env.cluster, project, env.slug),
    ]) {
      if (await checkout.exists(path)) taken.push(path);
    }
  }
  if (taken.length) {
    throw new ConflictError(`${taken.join(', ')} already exist on ${where}`);
  }
  return false;
}

/**
 * Writes the layout into the checkout and pushes it as one commit. Nothing that exists is
 * overwritten, and a layout pushed before exactly as it would be now is left as it is
 * (`reused`, the branch's head as commit); a refused push is a ConflictError with git's words.
 */
export async function pushLayout(
  checkout: GitCheckout,
  push: LayoutPush,
): Promise<{ commitHash: string; files: string[]; reused: boolean }> {
  const { org, project, branch, repositoryUrl } = push.layout;
  const dir = projectDirectory(project);
  const where = `${branch} of ${redactUrl(repositoryUrl)}`;
  if (push.overlaysOnly && !(await checkout.exists(`${dir}/base`))) {
    throw new NotFoundError(
      `${dir}/base does not exist on ${where}; bootstrap the project first`,
    );
  }
  const image =
    push.layout.image ??
    baseImage(await checkout.read(`${dir}/base/deployment.yaml`));
  if (!image) {
    throw new InputError(
      `Cannot tell which image to pin: give image, or keep a Deployment in ${dir}/base/deployment.yaml on ${where}`,
    );
  }
  const options: LayoutOptions = { ...push.layout, image };
  const files: Record<string, string> = Object.assign(
    push.overlaysOnly ? {} : baseFiles(options),
    ...push.environments.map(env => environmentFiles(options, env)),
  );
  const names = Object.keys(files).sort();
  if (await refuseExisting(checkout, push, files, where)) {
    return { commitHash: await checkout.head(), files: names, reused: true };
  }
  await checkout.write(files);
  const commitHash = await checkout.commitAndPush(
    [
      `${
        push.overlaysOnly ? 'Add' : 'Bootstrap'
      } GitOps layout of ${org}/${project}: ${push.environments
        .map(env => env.slug)
        .join(', ')}`,
      '',
      `Overlays under ${dir}/overlays, Flux objects under clusters/.`,
      'Written by the scaffolder action juanie:gitops:bootstrap.',
    ].join('\n'),
  );
  return { commitHash, files: names, reused: false };
}
