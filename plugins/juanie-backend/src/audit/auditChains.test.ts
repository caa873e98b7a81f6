import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { setTimeout as sleep } from 'node:timers/promises';
import { CAST, expectSuccess, seedAcmeShop } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { AuditChainVerifier } from './AuditChainVerifier';
import { AuditStore } from './AuditStore';

jest.setTimeout(60_000);

const { orgOwner, orgAdmin, orgMember, strangerOwner, platformAdmin } = CAST;

/** Settles within `ms`, or answers 'pending'. */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, sleep(ms).then(() => 'pending' as const)]);

describe('one audit chain per organisation', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;
    const chainOf = async (slug: string) => (await knex('organizations').where({ slug }).first('id')).id as string;
    const rowsOf = async (chain: string) => Number((await knex('audit_events').where({ chain }).count({ n: '*' }))[0].n);
    const verify = async (who: string, org: string) => backend.as(who).post(`/orgs/${org}/audit/verify`);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      await seedAcmeShop(backend);
      // Organisation B: the stranger owns it; nobody of acme is in it.
      expectSuccess(await backend.as(strangerOwner).post('/orgs', { slug: 'elsewhere', title: 'Elsewhere' }), 'create elsewhere');
      // A platform event: a refusal about an organisation that does not exist.
      const refused = await backend.as(orgOwner).patch('/orgs/nowhere', { title: 'x' });
      if (refused.status !== 404) throw new Error(`PATCH /orgs/nowhere answered ${refused.status}`);
    });

    it("puts each organisation's events in its own chain and the others in the platform's", async () => {
      const acme = await chainOf('acme');
      const elsewhere = await chainOf('elsewhere');

      const byChain = await knex('audit_events').select('chain', 'org').groupBy('chain', 'org');
      expect(byChain).toEqual(
        expect.arrayContaining([
          { chain: acme, org: 'acme' },
          { chain: elsewhere, org: 'elsewhere' },
          { chain: 'platform', org: 'nowhere' },
        ]),
      );
      expect(byChain).toHaveLength(3);
    });

    it('verifies each chain on its own, counting its events only', async () => {
      const acme = await verify(orgOwner, 'acme');
      const elsewhere = await verify(strangerOwner, 'elsewhere');
      const platform = await backend.as(platformAdmin).post('/audit/verify');

      expect(acme.body).toMatchObject({ held: true, checked: await rowsOf(await chainOf('acme')), verifiedBy: 'user:default/org-owner' });
      expect(elsewhere.body).toMatchObject({ held: true, checked: await rowsOf(await chainOf('elsewhere')) });
      expect(platform.body).toMatchObject({ held: true, checked: await rowsOf('platform') });
      expect(elsewhere.body.checked).toBeLessThan(acme.body.checked);
    });

    it("breaks only organisation A's chain when a row of A is tampered with", async () => {
      const acme = await chainOf('acme');
      const [, second] = await knex('audit_events').where({ chain: acme }).orderBy('id').limit(2);
      await knex('audit_events').where({ id: second.id }).update({ actor_ref: 'user:default/someone-else' });
      try {
        expect((await verify(orgOwner, 'acme')).body).toMatchObject({
          held: false,
          checked: 1,
          firstBroken: { id: String(second.id) },
        });
        expect((await verify(strangerOwner, 'elsewhere')).body).toMatchObject({ held: true });
        expect((await backend.as(platformAdmin).post('/audit/verify')).body).toMatchObject({ held: true });
        // The stored result says so too, to everyone who reads acme's trail.
        expect((await backend.as(orgAdmin).get('/orgs/acme/audit/verification')).body).toMatchObject({
          lastVerification: { held: false, firstBroken: { id: String(second.id) } },
        });
      } finally {
        await knex('audit_events').where({ id: second.id }).update({ actor_ref: second.actor_ref });
      }
      expect((await verify(orgOwner, 'acme')).body).toMatchObject({ held: true });
    });

    if (databaseId.startsWith('POSTGRES')) {
      it("completes a write in organisation B while organisation A's chain head is locked", async () => {
        const acme = await chainOf('acme');
        const trx = await knex.transaction();
        try {
          await trx('audit_chain_heads').where({ chain: acme }).forUpdate().first();

          const inB = backend.as(strangerOwner).patch('/orgs/elsewhere', { title: 'Elsewhere, renamed' }).then(r => r);
          const inA = backend.as(orgOwner).patch('/orgs/acme', { title: 'Acme, renamed' }).then(r => r);

          expect(await within(10_000, inB)).toMatchObject({ status: 200 });
          // A's write waits for its head: the lock is real.
          expect(await within(500, inA)).toBe('pending');
          await trx.commit();
          expect((await inA).status).toBe(200);
        } finally {
          if (!trx.isCompleted()) await trx.rollback();
        }
      });

      it("starts a new organisation's chain once when two replicas append its first events at once", async () => {
        const now = new Date();
        await knex('organizations').insert({ id: 'fresh-id', slug: 'fresh', title: 'Fresh', created_by: 'x', created_at: now, updated_at: now });
        const store = new AuditStore(knex);
        const event = (n: number) => ({
          actorRef: 'user:default/x',
          action: 'test.append',
          resourceType: 'organization',
          org: 'fresh',
          outcome: 'success' as const,
          message: `append ${n}`,
        });

        await Promise.all([1, 2, 3, 4].map(n => knex.transaction(trx => store.append(trx, event(n)))));

        const verifier = new AuditChainVerifier(knex, mockServices.logger.mock());
        expect(await verifier.verify('fresh-id', 'test')).toMatchObject({ held: true, checked: 4 });
      });
    } else {
      // SQLite runs one write transaction at a time, so there writes in different organisations
      // are serialised by the database itself, whatever Juanie locks; the test says so.
      it('serialises writes: a write in B waits while any write transaction is open', async () => {
        const acme = await chainOf('acme');
        const trx = await knex.transaction();
        try {
          await trx('audit_chain_heads').where({ chain: acme }).update({ chain: acme });
          const inB = backend.as(strangerOwner).patch('/orgs/elsewhere', { title: 'Elsewhere, renamed' }).then(r => r);

          expect(await within(500, inB)).toBe('pending');
          await trx.commit();
          expect((await inB).status).toBe(200);
        } finally {
          if (!trx.isCompleted()) await trx.rollback();
        }
      });
    }

    it('lets owners verify their own organisation only: 404 to an owner of another, 403 to non-owner members', async () => {
      expect((await verify(orgOwner, 'acme')).status).toBe(200);
      expect((await verify(platformAdmin, 'acme')).status).toBe(200);
      const strangers = await verify(strangerOwner, 'acme');
      expect(strangers.status).toBe(404);
      expect(strangers.body.error.name).toBe('NotFoundError');
      expect((await backend.as(strangerOwner).get('/orgs/acme/audit/verification')).status).toBe(404);
      for (const member of [orgAdmin, orgMember]) {
        const response = await verify(member, 'acme');
        expect(response.status).toBe(403);
        expect(response.body.error.message).toContain('juanie.organization.audit.verify');
      }
      // Only platform admins verify or read the platform's chain.
      expect((await backend.as(orgOwner).post('/audit/verify')).status).toBe(403);
      expect((await backend.as(orgOwner).get('/audit/verification')).status).toBe(403);
    });

    it('stores what the scheduled verification found, which the API returns', async () => {
      await knex('audit_chain_verifications').delete();
      expect((await backend.as(orgOwner).get('/orgs/acme/audit/verification')).body).toEqual({ lastVerification: null });

      await backend.runTask('juanie-audit-verification');

      const acme = (await backend.as(orgAdmin).get('/orgs/acme/audit/verification')).body;
      expect(acme).toEqual({
        lastVerification: {
          verifiedAt: expect.any(String),
          verifiedBy: 'scheduler',
          held: true,
          checked: await rowsOf(await chainOf('acme')),
        },
      });
      const platform = (await backend.as(platformAdmin).get('/audit/verification')).body;
      expect(platform.lastVerification).toMatchObject({ verifiedBy: 'scheduler', held: true });
    });

    it('logs a broken chain found by the scheduled verification as an error, naming the organisation', async () => {
      const elsewhere = await chainOf('elsewhere');
      const [first] = await knex('audit_events').where({ chain: elsewhere }).orderBy('id').limit(1);
      const logger = mockServices.logger.mock();
      await knex('audit_events').where({ id: first.id }).update({ message: 'rewritten' });
      try {
        expect(await new AuditChainVerifier(knex, logger).verifyAll()).toMatchObject({ broken: 1 });
      } finally {
        await knex('audit_events').where({ id: first.id }).update({ message: first.message });
      }

      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(`organisation elsewhere (${elsewhere}) is broken at event ${first.id}`),
      );
      const stored = await knex('audit_chain_verifications').where({ chain: elsewhere }).first();
      expect(stored).toMatchObject({ verified_by: 'scheduler', first_broken_message: expect.stringContaining('does not match') });
    });
  });
});
