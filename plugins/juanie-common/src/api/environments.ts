import { z } from 'zod';
import { descriptionSchema, normalizePrincipalRef, slugSchema, timestampSchema, titleSchema } from './common';

/** Kinds of environment, in promotion order. @public */
export const ENVIRONMENT_KINDS = ['development', 'staging', 'production'] as const;
/** @public */
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Seconds in an ISO 8601 duration of days, hours, minutes and seconds (`P3D`, `PT12H`). @public */
export function durationToSeconds(duration: string): number | undefined {
  const match = ISO_DURATION.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map(v => Number(v ?? 0));
  return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
}

const THIRTY_DAYS = 30 * 24 * 3600;

/**
 * Eligible approvers: user refs (`user:default/bob`), catalog group refs
 * (`group:default/web-team`, matched through the caller's ownership refs) or Juanie teams
 * of the organisation (`team:<slug>`).
 * @public
 */
export const approverRefSchema = z
  .string()
  .max(255)
  .regex(
    /^(?:(?:user|group):(?:[a-z0-9][a-z0-9._-]{0,62}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}|team:[a-z0-9][a-z0-9-]{0,62})$/i,
    'must be a user or group entity ref (user:default/bob, group:default/web-team) or team:<slug> of a team in the organisation',
  )
  .transform(ref => (ref.startsWith('team:') ? ref : normalizePrincipalRef(ref)));

/** The gate a deployment to the environment must pass. @public */
export const approvalRuleSchema = z
  .object({
    requiredApprovals: z.number().int().min(0).max(20).default(0),
    approvers: z.array(approverRefSchema).max(100).default([]),
    allowSelfApproval: z.boolean().default(false),
    expiresAfter: z
      .string()
      .max(40)
      .refine(v => {
        const seconds = durationToSeconds(v);
        return seconds !== undefined && seconds >= 60 && seconds <= THIRTY_DAYS;
      }, 'must be an ISO 8601 duration between PT1M and P30D, e.g. P3D or PT12H')
      .default('P3D'),
  })
  .strict();
/** @public */
export type ApprovalRule = z.output<typeof approvalRuleSchema>;

/**
 * A path inside the GitOps repository: relative, `/`-separated, never leaving the repository.
 * @public
 */
export const repositoryPathSchema = z
  .string()
  .min(1)
  .max(500)
  .refine(
    p =>
      !p.startsWith('/') &&
      !p.includes('\\') &&
      !p.includes('\0') &&
      p.split('/').every(segment => segment !== '..' && segment !== ''),
    'must be a relative path inside the repository (no leading /, no .. segments, no empty segments)',
  );

/** Where the environment's manifests live. @public */
export const gitOpsTargetSchema = z
  .object({
    repositoryId: z.string().uuid('must be the id of one of the project\'s repositories'),
    branch: z
      .string()
      .min(1)
      .max(250)
      .regex(/^(?![-/]|.*\/\/|.*\.\.|.*\.lock$|.*[\s~^:?*[\\]).+(?<!\/)$/, 'must be a valid git branch name'),
    path: repositoryPathSchema,
    /**
     * The Flux object that applies the path, in the environment's namespace (platform admins may
     * map others). Absent: the object in the environment's cluster and namespace labelled
     * `juanie.io/environment-id: <environment id>` (or `juanie.io/environment: <org>.<project>.<env>`). A HelmRelease is followed by
     * its own status (chart version, history), its values reaching it through the
     * Kustomization that applies the path (see the back end's README).
     */
    flux: z
      .object({
        kind: z.enum(['Kustomization', 'HelmRelease']),
        namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name').max(63),
        name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes object name').max(253),
      })
      .strict()
      .optional(),
    /** How long a committed deployment may take to be applied and healthy; default PT10M. */
    reconcileTimeout: z
      .string()
      .max(40)
      .refine(v => {
        const seconds = durationToSeconds(v);
        return seconds !== undefined && seconds >= 10 && seconds <= 24 * 3600;
      }, 'must be an ISO 8601 duration between PT10S and P1D, e.g. PT10M')
      .optional(),
  })
  .strict();
/** @public */
export type GitOpsTarget = z.output<typeof gitOpsTargetSchema>;

/**
 * The label that ties a Flux object to an environment by slugs: `<org>.<project>.<env>`. Counted
 * only for objects in the environment's own namespace (slugs are freed when an organisation is
 * deleted); {@link ENVIRONMENT_ID_LABEL} is the one that holds everywhere. @public
 */
export const ENVIRONMENT_LABEL = 'juanie.io/environment';

/**
 * The label that ties a Flux object to an environment by its immutable id. Juanie sets it (with
 * field manager `juanie`) on every object it creates for an environment, and takes over no object
 * without it. @public
 */
export const ENVIRONMENT_ID_LABEL = 'juanie.io/environment-id';

/** The value of {@link ENVIRONMENT_LABEL} for an environment. @public */
export function environmentLabelValue(org: string, project: string, env: string): string {
  return `${org}.${project}.${env}`;
}

const dnsLabel = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS label (lowercase letters, digits, dashes)');

/** `POST .../projects/{project}/environments`. @public */
export const createEnvironmentSchema = z
  .object({
    slug: slugSchema,
    title: titleSchema,
    description: descriptionSchema.optional(),
    kind: z.enum(ENVIRONMENT_KINDS),
    order: z.number().int().min(0).max(1000).optional(),
    cluster: dnsLabel.optional(),
    namespace: dnsLabel.optional(),
    approval: approvalRuleSchema.optional(),
    gitops: gitOpsTargetSchema.optional(),
  })
  .strict();
/** @public */
export type CreateEnvironmentRequest = z.input<typeof createEnvironmentSchema>;

/** `PATCH .../environments/{env}`; `gitops: null` disconnects the GitOps target. @public */
export const updateEnvironmentSchema = z
  .object({
    title: titleSchema,
    description: descriptionSchema,
    kind: z.enum(ENVIRONMENT_KINDS),
    order: z.number().int().min(0).max(1000),
    cluster: dnsLabel.nullable(),
    namespace: dnsLabel.nullable(),
    approval: approvalRuleSchema,
    gitops: gitOpsTargetSchema.nullable(),
  })
  .partial()
  .strict();
/** @public */
export type UpdateEnvironmentRequest = z.input<typeof updateEnvironmentSchema>;

/** @public */
export const environmentSchema = z.object({
  org: z.string(),
  project: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(ENVIRONMENT_KINDS),
  order: z.number(),
  cluster: z.string().nullable(),
  namespace: z.string().nullable(),
  approval: approvalRuleSchema,
  gitops: gitOpsTargetSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** @public */
export type Environment = z.infer<typeof environmentSchema>;
