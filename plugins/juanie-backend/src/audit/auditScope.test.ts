import { AuditEvent, AuditScope } from '@juanie/plugin-juanie-common';
import { CAST, expectSuccess, seedAcmeShop } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

/** gina owns globex, an organisation nobody of acme belongs to. */
const GLOBEX_OWNER = 'gina';

/** Who sees which trails: the scope each person is told, and the organisations they may read. */
const SCOPES: Array<[string, string, AuditScope]> = [
  ['a developer of acme/shop (no audit permission)', CAST.developer, { readAll: false, organizations: [] }],
  ['an organisation member', CAST.orgMember, { readAll: false, organizations: [] }],
  [
    "acme's owner",
    CAST.orgOwner,
    { readAll: false, organizations: [{ slug: 'acme', title: 'Organisation acme', mayVerify: true }] },
  ],
  // Admins read the trail; only owners verify its chain.
  [
    "acme's admin",
    CAST.orgAdmin,
    { readAll: false, organizations: [{ slug: 'acme', title: 'Organisation acme', mayVerify: false }] },
  ],
  ["globex's owner", GLOBEX_OWNER, { readAll: false, organizations: [{ slug: 'globex', title: 'Globex', mayVerify: true }] }],
  [
    'a platform admin',
    CAST.platformAdmin,
    {
      readAll: true,
      organizations: [
        { slug: 'acme', title: 'Organisation acme', mayVerify: true },
        { slug: 'globex', title: 'Globex', mayVerify: true },
      ],
    },
  ],
];

describe('the audit trails a user may read', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;

    const trail = async (name: string, org?: string) =>
      backend.as(name).get(`/audit?limit=500${org ? `&org=${org}` : ''}`);

    beforeAll(async () => {
      backend = await startJuanieTestBackend(await databases.init(databaseId));
      await seedAcmeShop(backend);
      const gina = backend.as(GLOBEX_OWNER);
      expectSuccess(await gina.post('/orgs', { slug: 'globex', title: 'Globex' }), 'create globex');
      expectSuccess(await gina.post('/orgs/globex/projects', { slug: 'web', title: 'Web' }), 'create web');
    });

    it.each(SCOPES)('tells %s which trails they may read', async (_who, name, expected) => {
      const response = await backend.as(name).get('/audit/scope');

      expect(response.status).toBe(200);
      expect(response.body).toEqual(expected);
    });

    it.each(SCOPES)(
      'lets %s read exactly those trails, and no other organisation\'s events',
      async (_who, name, scope) => {
        for (const { slug, mayVerify } of scope.organizations) {
          expect((await backend.as(name).post(`/orgs/${slug}/audit/verify`)).status).toBe(mayVerify ? 200 : 403);
          const response = await trail(name, slug);
          expect(response.status).toBe(200);
          const events = response.body.items as AuditEvent[];
          expect(events.length).toBeGreaterThan(0);
          expect(events.every(event => event.org === slug)).toBe(true);
        }
        for (const slug of ['acme', 'globex']) {
          if (scope.readAll || scope.organizations.some(org => org.slug === slug)) continue;
          expect((await trail(name, slug)).status).toBe(403);
        }
        expect((await trail(name)).status).toBe(scope.readAll ? 200 : 403);
        expect((await backend.as(name).post('/audit/verify')).status).toBe(scope.readAll ? 200 : 403);
      },
    );

    it("shows the platform admin both organisations' events in the whole trail", async () => {
      const events = (await trail(CAST.platformAdmin)).body.items as AuditEvent[];

      expect(new Set(events.map(event => event.org))).toEqual(new Set(['acme', 'globex']));
    });

    it('answers 401 to a caller who is not signed in', async () => {
      const response = await backend.anonymous
        .get('/api/juanie/audit/scope')
        .set('Authorization', 'Bearer not-a-backstage-token');

      expect(response.status).toBe(401);
    });
  });
});
