import { z } from 'zod';

/** Slugs name organisations, teams, projects and environments inside their parent. @public */
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'must be 1-63 lowercase letters, digits or dashes, starting with a letter or digit',
  );

/** A human title. @public */
export const titleSchema = z.string().trim().min(1, 'must not be empty').max(200);

/** Free text that describes something. @public */
export const descriptionSchema = z.string().max(2000);

/**
 * A Backstage entity ref of a user or group, in full (`user:default/alice`) or short
 * (`user:alice`) form; the short form is normalised to the default namespace.
 * @public
 */
export const principalRefSchema = z
  .string()
  .max(255)
  .regex(
    /^(user|group):([a-z0-9][a-z0-9._-]{0,62}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/i,
    'must be an entity ref such as user:default/alice or group:default/web-team',
  )
  .transform(normalizePrincipalRef);

/** Lower-cases an entity ref and fills in the default namespace. @public */
export function normalizePrincipalRef(ref: string): string {
  const colon = ref.indexOf(':');
  const kind = ref.slice(0, colon);
  const rest = ref.slice(colon + 1);
  const full = rest.includes('/') ? rest : `default/${rest}`;
  return `${kind}:${full}`.toLowerCase();
}

/** A user entity ref, normalised like {@link principalRefSchema}. @public */
export const userRefSchema = principalRefSchema.refine(ref => ref.startsWith('user:'), {
  message: 'must be a user entity ref such as user:default/alice',
});

/** Cursor pagination for every list. @public */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

/** A page of a list; `nextCursor` is absent on the last page. @public */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The response schema of a page of `item`s. @public */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() });
}

/** A timestamp in a response: an ISO 8601 string. @public */
export const timestampSchema = z.string();

/** `GET /health`. @public */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});
/** @public */
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** `GET /me`. @public */
export const meResponseSchema = z.object({
  userEntityRef: z.string(),
  ownershipEntityRefs: z.array(z.string()),
  isPlatformAdmin: z.boolean(),
});
/** @public */
export type MeResponse = z.infer<typeof meResponseSchema>;

/** One thing that needs the caller's attention, from `GET /me/attention`. @public */
export const attentionItemSchema = z.object({
  kind: z.string(),
  org: z.string().optional(),
  project: z.string().optional(),
  title: z.string(),
  message: z.string(),
});
/** @public */
export type AttentionItem = z.infer<typeof attentionItemSchema>;

/**
 * How deeply a request body may nest objects and arrays. Deeper bodies are refused before any
 * code walks them: JSON.parse takes 15,000 levels, recursive code does not.
 * @public
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when objects and arrays in `value` nest more than `limit` levels (`{}` is one level).
 * Walks without recursion and stops at the first path that goes too deep.
 * @public
 */
export function isNestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return false;
}
