import { approvalRuleSchema, DeploymentStatus } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { TeamStore } from '../orgs/TeamStore';
import { startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { DeploymentStore } from './DeploymentStore';
import { refusalOfVote, VotedDeployment, VoteQuestion } from './voteEligibility';
import { VoteFilter } from './voteEligibilityQuery';

jest.setTimeout(180_000);

const NOW = new Date('2026-12-06T12:00:00.000Z');
const bob = { userRef: 'user:default/bob', memberOf: ['group:default/web-team', 'team:platform'] };
const alice = { userRef: 'user:default/alice', memberOf: [] };

function question(overrides: {
  deployment?: Partial<VotedDeployment>;
  rule?: object;
  voter?: VoteQuestion['voter'];
  votedBy?: string[];
  may?: Partial<VoteQuestion['may']>;
}): VoteQuestion {
  return {
    deployment: {
      id: 'd1',
      org: 'acme',
      project: 'shop',
      status: 'pending_approval',
      requestedBy: 'user:default/alice',
      approvalRule: approvalRuleSchema.parse({ requiredApprovals: 1, approvers: ['user:default/bob'], ...overrides.rule }),
      expiresAt: null,
      ...overrides.deployment,
    },
    voter: overrides.voter ?? bob,
    votedBy: overrides.votedBy ?? [],
    may: { approve: true, manage: false, ...overrides.may },
    now: NOW,
  };
}

describe('who may vote (the function)', () => {
  it.each<[string, Parameters<typeof question>[0], string | undefined]>([
    ['a listed user', {}, undefined],
    ['a listed user in short form', { rule: { approvers: ['user:bob'] } }, undefined],
    ['a member of a listed catalog group', { rule: { approvers: ['group:default/web-team'] } }, undefined],
    ['a member of a listed Juanie team', { rule: { approvers: ['team:platform'] } }, undefined],
    ['a maintainer where nobody is listed', { rule: { approvers: [] }, may: { manage: true } }, undefined],
    ['the requester where the rule allows it', { rule: { allowSelfApproval: true }, deployment: { requestedBy: bob.userRef } }, undefined],
    ['not without the approve permission', { may: { approve: false } }, 'forbidden: You do not have permission juanie.deployment.approve on acme/shop'],
    ['not a non-maintainer where nobody is listed', { rule: { approvers: [] } }, 'forbidden: This environment lists no approvers; only maintainers of the project can vote'],
    ['not someone the rule does not list (wrong role)', { voter: alice, deployment: { requestedBy: 'user:default/carol' } }, 'forbidden: user:default/alice is not an eligible approver of this environment'],
    ['not the requester (self-approval)', { deployment: { requestedBy: bob.userRef } }, 'forbidden: You requested this deployment; this environment does not allow approving your own'],
    ['not twice (one vote each)', { votedBy: ['user:default/carol', bob.userRef] }, 'voted: user:default/bob has already voted on this deployment'],
    ['not on a final deployment', { deployment: { status: 'rejected' } }, 'closed: Deployment d1 is rejected; it takes no more votes'],
    ['not on one past its expiry, whatever its status says', { deployment: { expiresAt: NOW.toISOString() } }, `expired: Deployment d1 expired at ${NOW.toISOString()}; it takes no more votes`],
    ['but on one before its expiry', { deployment: { expiresAt: new Date(NOW.getTime() + 1000).toISOString() } }, undefined],
  ])('%s', (_case, overrides, expected) => {
    const refusal = refusalOfVote(question(overrides));
    expect(refusal && `${refusal.kind}: ${refusal.reason}`).toBe(expected);
  });
});

/** A small deterministic generator: the same cases on every run and database. */
function generator(seed: number) {
  let state = seed;
  return <T>(options: readonly T[]): T => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return options[state % options.length];
  };
}

const VOTERS = [
  { userRef: 'user:default/bob', claims: ['user:default/bob', 'group:default/web-team'] },
  { userRef: 'user:default/carol', claims: ['user:default/carol'] },
  { userRef: 'user:default/dan', claims: ['user:default/dan', 'group:default/ops'] },
  // Claims are compared without case, as the catalog's refs are.
  { userRef: 'user:default/eve', claims: ['user:default/eve', 'GROUP:default/Web-Team'] },
];
const APPROVER_LISTS = [
  [],
  ['user:default/bob'],
  ['group:default/web-team'],
  ['team:ops'],
  ['user:default/carol', 'team:web'],
  ['user:default/dan'],
  ['group:default/ops', 'user:default/eve'],
];
const STATUSES: DeploymentStatus[] = ['pending_approval', 'pending_approval', 'pending_approval', 'queued', 'rejected', 'expired'];
const REQUESTERS = [...VOTERS.map(voter => voter.userRef), 'user:default/zed'];
const VOTE_SETS = [[], [], ['user:default/bob'], ['user:default/carol', 'user:default/dan'], ['user:default/eve']];
const EXPIRIES = [null, null, new Date(NOW.getTime() - 60_000), new Date(NOW.getTime() + 60_000)];

