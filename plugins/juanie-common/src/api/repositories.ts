import { z } from 'zod';
import { timestampSchema } from './common';

/** @public */
export const REPOSITORY_PURPOSES = ['app', 'gitops'] as const;
/** @public */
export const REPOSITORY_PROVIDERS = ['github', 'gitlab', 'git'] as const;
/** @public */
export type RepositoryProvider = (typeof REPOSITORY_PROVIDERS)[number];

/** Repository URLs Juanie can reach: https, ssh (`git@host:path`) or a local `file://`. @public */
export const repositoryUrlSchema = z
  .string()
  .max(1000)
  .refine(
    url => !url.startsWith('-'),
    'must not start with a dash (git would read it as an option)',
  )
  .refine(
    url =>
      /^https?:\/\/[^\s/]+\/\S+$/.test(url) ||
      /^ssh:\/\/\S+$/.test(url) ||
      /^[\w.-]+@[\w.-]+:\S+$/.test(url) ||
      /^file:\/\/\/\S+$/.test(url),
    'must be an https://, ssh:// or file:/// git URL, or git@host:path',
  );

/** `POST .../projects/{project}/repositories`. @public */
export const connectRepositorySchema = z
  .object({
    url: repositoryUrlSchema,
    purpose: z.enum(REPOSITORY_PURPOSES),
    /** Detected from the URL and the integrations config when absent. */
    provider: z.enum(REPOSITORY_PROVIDERS).optional(),
  })
  .strict();
/** @public */
export type ConnectRepositoryRequest = z.input<typeof connectRepositorySchema>;

/**
 * `POST /orgs/{org}/repository-claims`: the scaffolder records a local repository it created for
 * the organisation, which alone may then connect it. @public
 */
export const claimRepositorySchema = z.object({ url: z.string().min(1).max(2048) }).strict();
/** @public */
export type ClaimRepositoryRequest = z.input<typeof claimRepositorySchema>;

/** @public */
export const REPOSITORY_STATUSES = ['pending', 'synced', 'error'] as const;
/** @public */
export type RepositoryStatus = (typeof REPOSITORY_STATUSES)[number];

/** @public */
export const repositorySchema = z.object({
  id: z.string(),
  org: z.string(),
  project: z.string(),
  provider: z.enum(REPOSITORY_PROVIDERS),
  purpose: z.enum(REPOSITORY_PURPOSES),
  url: z.string(),
  defaultBranch: z.string().nullable(),
  headCommit: z.string().nullable(),
  syncedAt: timestampSchema.nullable(),
  status: z.enum(REPOSITORY_STATUSES),
  statusReason: z.string().nullable(),
  statusMessage: z.string().nullable(),
  statusChangedAt: timestampSchema,
  createdAt: timestampSchema,
});
/** @public */
export type Repository = z.infer<typeof repositorySchema>;
