import { Knex } from 'knex';
import {
  attempt,
  conflict,
  ExpectedRefusal,
  invalid,
  notFound,
  refusedWithoutChange,
} from '../testing/refusals';
import { CAST, seedAcmeShop, userRef } from '../testing/seededOrganization';
import { HttpMethod, JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

interface BadRequest {
  name: string;
  method: HttpMethod;
  path: string;
  body?: unknown;
  refusal: ExpectedRefusal;
}

const ref = (name: string) => encodeURIComponent(userRef(name));
const long = (length: number) => 'x'.repeat(length);
const ok = { slug: 'fresh', title: 'Fresh' };

/** Everything here is sent by the owner of `acme`, who may make every change it asks for. */
const BAD_REQUESTS: BadRequest[] = [
  // POST /orgs
  { name: 'an organisation without slug and title', method: 'post', path: '/orgs', body: {}, refusal: invalid(/slug: .*; title: /) },
  { name: 'an organisation whose title is a number', method: 'post', path: '/orgs', body: { ...ok, title: 42 }, refusal: invalid(/title: .*expected string/) },
  { name: 'an organisation with an unknown field', method: 'post', path: '/orgs', body: { ...ok, colour: 'red' }, refusal: invalid(/colour/) },
  { name: 'an organisation with a 201-character title', method: 'post', path: '/orgs', body: { ...ok, title: long(201) }, refusal: invalid(/title: /) },
  { name: 'an organisation with a 2001-character description', method: 'post', path: '/orgs', body: { ...ok, description: long(2001) }, refusal: invalid(/description: /) },
  { name: 'an organisation with an uppercase slug', method: 'post', path: '/orgs', body: { ...ok, slug: 'Fresh' }, refusal: invalid(/slug: must be 1-63 lowercase/) },
  { name: 'an organisation with a 64-character slug', method: 'post', path: '/orgs', body: { ...ok, slug: long(64) }, refusal: invalid(/slug: must be/) },
  { name: 'an organisation whose slug starts with a dash', method: 'post', path: '/orgs', body: { ...ok, slug: '-fresh' }, refusal: invalid(/slug: must be/) },
  { name: 'an organisation with a negative quota', method: 'post', path: '/orgs', body: { ...ok, quota: { maxProjects: -1 } }, refusal: invalid(/quota\.maxProjects: /) },
  { name: 'an organisation with a fractional quota', method: 'post', path: '/orgs', body: { ...ok, quota: { maxMembers: 1.5 } }, refusal: invalid(/quota\.maxMembers: /) },
  { name: 'an organisation with an unknown quota', method: 'post', path: '/orgs', body: { ...ok, quota: { maxPods: 3 } }, refusal: invalid(/quota: .*maxPods/) },
  { name: 'an organisation sent as a JSON array', method: 'post', path: '/orgs', body: [ok], refusal: invalid(/\(whole value\): /) },
  { name: 'an organisation with a NUL character in its title', method: 'post', path: '/orgs', body: { ...ok, title: 'a\u0000b' }, refusal: invalid(/title: must not contain NUL/) },
  { name: 'an organisation whose slug is taken', method: 'post', path: '/orgs', body: { slug: 'acme', title: 'Again' }, refusal: conflict(/Organisation 'acme' already exists/) },
  // PATCH and DELETE /orgs/{org}
  { name: 'an empty organisation title', method: 'patch', path: '/orgs/acme', body: { title: '' }, refusal: invalid(/title: must not be empty/) },
  { name: 'a blank organisation title', method: 'patch', path: '/orgs/acme', body: { title: '   ' }, refusal: invalid(/title: must not be empty/) },
  { name: 'a quota that is a word', method: 'patch', path: '/orgs/acme', body: { quota: { maxMembers: 'ten' } }, refusal: invalid(/quota\.maxMembers: /) },
  { name: 'a quota of null', method: 'patch', path: '/orgs/acme', body: { quota: null }, refusal: invalid(/quota: /) },
  { name: 'renaming an organisation’s slug', method: 'patch', path: '/orgs/acme', body: { slug: 'renamed' }, refusal: invalid(/slug/) },
  { name: 'a change to an unknown organisation', method: 'patch', path: '/orgs/ghost', body: { title: 'Boo' }, refusal: notFound(/Organisation 'ghost' does not exist/) },
  { name: 'a change to an organisation named with a NUL character', method: 'patch', path: '/orgs/a%00b', body: { title: 'Boo' }, refusal: notFound(/does not exist/) },
  { name: 'a change to an organisation with a 100-character name', method: 'patch', path: `/orgs/${long(100)}`, body: { title: 'Boo' }, refusal: notFound(/does not exist/) },
  { name: 'deleting an unknown organisation', method: 'delete', path: '/orgs/ghost', refusal: notFound(/Organisation 'ghost' does not exist/) },
  // Organisation members
  { name: 'a member named without kind and namespace', method: 'post', path: '/orgs/acme/members', body: { userRef: 'alice', role: 'member' }, refusal: invalid(/userRef: must be an entity ref/) },
  { name: 'a group as an organisation member', method: 'post', path: '/orgs/acme/members', body: { userRef: 'group:default/web-team', role: 'member' }, refusal: invalid(/userRef: must be a user entity ref/) },
  { name: 'an organisation role that does not exist', method: 'post', path: '/orgs/acme/members', body: { userRef: userRef('newcomer'), role: 'superuser' }, refusal: invalid(/role: /) },
  { name: 'a member without a role', method: 'post', path: '/orgs/acme/members', body: { userRef: userRef('newcomer') }, refusal: invalid(/role: /) },
  { name: 'a member with a 300-character name', method: 'post', path: '/orgs/acme/members', body: { userRef: userRef(long(300)), role: 'member' }, refusal: invalid(/userRef: /) },
  { name: 'a member with an unknown field', method: 'post', path: '/orgs/acme/members', body: { userRef: userRef('newcomer'), role: 'member', note: 'hi' }, refusal: invalid(/note/) },
  { name: 'someone who is already a member', method: 'post', path: '/orgs/acme/members', body: { userRef: userRef(CAST.orgMember), role: 'admin' }, refusal: conflict(/user:default\/org-member is already a member of acme/) },
  { name: 'a new role for someone who is not a member', method: 'patch', path: `/orgs/acme/members/${ref('ghost')}`, body: { role: 'admin' }, refusal: notFound(/user:default\/ghost is not a member of acme/) },
  { name: 'a new role for a member named by something else than a ref', method: 'patch', path: '/orgs/acme/members/not-a-ref', body: { role: 'admin' }, refusal: invalid(/user ref: .*must be an entity ref/) },
  { name: 'a role that is a number', method: 'patch', path: `/orgs/acme/members/${ref(CAST.orgMember)}`, body: { role: 5 }, refusal: invalid(/role: /) },
  { name: 'demoting the last owner', method: 'patch', path: `/orgs/acme/members/${ref(CAST.orgOwner)}`, body: { role: 'admin' }, refusal: conflict(/last owner of acme/) },
  { name: 'removing the last owner', method: 'delete', path: `/orgs/acme/members/${ref(CAST.orgOwner)}`, refusal: conflict(/last owner of acme/) },
  { name: 'removing someone who is not a member', method: 'delete', path: `/orgs/acme/members/${ref('ghost')}`, refusal: notFound(/user:default\/ghost is not a member of acme/) },
  // Teams
  { name: 'a team slug with a space', method: 'post', path: '/orgs/acme/teams', body: { slug: 'web team', title: 'Web' }, refusal: invalid(/slug: must be/) },
  { name: 'a team without a title', method: 'post', path: '/orgs/acme/teams', body: { slug: 'ops' }, refusal: invalid(/title: /) },
  { name: 'a team with members inline', method: 'post', path: '/orgs/acme/teams', body: { slug: 'ops', title: 'Ops', members: [] }, refusal: invalid(/members/) },
  { name: 'a team whose slug is taken', method: 'post', path: '/orgs/acme/teams', body: { slug: 'web', title: 'Web' }, refusal: conflict(/Team 'web' already exists in acme/) },
  { name: 'a team title that is a list', method: 'patch', path: '/orgs/acme/teams/web', body: { title: ['Web'] }, refusal: invalid(/title: /) },
  { name: 'renaming a team’s slug', method: 'patch', path: '/orgs/acme/teams/web', body: { slug: 'www' }, refusal: invalid(/slug/) },
  { name: 'a change to an unknown team', method: 'patch', path: '/orgs/acme/teams/ghost', body: { title: 'Boo' }, refusal: notFound(/Team 'ghost' does not exist in acme/) },
  { name: 'deleting an unknown team', method: 'delete', path: '/orgs/acme/teams/ghost', refusal: notFound(/Team 'ghost' does not exist in acme/) },
  // Team members
  { name: 'a team role that does not exist', method: 'post', path: '/orgs/acme/teams/web/members', body: { userRef: userRef('newcomer'), role: 'owner' }, refusal: invalid(/role: /) },
  { name: 'a member for an unknown team', method: 'post', path: '/orgs/acme/teams/ghost/members', body: { userRef: userRef('newcomer'), role: 'member' }, refusal: notFound(/Team 'ghost' does not exist/) },
  { name: 'someone who is already in the team', method: 'post', path: '/orgs/acme/teams/web/members', body: { userRef: userRef(CAST.teamDeveloper), role: 'lead' }, refusal: conflict(/already a member of team web/) },
  { name: 'a team role for someone not in the team', method: 'patch', path: `/orgs/acme/teams/web/members/${ref('ghost')}`, body: { role: 'lead' }, refusal: notFound(/user:default\/ghost is not a member of team web/) },
  { name: 'a team role that is misspelt', method: 'patch', path: `/orgs/acme/teams/web/members/${ref(CAST.teamDeveloper)}`, body: { role: 'leed' }, refusal: invalid(/role: /) },
  { name: 'removing someone not in the team', method: 'delete', path: `/orgs/acme/teams/web/members/${ref('ghost')}`, refusal: notFound(/is not a member of team web/) },
];

describe('bad input to organisations, members and teams', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      await seedAcmeShop(backend);
    });

    it.each(BAD_REQUESTS)('refuses $name and changes nothing', async request => {
      const result = await attempt(
        knex,
        () => backend.as(CAST.orgOwner).call(request.method, request.path, request.body),
      );

      expect(result).toEqual(refusedWithoutChange(request.refusal));
    });

    it('refuses a body that is not JSON with a 400 before anything runs', async () => {
      const result = await attempt(
        knex,
        () =>
          backend
            .as(CAST.orgOwner)
            .patch('/orgs/acme')
            .set('Content-Type', 'application/json')
            .send('{"title": '),
      );

      expect(result).toEqual(refusedWithoutChange({ status: 400, message: /JSON/ }));
    });
  });
});
