import { Knex } from 'knex';
import { attempt, badQuery, refusedWithoutChange } from '../testing/refusals';
import { CAST, CastMember, seedAcmeShop } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

/** A cursor as the API encodes them, around any key. */
const cursorOf = (key: unknown) => Buffer.from(JSON.stringify({ k: key })).toString('base64url');

interface BadListQuery {
  name: string;
  path: string;
  as?: CastMember;
  message: RegExp;
}

/** Lists are read by the organisation owner; the audit trail by the platform admin. */
const BAD_QUERIES: BadListQuery[] = [
  { name: 'a limit of 0', path: '/orgs?limit=0', message: /limit: / },
  { name: 'a limit over 500', path: '/orgs?limit=501', message: /limit: / },
  { name: 'a limit that is a word', path: '/orgs?limit=ten', message: /limit: / },
  { name: 'a fractional limit', path: '/orgs?limit=1.5', message: /limit: / },
  { name: 'a negative limit', path: '/orgs?limit=-1', message: /limit: / },
  { name: 'two limits', path: '/orgs?limit=1&limit=2', message: /limit: / },
  { name: 'a cursor that is not base64 JSON', path: '/orgs?cursor=!!!', message: /Invalid cursor/ },
  { name: 'a cursor holding a number where a slug belongs', path: `/orgs?cursor=${cursorOf(42)}`, message: /Invalid cursor/ },
  { name: 'a cursor holding a NUL character', path: `/orgs?cursor=${cursorOf('a\u0000')}`, message: /Invalid cursor/ },
  { name: 'a cursor over 500 characters', path: `/orgs?cursor=${'a'.repeat(501)}`, message: /cursor: / },
  { name: 'a project cursor without organisation and slug', path: `/projects?cursor=${cursorOf('acme')}`, message: /Invalid cursor/ },
  { name: 'a member list limit of 0', path: '/orgs/acme/members?limit=0', message: /limit: / },
  { name: 'a team list cursor of garbage', path: '/orgs/acme/teams?cursor=garbage', message: /Invalid cursor/ },
  { name: 'a project list cursor of garbage', path: '/orgs/acme/projects?cursor=garbage', message: /Invalid cursor/ },
  { name: 'a project member list limit of 999', path: '/orgs/acme/projects/shop/members?limit=999', message: /limit: / },
  { name: 'a team member list cursor of garbage', path: '/orgs/acme/teams/web/members?cursor=x', message: /Invalid cursor/ },
  { name: 'an audit cursor with a fraction', path: `/audit?cursor=${cursorOf(1.5)}`, as: CAST.platformAdmin, message: /Invalid cursor/ },
  { name: 'an audit cursor beyond any id', path: `/audit?cursor=${cursorOf(1e20)}`, as: CAST.platformAdmin, message: /Invalid cursor/ },
  { name: 'a negative audit cursor', path: `/audit?cursor=${cursorOf(-1)}`, as: CAST.platformAdmin, message: /Invalid cursor/ },
  { name: 'an audit cursor holding a string', path: `/audit?cursor=${cursorOf('7')}`, as: CAST.platformAdmin, message: /Invalid cursor/ },
  { name: 'an audit limit of 0', path: '/audit?limit=0', as: CAST.platformAdmin, message: /limit: / },
  { name: 'an unknown audit outcome', path: '/audit?outcome=maybe', as: CAST.platformAdmin, message: /outcome: / },
  { name: 'an audit start that is not a timestamp', path: '/audit?from=yesterday', as: CAST.platformAdmin, message: /from: must be an ISO 8601 timestamp/ },
  { name: 'an audit end in month 13', path: '/audit?to=2026-13-01T00:00:00Z', as: CAST.platformAdmin, message: /to: / },
  { name: 'an unknown audit filter', path: '/audit?colour=red', as: CAST.platformAdmin, message: /colour/ },
  { name: 'two audit actors', path: '/audit?actor=a&actor=b', as: CAST.platformAdmin, message: /actor: / },
  { name: 'an audit search for a NUL character', path: '/audit?q=%00', as: CAST.platformAdmin, message: /q: must not contain NUL/ },
  { name: 'an audit export as XML', path: '/audit/export?format=xml', as: CAST.platformAdmin, message: /format must be csv or ndjson/ },
  { name: 'an audit export without a format', path: '/audit/export', as: CAST.platformAdmin, message: /format must be csv or ndjson/ },
];

describe('bad list queries', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      await seedAcmeShop(backend);
    });

    it.each(BAD_QUERIES)('refuses $name with a 400 naming it', async query => {
      const result = await attempt(
        knex,
        () => backend.as(query.as ?? CAST.orgOwner).get(query.path),
      );

      expect(result).toEqual(refusedWithoutChange(badQuery(query.message)));
    });
  });
});
