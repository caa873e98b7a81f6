import { createHash } from 'node:crypto';

// Catalog namespaces must be DNS labels; names are a little looser, so one rule serves both.
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const MAX_LENGTH = 63;

function hashed(stem: string, seed: string): string {
  const hash = createHash('sha256').update(seed).digest('hex').slice(0, 8);
  return `${stem.slice(0, MAX_LENGTH - 9).replace(/-+$/, '')}-${hash}`;
}

/**
 * The catalog name (or namespace) for Juanie slugs joined by `--`. Juanie's slugs may end
 * in a dash or contain `--`, and joined slugs may pass 63 characters; such names keep a hash
 * of the slugs so that they stay valid and unique.
 */
export function entityName(...slugs: string[]): string {
  const name = slugs.join('--');
  const ambiguous = slugs.length > 1 && slugs.some(slug => slug.includes('--'));
  if (!ambiguous && name.length <= MAX_LENGTH && DNS_LABEL.test(name)) return name;
  return hashed(name, slugs.join('/'));
}

/** A team's group name; a team named like its organisation must not take the organisation's. */
export function teamEntityName(org: string, team: string): string {
  return team === org ? hashed(team, `team:${org}/${team}`) : entityName(team);
}

/** `group:<org>/<org>`: the organisation's group. */
export function organizationRef(org: string): string {
  return `group:${entityName(org)}/${entityName(org)}`;
}

/** `group:<org>/<team>`. */
export function teamRef(org: string, team: string): string {
  return `group:${entityName(org)}/${teamEntityName(org, team)}`;
}

/** `system:<org>/<project>`. */
export function projectRef(org: string, project: string): string {
  return `system:${entityName(org)}/${entityName(project)}`;
}
