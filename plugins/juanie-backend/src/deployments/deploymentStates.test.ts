import { ConflictError } from '@backstage/errors';
import {
  approvalRuleSchema,
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_TRANSITION_NAMES,
  DEPLOYMENT_TRANSITIONS,
  DeploymentStatus,
  DeploymentTransitionActor,
  deploymentTransitionsFrom,
  FINAL_DEPLOYMENT_STATUSES,
  IN_FLIGHT_DEPLOYMENT_STATUSES,
  nextDeploymentStatus,
} from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { seedAcmeShop } from '../testing/seededOrganization';
import { startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { DeploymentStore } from './DeploymentStore';

jest.setTimeout(120_000);

const ACTORS: DeploymentTransitionActor[] = ['requester', 'approver', 'maintainer', 'commitJob', 'scheduler', 'fluxWatcher', 'deletion'];

/** Every (status, transition, actor) the table allows, and every one it does not. */
const everyMove = DEPLOYMENT_STATUSES.flatMap(status =>
  DEPLOYMENT_TRANSITION_NAMES.flatMap(transition =>
    ACTORS.map(by => {
      const rule = DEPLOYMENT_TRANSITIONS[transition];
      const legal = (rule.from as readonly string[]).includes(status) && (rule.by as readonly string[]).includes(by);
      return { status, transition, by, legal, to: rule.to };
    }),
  ),
);
const legalMoves = everyMove.filter(move => move.legal);

describe('deployment state machine', () => {
  it('has final statuses with no way out, and a way out of every other status', () => {
    for (const status of FINAL_DEPLOYMENT_STATUSES) expect(deploymentTransitionsFrom(status)).toEqual([]);
    for (const status of IN_FLIGHT_DEPLOYMENT_STATUSES) expect(deploymentTransitionsFrom(status).length).toBeGreaterThan(0);
    expect([...IN_FLIGHT_DEPLOYMENT_STATUSES, ...FINAL_DEPLOYMENT_STATUSES].sort()).toEqual([...DEPLOYMENT_STATUSES].sort());
    // Nothing leads back to where a deployment starts.
    expect(DEPLOYMENT_TRANSITION_NAMES.map(name => DEPLOYMENT_TRANSITIONS[name].to)).not.toContain('pending_approval');
  });

  it.each(legalMoves.map(m => [m.status, m.transition, m.by, m.to] as const))(
    'accepts %s --%s by %s--> %s',
    (from, transition, by, to) => {
      expect(nextDeploymentStatus(from, transition, by)).toEqual({ ok: true, status: to });
    },
  );

  it('refuses every other transition, saying why', () => {
    const illegal = everyMove.filter(move => !move.legal);
    expect(illegal.length).toBeGreaterThan(legalMoves.length);
    for (const { status, transition, by } of illegal) {
      const result = nextDeploymentStatus(status, transition, by);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toMatch(/cannot|is not made by/);
    }
  });

  it.each([
    ['committed', 'cancel', 'requester', /a deployment that is committed cannot cancel/],
    ['rejected', 'approve', 'approver', /cannot approve/],
    ['pending_approval', 'approve', 'requester', /not made by the requester/],
    ['succeeded', 'fail', 'fluxWatcher', /cannot fail/],
    ['succeeded', 'close', 'deletion', /cannot close/],
    ['committed', 'close', 'requester', /not made by the requester/],
  ] as const)('explains %s --%s by %s', (from, transition, by, reason) => {
    const result = nextDeploymentStatus(from, transition, by);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

describe('DeploymentStore.transition', () => {
  const databases = createJuanieTestDatabases();

  async function withDeployments(knex: Knex) {
    const backend = await startJuanieTestBackend(knex);
    await seedAcmeShop(backend);
    await backend.as('org-owner').post('/orgs/acme/projects/shop/environments', { slug: 'staging', title: 'Staging', kind: 'staging' }).expect(201);
    const env = await knex('environments').where({ slug: 'staging' }).first('id', 'project_id');
    const store = new DeploymentStore(knex);
    /** A new deployment in the given status. */
    const insert = (status: DeploymentStatus) =>
      knex.transaction(trx =>
        store.insert(trx, {
          projectId: env.project_id,
          environmentId: env.id,
          method: 'juanie',
          status,
          requestedBy: 'user:default/developer',
          changes: { replicas: 2 },
          message: `in ${status}`,
          approvalRule: approvalRuleSchema.parse({ requiredApprovals: 1 }),
        }),
      );
    const statusOf = async (id: string) => (await knex('deployments').where({ id }).first('status')).status;
    return { backend, store, insert, statusOf };
  }

  it.each(databases.eachSupportedId())(
    'makes every legal transition, refuses illegal ones without a change, and a lost race changes nothing (%p)',
    async id => {
      const knex = await databases.init(id);
      const { backend, store, insert, statusOf } = await withDeployments(knex);
      try {
        // One (status, transition) at a time, by its first actor.
        const pairs = new Map(legalMoves.map(move => [`${move.status} ${move.transition}`, move]));
        for (const { status, transition, by, to } of pairs.values()) {
          const deployment = await insert(status);
          const reached = await knex.transaction(trx =>
            store.transition(trx, deployment, { transition, by, reason: 'Test', message: `${transition} by ${by}` }),
          );
          expect([status, transition, reached]).toEqual([status, transition, to]);
          expect(await statusOf(deployment)).toBe(to);
        }

        for (const status of FINAL_DEPLOYMENT_STATUSES) {
          const deployment = await insert(status);
          for (const transition of DEPLOYMENT_TRANSITION_NAMES) {
            const by = DEPLOYMENT_TRANSITIONS[transition].by[0];
            const refused = await knex.transaction(trx => store.transition(trx, deployment, { transition, by })).catch(e => e);
            expect(refused).toBeInstanceOf(ConflictError);
            expect(refused.message).toMatch(new RegExp(`that is ${status} cannot ${transition}$`));
            expect(await statusOf(deployment)).toBe(status);
          }
        }

        // A wrong actor is a bug in the caller, not a conflict.
        const queued = await insert('queued');
        const wrongActor = await knex.transaction(trx => store.transition(trx, queued, { transition: 'startCommit', by: 'requester' })).catch(e => e);
        expect(wrongActor).not.toBeInstanceOf(ConflictError);
        expect(wrongActor.message).toMatch(/startCommit is not made by the requester/);
        expect(await statusOf(queued)).toBe('queued');

        // Two movers from the same status: the first wins, the second is a 409 that changes nothing.
        const pending = await insert('pending_approval');
        await knex.transaction(trx => store.transition(trx, pending, { transition: 'cancel', by: 'requester' }));
        const late = await knex.transaction(trx => store.transition(trx, pending, { transition: 'approve', by: 'approver' })).catch(e => e);
        expect(late).toBeInstanceOf(ConflictError);
        expect(late.message).toMatch(/cancelled cannot approve/);
        expect(await statusOf(pending)).toBe('cancelled');
      } finally {
        await backend.stop();
      }
    },
  );
});