describe('permissions only ever add refusals (what DeploymentApprovals.mayVote relies on)', () => {
  const pick = generator(11);
  it('a vote refused with every permission is refused with fewer', () => {
    let refused = 0;
    const allowedWithFewer: VoteQuestion[] = [];
    for (let i = 0; i < 500; i++) {
      const base = question({
        rule: { approvers: pick(APPROVER_LISTS), allowSelfApproval: pick([false, true]) },
        deployment: { status: pick(STATUSES), requestedBy: pick(REQUESTERS), expiresAt: pick(EXPIRIES)?.toISOString() ?? null },
        voter: (({ userRef, claims }) => ({ userRef, memberOf: claims }))(pick(VOTERS)),
        votedBy: pick(VOTE_SETS),
      });
      if (!refusalOfVote({ ...base, may: { approve: true, manage: true } })) continue;
      refused++;
      for (const may of [{ approve: true, manage: false }, { approve: false, manage: true }, { approve: false, manage: false }]) {
        if (!refusalOfVote({ ...base, may })) allowedWithFewer.push(base);
      }
    }
    expect(refused).toBeGreaterThan(100);
    expect(allowedWithFewer).toEqual([]);
  });
});

describe('who may vote: the SQL filter agrees with the function', () => {
  const databases = createJuanieTestDatabases();

  it.each(databases.eachSupportedId())('on generated cases (%p)', async id => {
    const knex: Knex = await databases.init(id);
    const backend = await startJuanieTestBackend(knex);
    try {
      // Two organisations, each with a team `ops` of its own members and a project.
      const places: Array<{ org: string; owner: string; project: string; opsMember: string }> = [
        { org: 'acme', owner: 'carol', project: 'shop', opsMember: 'user:default/carol' },
        { org: 'globex', owner: 'dan', project: 'store', opsMember: 'user:default/dan' },
      ];
      for (const { org, owner, project, opsMember } of places) {
        const as = backend.as(owner);
        await as.post('/orgs', { slug: org, title: org }).expect(201);
        await as.post(`/orgs/${org}/teams`, { slug: 'ops', title: 'Ops' }).expect(201);
        await as.post(`/orgs/${org}/teams/ops/members`, { userRef: opsMember, role: 'member' }).expect(201);
        await as.post(`/orgs/${org}/projects`, { slug: project, title: project }).expect(201);
        await as.post(`/orgs/${org}/projects/${project}/environments`, { slug: 'env', title: 'Env', kind: 'staging' }).expect(201);
      }
      // A team `web` in acme that nobody of the voters is in.
      await backend.as('carol').post('/orgs/acme/teams', { slug: 'web', title: 'Web' }).expect(201);
      const envs = await knex('environments')
        .join('projects', 'projects.id', 'environments.project_id')
        .join('organizations', 'organizations.id', 'projects.organization_id')
        .orderBy('organizations.slug')
        .select('environments.id as env_id', 'projects.id as project_id', 'projects.organization_id as org_id');

      const store = new DeploymentStore(knex);
      const pick = generator(7);
      const inserted: Array<{ id: string; votedBy: string[]; orgId: string; projectId: string }> = [];
      for (let i = 0; i < 240; i++) {
        const env = pick(envs);
        const votedBy = pick(VOTE_SETS);
        const deploymentId = await knex.transaction(async trx => {
          const newId = await store.insert(trx, {
            projectId: env.project_id,
            environmentId: env.env_id,
            method: 'juanie',
            status: pick(STATUSES),
            requestedBy: pick(REQUESTERS),
            changes: { replicas: 1 },
            message: `case ${i}`,
            expiresAt: pick(EXPIRIES),
            approvalRule: approvalRuleSchema.parse({
              requiredApprovals: 1,
              approvers: pick(APPROVER_LISTS),
              allowSelfApproval: pick([false, true]),
            }),
          });
          for (const approverRef of votedBy) await store.addVote(trx, newId, { approverRef, decision: 'approve', comment: '' });
          return newId;
        });
        inserted.push({ id: deploymentId, votedBy, orgId: env.org_id, projectId: env.project_id });
      }

      const teams = new TeamStore(knex);
      const [acmeProject, globexProject] = envs.map(env => env.project_id);
      const permissionCases: Array<NonNullable<VoteFilter['projects']>> = [
        { approve: 'all', manage: 'all' },
        { approve: 'all', manage: [] },
        { approve: [acmeProject], manage: [globexProject] },
        { approve: [], manage: 'all' },
      ];
      let agreedAllowed = 0;
      for (const voter of VOTERS) {
        for (const projects of permissionCases) {
          const filter: VoteFilter = { userRef: voter.userRef, claims: voter.claims, now: NOW, projects };
          const bySql = new Set((await store.awaitingVote(filter, 1000)).map(d => d.id));
          const byFunction = new Set<string>();
          for (const { id: deploymentId, votedBy, orgId, projectId } of inserted) {
            const deployment = (await store.get(deploymentId))!;
            const teamRefs = (await teams.teamSlugsOf(orgId, voter.claims)).map(slug => `team:${slug}`);
            const inList = (allowed: string[] | 'all') => allowed === 'all' || allowed.includes(projectId);
            const refusal = refusalOfVote({
              deployment,
              voter: { userRef: voter.userRef, memberOf: [...voter.claims, ...teamRefs] },
              votedBy,
              may: { approve: inList(projects.approve), manage: inList(projects.manage) },
              now: NOW,
            });
            if (!refusal) byFunction.add(deploymentId);
          }
          expect({ voter: voter.userRef, projects, ids: [...bySql].sort() }).toEqual({
            voter: voter.userRef,
            projects,
            ids: [...byFunction].sort(),
          });
          agreedAllowed += byFunction.size;
        }
      }
      // The cases must exercise both answers, or the agreement says little.
      expect(agreedAllowed).toBeGreaterThan(20);
      expect(agreedAllowed).toBeLessThan(inserted.length * VOTERS.length * permissionCases.length / 2);
    } finally {
      await backend.stop();
    }
  });
});
