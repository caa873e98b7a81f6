import { z } from 'zod';

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
export type RepositoryStatus = 'pending' | 'synced' | 'error';

/** @public */
export interface Repository {
  id: string;
  org: string;
  project: string;
  provider: RepositoryProvider;
  purpose: (typeof REPOSITORY_PURPOSES)[number];
  url: string;
  defaultBranch: string | null;
  headCommit: string | null;
  syncedAt: string | null;
  status: RepositoryStatus;
  statusReason: string | null;
  statusMessage: string | null;
  statusChangedAt: string;
  createdAt: string;
}
