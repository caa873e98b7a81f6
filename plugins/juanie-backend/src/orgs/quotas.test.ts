import { Knex } from 'knex';
import { auditRowsAfter, lastAuditId } from '../testing/databaseState';
import { attempt, conflict, refusedWithoutChange } from '../testing/refusals';
import { CAST, expectSuccess, userRef } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

describe('organisation quotas', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;
    let owner: TestClient;

    /** An organisation of its own for each test, owned by org-owner. */
    async function organization(slug: string, quota: Record<string, number | null>) {
      expectSuccess(await owner.post('/orgs', { slug, title: slug, quota }), `POST /orgs ${slug}`);
      return {
        project: async (project: string) =>
          expectSuccess(
            await owner.post(`/orgs/${slug}/projects`, { slug: project, title: project }),
            `POST project ${project}`,
          ),
        environment: async (project: string, env: string) =>
          expectSuccess(
            await owner.post(`/orgs/${slug}/projects/${project}/environments`, {
              slug: env,
              title: env,
              kind: 'development',
            }),
            `POST environment ${env}`,
          ),
        quota: async () => (await owner.get(`/orgs/${slug}/quota`)).body,
      };
    }

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      owner = backend.as(CAST.orgOwner);
    });

    it('refuses a project past maxProjects with a 409 naming the quota', async () => {
      const org = await organization('two-projects', { maxProjects: 2 });
      await org.project('one');
      await org.project('two');

      const result = await attempt(
        knex,
        () => owner.post('/orgs/two-projects/projects', { slug: 'three', title: 'Three' }),
      );

      expect(result).toEqual(
        refusedWithoutChange(
          conflict(/Quota maxProjects of organisation two-projects reached \(2 projects\)/),
        ),
      );
    });

    it('refuses an environment past maxEnvironmentsPerProject with a 409 naming the quota', async () => {
      const org = await organization('two-envs', { maxEnvironmentsPerProject: 2 });
      await org.project('shop');
      await org.environment('shop', 'dev');
      await org.environment('shop', 'staging');

      const result = await attempt(
        knex,
        () =>
          owner.post('/orgs/two-envs/projects/shop/environments', {
            slug: 'prod',
            title: 'Production',
            kind: 'production',
          }),
      );

      expect(result).toEqual(
        refusedWithoutChange(
          conflict(/Quota maxEnvironmentsPerProject of organisation two-envs reached \(2 environments\)/),
        ),
      );
    });

    it('refuses a member past maxMembers with a 409 naming the quota (the owner counts)', async () => {
      await organization('two-members', { maxMembers: 2 });
      expectSuccess(
        await owner.post('/orgs/two-members/members', { userRef: userRef('alice'), role: 'member' }),
        'add alice',
      );

      const result = await attempt(
        knex,
        () => owner.post('/orgs/two-members/members', { userRef: userRef('bob'), role: 'member' }),
      );

      expect(result).toEqual(
        refusedWithoutChange(
          conflict(/Quota maxMembers of organisation two-members reached \(2 members\)/),
        ),
      );
    });

    it('lets creation continue once the quota is raised, and null means unlimited', async () => {
      const org = await organization('growing', { maxProjects: 1 });
      await org.project('one');
      expect((await owner.post('/orgs/growing/projects', { slug: 'two', title: 'Two' })).status).toBe(409);

      expectSuccess(await owner.patch('/orgs/growing', { quota: { maxProjects: null } }), 'raise quota');

      expect((await owner.post('/orgs/growing/projects', { slug: 'two', title: 'Two' })).status).toBe(201);
      expect(await org.quota()).toMatchObject({
        limits: { maxProjects: null },
        usage: { projects: 2 },
      });
    });

    it('shows the limits and the live usage, without what was deleted', async () => {
      const org = await organization('measured', {
        maxProjects: 5,
        maxEnvironmentsPerProject: 4,
        maxMembers: 10,
      });
      await org.project('shop');
      await org.project('books');
      for (const env of ['dev', 'staging', 'prod']) await org.environment('shop', env);
      await org.environment('books', 'dev');
      await owner.post('/orgs/measured/members', { userRef: userRef('alice'), role: 'member' });

      expect(await org.quota()).toEqual({
        limits: { maxProjects: 5, maxEnvironmentsPerProject: 4, maxMembers: 10 },
        usage: { projects: 2, members: 2, maxEnvironmentsInAProject: 3 },
      });

      expectSuccess(await owner.delete('/orgs/measured/projects/shop'), 'delete shop');
      expectSuccess(await owner.delete('/orgs/measured/members/user%3Adefault%2Falice'), 'remove alice');

      expect((await org.quota()).usage).toEqual({
        projects: 1,
        members: 1,
        maxEnvironmentsInAProject: 1,
      });
    });

    it('flags an organisation at its limit to its administrators only', async () => {
      const org = await organization('full', { maxProjects: 1 });
      await org.project('only');
      await owner.post('/orgs/full/members', { userRef: userRef('alice'), role: 'member' });

      const forOwner = (await owner.get('/me/attention')).body.items;
      expect(forOwner).toContainEqual(
        expect.objectContaining({ kind: 'quota', org: 'full', title: expect.stringMatching(/maxProjects at 1 of 1/) }),
      );
      const forMember = (await backend.as('alice').get('/me/attention')).body.items;
      expect(forMember).toEqual([]);
    });

    it('creates exactly three of ten parallel projects against maxProjects=3', async () => {
      await organization('contended', { maxProjects: 3 });
      const before = await lastAuditId(knex);

      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          owner.post('/orgs/contended/projects', { slug: `p${i}`, title: `Project ${i}` }),
        ),
      );

      const statuses = responses.map(r => r.status).sort();
      expect(statuses).toEqual([201, 201, 201, 409, 409, 409, 409, 409, 409, 409]);
      const listed = (await owner.get('/orgs/contended/projects')).body.items;
      expect(listed).toHaveLength(3);
      const events = await auditRowsAfter(knex, before);
      expect(events.filter(e => e.outcome === 'success')).toHaveLength(3);
      expect(events.filter(e => e.outcome === 'conflict')).toHaveLength(7);
      expect((await backend.as(CAST.platformAdmin).post('/orgs/contended/audit/verify')).body).toMatchObject({ held: true });
    });

    it('creates exactly three of ten parallel environments against maxEnvironmentsPerProject=3', async () => {
      const org = await organization('crowded', { maxEnvironmentsPerProject: 3 });
      await org.project('shop');

      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          owner.post('/orgs/crowded/projects/shop/environments', {
            slug: `env-${i}`,
            title: `Environment ${i}`,
            kind: 'development',
          }),
        ),
      );

      expect(responses.filter(r => r.status === 201)).toHaveLength(3);
      expect(responses.filter(r => r.status === 409)).toHaveLength(7);
      expect((await org.quota()).usage.maxEnvironmentsInAProject).toBe(3);
    });
  });
});
