import { approvalRuleSchema, DeploymentStatus } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { CAST, seedAcmeShop, userRef } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { DeploymentStore } from './DeploymentStore';

jest.setTimeout(180_000);

const HOUR = 3600_000;

/** Every page of `GET /approvals` at `limit`, with the ids of each page. */
async function allPages(client: TestClient, limit: number) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const { body } = await client.get(`/approvals?${query}`).expect(200);
    pages.push(body.items.map((item: { id: string }) => item.id));
    expect(body.items.length).toBeLessThanOrEqual(limit);
    cursor = body.nextCursor;
    if (pages.length > 50) throw new Error('the inbox does not end');
  } while (cursor);
  return pages;
}

/**
 * acme/shop (seeded cast: maintainer, developer, viewer, team `web` as developer) and globex/store
 * of another owner, each with one environment; deployments are written straight to the
 * database (no GitOps needed: these tests only read and vote, and never open the gate).
 */
async function inboxWorld(knex: Knex) {
  const backend: JuanieTestBackend = await startJuanieTestBackend(knex);
  await seedAcmeShop(backend);
  const owner = backend.as(CAST.orgOwner);
  await owner.post('/orgs/acme/projects/shop/environments', { slug: 'staging', title: 'Staging', kind: 'staging' }).expect(201);
  const stranger = backend.as(CAST.strangerOwner);
  await stranger.post('/orgs', { slug: 'globex', title: 'Globex' }).expect(201);
  await stranger.post('/orgs/globex/projects', { slug: 'store', title: 'Store' }).expect(201);
  await stranger.post('/orgs/globex/projects/store/environments', { slug: 'prod', title: 'Prod', kind: 'production' }).expect(201);
  const envOf = async (slug: string) => knex('environments').where({ slug }).first('id', 'project_id');
  const places = { acme: await envOf('staging'), globex: await envOf('prod') };
  const store = new DeploymentStore(knex);
  let made = 0;
  const deploy = async (
    where: keyof typeof places,
    fields: { approvers?: string[]; requestedBy?: string; allowSelfApproval?: boolean; status?: DeploymentStatus; expiresAt?: Date; votedBy?: string[] },
  ) =>
    knex.transaction(async trx => {
      const id = await store.insert(trx, {
        projectId: places[where].project_id,
        environmentId: places[where].id,
        method: 'juanie',
        status: fields.status ?? 'pending_approval',
        requestedBy: fields.requestedBy ?? userRef(CAST.developer),
        changes: { replicas: 2 },
        message: `deployment ${++made}`,
        expiresAt: fields.expiresAt ?? new Date(Date.now() + HOUR),
        // Two approvals: a single vote in these tests never opens the gate.
        approvalRule: approvalRuleSchema.parse({
          requiredApprovals: 2,
          approvers: fields.approvers ?? [],
          allowSelfApproval: fields.allowSelfApproval ?? false,
        }),
      });
      for (const approverRef of fields.votedBy ?? []) await store.addVote(trx, id, { approverRef, decision: 'approve', comment: '' });
      return id;
    });
  return { backend, deploy };
}

