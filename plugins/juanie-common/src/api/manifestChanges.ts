import { z } from 'zod';
import { isNestedDeeperThan } from './common';

/** A new image for one container: any of repository name, tag and digest. @public */
export interface ImageChange {
  /** Container to change; optional when the workload has one container or `name` picks it. */
  container?: string;
  /** New repository, e.g. `ghcr.io/acme/web`. */
  name?: string;
  tag?: string;
  /** `sha256:<64 hex>`; pins the image whatever the tag says. */
  digest?: string;
}

/** Environment variables to set or remove on one container. @public */
export interface EnvChange {
  set?: Record<string, string>;
  remove?: string[];
  container?: string;
}

/** CPU and memory quantities, e.g. `{ cpu: '100m', memory: '256Mi' }`. @public */
export interface ResourceQuantities {
  cpu?: string;
  memory?: string;
}

/** Resource requests and limits of one container. @public */
export interface ResourcesChange {
  container?: string;
  requests?: ResourceQuantities;
  limits?: ResourceQuantities;
}

/** What a deployment changes on one workload of an environment. @public */
export interface ManifestChange {
  image?: ImageChange;
  replicas?: number;
  env?: EnvChange;
  resources?: ResourcesChange;
  /** JSON merge patch (RFC 7386) applied to the workload manifest. */
  patch?: Record<string, unknown>;
  /**
   * For a HelmRelease: which values its chart reads, as dotted paths under `spec.values`
   * (e.g. `controller.replicaCount`). Juanie cannot read a chart; without these it writes only
   * to values the release already sets and refuses otherwise.
   */
  valuesPaths?: HelmValuesPaths;
}

/** Values paths of a HelmRelease's chart, relative to `spec.values`. @public */
export interface HelmValuesPaths {
  /** The number of replicas, e.g. `replicaCount`. */
  replicas?: string;
  /** The image: a string (`repo:tag`) or a map with `repository` and `tag`, e.g. `image`. */
  image?: string;
  /** The image digest, e.g. `image.digest`. */
  digest?: string;
}

const MAX_PATCH_BYTES = 64 * 1024;
const MAX_PATCH_DEPTH = 20;

// OCI distribution reference grammar: optional registry host (with port), lower-case path.
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const imageName = new RegExp(
  `^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?${pathComponent}(?:/${pathComponent})*$`,
);
const containerName = z
  .string()
  .max(63)
  .regex(
    /^[A-Za-z0-9](?:[-A-Za-z0-9_]*[A-Za-z0-9])?$/,
    'must be a container name (letters, digits, -)',
  );
const quantity = z
  .string()
  .max(32)
  .regex(
    /^(?:\d+(?:\.\d+)?|\.\d+)(?:m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/,
    'must be a Kubernetes quantity such as 100m, 0.5, 256Mi or 1Gi',
  );
const envName = z
  .string()
  .max(256)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'must be a valid environment variable name',
  );
const quantities = z.strictObject({
  cpu: quantity.optional(),
  memory: quantity.optional(),
});

const imageChangeSchema = z
  .strictObject({
    container: containerName.optional(),
    name: z
      .string()
      .max(255)
      .regex(imageName, 'must be an image repository such as ghcr.io/acme/web')
      .optional(),
    tag: z
      .string()
      .regex(
        /^[\w][\w.-]{0,127}$/,
        'must be an image tag (letters, digits, _ . -; at most 128)',
      )
      .optional(),
    digest: z
      .string()
      .regex(
        /^sha256:[a-f0-9]{64}$/,
        'must be sha256: followed by 64 lower-case hex digits',
      )
      .optional(),
  })
  .refine(
    i => i.name || i.tag || i.digest,
    'needs at least one of name, tag and digest',
  );

const envChangeSchema = z
  .strictObject({
    set: z.record(envName, z.string().max(32 * 1024)).optional(),
    remove: z.array(envName).max(100).optional(),
    container: containerName.optional(),
  })
  .refine(
    e => Object.keys(e.set ?? {}).length <= 100,
    'can set at most 100 variables',
  )
  .refine(
    e => Object.keys(e.set ?? {}).length + (e.remove?.length ?? 0) > 0,
    'needs set or remove',
  )
  .refine(
    e => !(e.remove ?? []).some(name => Object.hasOwn(e.set ?? {}, name)),
    'a variable cannot be both set and removed',
  );

const resourcesChangeSchema = z
  .strictObject({
    container: containerName.optional(),
    requests: quantities.optional(),
    limits: quantities.optional(),
  })
  .refine(
    r => Object.keys({ ...r.requests, ...r.limits }).length > 0,
    'needs requests or limits',
  );

/**
 * Whether a JSON value has a `__proto__` key, down to the depth a patch may have (deeper values
 * are refused by their depth). Checked on the input: a record's output drops the key.
 */
function hasProtoKey(value: unknown, depth = 0): boolean {
  if (depth > MAX_PATCH_DEPTH) return false;
  if (Array.isArray(value)) return value.some(v => hasProtoKey(v, depth + 1));
  if (typeof value !== 'object' || value === null) return false;
  return (
    Object.hasOwn(value, '__proto__') ||
    Object.values(value).some(v => hasProtoKey(v, depth + 1))
  );
}

const patchSchema = z
  // No Kubernetes field is called so; in JavaScript the key reaches every object's prototype.
  .custom<Record<string, unknown>>(p => !hasProtoKey(p), {
    message: 'must not have a key named __proto__',
  })
  .pipe(z.record(z.string(), z.unknown()))
  // Depth first, and stop there: JSON.stringify of a deep value overflows the stack.
  .refine(p => !isNestedDeeperThan(p, MAX_PATCH_DEPTH), {
    message: `must be at most ${MAX_PATCH_DEPTH} levels deep`,
    abort: true,
  })
  .refine(
    p => JSON.stringify(p).length <= MAX_PATCH_BYTES,
    'must be at most 64 KiB',
  );

const valuesPath = z
  .string()
  .max(256)
  .regex(
    /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/,
    'must be a dotted path under spec.values, such as controller.replicaCount',
  )
  .refine(
    path => !path.split('.').includes('__proto__'),
    'must not name __proto__',
  );
const valuesPathsSchema = z.strictObject({
  replicas: valuesPath.optional(),
  image: valuesPath.optional(),
  digest: valuesPath.optional(),
});

/** Validates a {@link ManifestChange}: unknown keys are refused, values must be well formed. @public */
export const manifestChangeSchema: z.ZodType<ManifestChange, ManifestChange> = z
  .strictObject({
    image: imageChangeSchema.optional(),
    replicas: z.number().int().min(0).max(1000).optional(),
    env: envChangeSchema.optional(),
    resources: resourcesChangeSchema.optional(),
    patch: patchSchema.optional(),
    valuesPaths: valuesPathsSchema.optional(),
  })
  .refine(
    ({ valuesPaths: _, ...c }) => Object.values(c).some(v => v !== undefined),
    'a change needs at least one of image, replicas, env, resources, patch',
  );
