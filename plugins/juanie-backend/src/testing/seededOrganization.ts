import { Response } from 'supertest';
import { JuanieTestBackend as FullTestBackend } from './testBackend';

/** What the seed needs of a test backend. */
type JuanieTestBackend = Pick<FullTestBackend, 'as'>;

/**
 * The people of a seeded organisation, named after the one role each of them holds. Every
 * name is a user entity ref `user:default/<name>`; `admin` is the test backend's platform admin.
 */
export const CAST = {
  orgOwner: 'org-owner',
  orgAdmin: 'org-admin',
  orgMember: 'org-member',
  projectOwner: 'project-owner',
  maintainer: 'maintainer',
  developer: 'developer',
  viewer: 'viewer',
  /** A member of team `web`, which holds `developer` on the project. */
  teamDeveloper: 'team-developer',
  outsider: 'outsider',
  /**
   * The owner of another organisation (seeded by the test that needs it): a user of one tenant
   * against another's resources.
   */
  strangerOwner: 'stranger-owner',
  platformAdmin: 'admin',
} as const;

/** One of the people of {@link CAST}. */
export type CastMember = (typeof CAST)[keyof typeof CAST];

/** Every person of the cast, in the order of {@link CAST}. */
export const EVERYONE: CastMember[] = Object.values(CAST);

/** `user:default/<name>`. */
export const userRef = (name: string) => `user:default/${name}`;

/** Fails with the response body when a seeding request did not succeed. */
export function expectSuccess<R extends Pick<Response, 'status' | 'body'>>(response: R, what: string): R {
  if (response.status >= 300) {
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

/**
 * Seeds organisation `org` as its owner: org-admin and org-member as organisation members,
 * team `web` with team-developer in it.
 */
export async function seedOrganization(
  backend: JuanieTestBackend,
  org: string,
  options: { quota?: Record<string, number | null> } = {},
) {
  const owner = backend.as(CAST.orgOwner);
  const seed = async (path: string, body: object) =>
    expectSuccess(await owner.post(path, body), `POST ${path}`);
  await seed('/orgs', { slug: org, title: `Organisation ${org}`, quota: options.quota });
  await seed(`/orgs/${org}/members`, { userRef: userRef(CAST.orgAdmin), role: 'admin' });
  await seed(`/orgs/${org}/members`, { userRef: userRef(CAST.orgMember), role: 'member' });
  await seed(`/orgs/${org}/teams`, { slug: 'web', title: 'Web team' });
  await seed(`/orgs/${org}/teams/web/members`, {
    userRef: userRef(CAST.teamDeveloper),
    role: 'member',
  });
}

/**
 * Seeds project `project` in a seeded organisation: project-owner, maintainer, developer and
 * viewer as direct members, and team `web` as developer. The organisation owner creates it and
 * then leaves its member list, so their project role comes from the organisation alone.
 */
export async function seedProject(backend: JuanieTestBackend, org: string, project: string) {
  const owner = backend.as(CAST.orgOwner);
  const base = `/orgs/${org}/projects`;
  expectSuccess(
    await owner.post(base, { slug: project, title: `Project ${project}` }),
    `POST ${base}`,
  );
  const members = `${base}/${project}/members`;
  for (const [name, role] of [
    [CAST.projectOwner, 'owner'],
    [CAST.maintainer, 'maintainer'],
    [CAST.developer, 'developer'],
    [CAST.viewer, 'viewer'],
  ]) {
    expectSuccess(await owner.post(members, { userRef: userRef(name), role }), `POST ${members}`);
  }
  expectSuccess(
    await owner.post(`${base}/${project}/teams`, { team: 'web', role: 'developer' }),
    `POST ${base}/${project}/teams`,
  );
  expectSuccess(
    await owner.delete(`${members}/${encodeURIComponent(userRef(CAST.orgOwner))}`),
    `DELETE ${members}/<org owner>`,
  );
}

/** {@link seedOrganization} and {@link seedProject}: organisation `acme` with project `shop`. */
export async function seedAcmeShop(backend: JuanieTestBackend) {
  await seedOrganization(backend, 'acme');
  await seedProject(backend, 'acme', 'shop');
  return { org: 'acme', project: 'shop' };
}
