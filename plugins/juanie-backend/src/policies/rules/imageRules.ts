import {
  allowedRegistriesParamsSchema,
  noLatestTagParamsSchema,
  requireDigestParamsSchema,
} from '@juanie/plugin-juanie-common';
import { createPolicyRuleType, ImageInManifest, PolicyRuleFinding } from '@juanie/plugin-juanie-node';
import { isSha256Digest } from '../manifests/imageReference';

/**
 * Where to fix an image: at the Kustomize `images:` entry when it decides the aspect in
 * question, else where the image is written.
 */
function findingAt(image: ImageInManifest, aspect: 'name' | 'pinning', problem: string): PolicyRuleFinding {
  const sets = image.override?.sets ?? [];
  const decidedByOverride =
    aspect === 'name' ? sets.includes('name') : sets.includes('tag') || sets.includes('digest');
  const where = decidedByOverride ? image.override! : image;
  const via = decidedByOverride ? ' (set by a Kustomize images entry)' : '';
  return { file: where.file, path: where.path, message: `${image.usedBy}: image ${image.reference}${via} ${problem}` };
}

/** Images whose tag and digest these files decide. */
const pinnedHere = (images: ImageInManifest[]) => images.filter(image => image.pinningKnown);

/** Built-in rule type `noLatestTag`. */
export const noLatestTagRule = createPolicyRuleType({
  type: 'noLatestTag',
  title: 'No latest tag',
  description: 'Every image names a version: a tag other than latest, or a digest.',
  paramsSchema: noLatestTagParamsSchema,
  evaluate: ({ manifests }) =>
    pinnedHere(manifests.images).flatMap(image => {
      // A digest pins the image whatever the tag says: the runtime pulls the digest.
      if (image.digest) return [];
      if (image.tag === null) {
        return [findingAt(image, 'pinning', 'has no tag, so it runs whatever latest is; pin a version tag or digest')];
      }
      if (image.tag === 'latest') {
        return [findingAt(image, 'pinning', 'uses the latest tag; pin a version tag or digest')];
      }
      return [];
    }),
});

/** Built-in rule type `requireDigest`. */
export const requireDigestRule = createPolicyRuleType({
  type: 'requireDigest',
  title: 'Require digest',
  description: 'Every image is pinned by an @sha256: digest.',
  paramsSchema: requireDigestParamsSchema,
  evaluate: ({ manifests }) =>
    pinnedHere(manifests.images).flatMap(image => {
      if (isSha256Digest(image.digest)) return [];
      const problem = image.digest
        ? `has digest ${image.digest}, which is not sha256: followed by 64 hexadecimal digits`
        : 'is not pinned by digest; use name@sha256:<digest>';
      return [findingAt(image, 'pinning', problem)];
    }),
});

/** `*` matches inside one path segment, `**` across segments; the rest is literal. */
function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .split('**')
    .map(part => part.split('*').map(text => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** Built-in rule type `allowedRegistries`. */
export const allowedRegistriesRule = createPolicyRuleType({
  type: 'allowedRegistries',
  title: 'Allowed registries',
  description: 'Every image comes from a repository that matches one of the patterns (e.g. ghcr.io/acme/*).',
  paramsSchema: allowedRegistriesParamsSchema,
  evaluate: ({ params, manifests }) => {
    const patterns = params.patterns.map(globToRegExp);
    const allowed = (name: string) => patterns.some(pattern => pattern.test(name));
    return manifests.images.flatMap(image =>
      allowed(image.repository) || allowed(image.canonicalRepository)
        ? []
        : [findingAt(image, 'name', `comes from a registry that is not allowed (allowed: ${params.patterns.join(', ')})`)],
    );
  },
});