describe('approvals inbox and votes over HTTP', () => {
  const databases = createJuanieTestDatabases();
  let backend: JuanieTestBackend | undefined;

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it.each(databases.eachSupportedId())(
    'pages what each person may vote on: no duplicates, no gaps, eligibility applied, no other tenant (%p)',
    async id => {
      const world = await inboxWorld(await databases.init(id));
      backend = world.backend;
      const { deploy } = world;
      const maintainer = userRef(CAST.maintainer);
      // The maintainer's: listed by name, or nobody listed (the maintainers decide).
      const theirs: string[] = [];
      for (let i = 0; i < 7; i++) theirs.push(await deploy('acme', { approvers: i % 2 ? [maintainer] : [] }));
      theirs.push(await deploy('acme', { approvers: [maintainer], requestedBy: maintainer, allowSelfApproval: true }));
      // Not the maintainer's to vote on.
      const notTheirs = [
        await deploy('acme', { approvers: [maintainer], requestedBy: maintainer }),
        await deploy('acme', { approvers: [maintainer], votedBy: [maintainer] }),
        await deploy('acme', { approvers: [maintainer], expiresAt: new Date(Date.now() - HOUR) }),
        await deploy('acme', { approvers: [maintainer], status: 'queued' }),
        await deploy('acme', { approvers: [maintainer], status: 'rejected' }),
        await deploy('acme', { approvers: [userRef(CAST.viewer)] }),
        await deploy('acme', { approvers: ['team:web'] }),
        // Another tenant's, even where its rule names them or asks its maintainers.
        await deploy('globex', { approvers: [maintainer], requestedBy: 'user:default/globex-dev' }),
        await deploy('globex', { approvers: [], requestedBy: 'user:default/globex-dev' }),
      ];

      const pages = await allPages(backend.as(CAST.maintainer), 3);
      expect(pages.length).toBe(3);
      const seen = pages.flat();
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...theirs].sort());
      expect(seen.filter(seenId => notTheirs.includes(seenId))).toEqual([]);
      // One page holding everything answers the same, in the same order (oldest first).
      expect((await allPages(backend.as(CAST.maintainer), 100)).flat()).toEqual(seen);

      // Each person's inbox holds exactly what the deployment page offers them a vote on.
      for (const name of [CAST.maintainer, CAST.developer, CAST.viewer, CAST.teamDeveloper, CAST.strangerOwner, CAST.outsider]) {
        const client = backend.as(name);
        const inbox = new Set((await allPages(client, 4)).flat());
        for (const deploymentId of [...theirs, ...notTheirs]) {
          const detail = await client.get(`/deployments/${deploymentId}`);
          const mayVote = detail.status === 200 && detail.body.allowedActions.vote;
          expect([name, deploymentId, inbox.has(deploymentId)]).toEqual([name, deploymentId, mayVote]);
        }
      }
      expect((await allPages(backend.as(CAST.teamDeveloper), 10)).flat()).toEqual([notTheirs[6]]);
      expect((await allPages(backend.as(CAST.viewer), 10)).flat()).toEqual([notTheirs[5]]);
      expect((await allPages(backend.as(CAST.strangerOwner), 10)).flat()).toEqual([notTheirs[8]]);
      expect((await allPages(backend.as(CAST.outsider), 10)).flat()).toEqual([]);

      // Paging input is checked like every list's.
      const maintainerClient = backend.as(CAST.maintainer);
      await maintainerClient.get('/approvals?limit=0').expect(400);
      await maintainerClient.get('/approvals?limit=501').expect(400);
      await maintainerClient.get('/approvals?cursor=not-a-cursor').expect(400);
      const forged = Buffer.from(JSON.stringify({ k: 'yesterday|x' })).toString('base64url');
      await maintainerClient.get(`/approvals?cursor=${forged}`).expect(400);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses self-approval, a second vote and the wrong role, and the vote leaves the inbox (%p)',
    async id => {
      const world = await inboxWorld(await databases.init(id));
      backend = world.backend;
      const { deploy } = world;
      const maintainer = backend.as(CAST.maintainer);
      const developer = backend.as(CAST.developer);
      const viewer = backend.as(CAST.viewer);
      const vote = (client: TestClient, deploymentId: string) =>
        client.post(`/deployments/${deploymentId}/approvals`, { decision: 'approve' });

      const own = await deploy('acme', { approvers: [userRef(CAST.developer)], requestedBy: userRef(CAST.developer) });
      expect((await vote(developer, own).expect(403)).body.error.message).toMatch(/requested this deployment/);

      const listed = await deploy('acme', { approvers: [userRef(CAST.maintainer)] });
      expect((await vote(viewer, listed).expect(403)).body.error.message).toMatch(/not an eligible approver/);
      expect((await allPages(maintainer, 10)).flat()).toContain(listed);
      expect((await vote(maintainer, listed).expect(200)).body).toMatchObject({
        status: 'pending_approval',
        approvalsReceived: 1,
        allowedActions: { vote: false },
      });
      expect((await vote(maintainer, listed).expect(409)).body.error.message).toMatch(/already voted/);
      expect((await allPages(maintainer, 10)).flat()).not.toContain(listed);

      const maintainersDecide = await deploy('acme', { approvers: [] });
      expect((await vote(developer, maintainersDecide).expect(403)).body.error.message).toMatch(/only maintainers/);
      await vote(backend.as(CAST.outsider), maintainersDecide).expect(404);

      const expired = await deploy('acme', { approvers: [userRef(CAST.maintainer)], expiresAt: new Date(Date.now() - 1000) });
      expect((await vote(maintainer, expired).expect(409)).body.error.message).toMatch(/expired/);
      expect((await maintainer.get(`/deployments/${expired}`).expect(200)).body.status).toBe('expired');

      // Nothing of the refused votes was recorded.
      for (const deploymentId of [own, maintainersDecide, expired]) {
        expect((await maintainer.get(`/deployments/${deploymentId}`).expect(200)).body.approvals).toEqual([]);
      }
    },
  );
});
