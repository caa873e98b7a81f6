import { deployment } from '../../__testUtils__/fakeJuanieApi';
import { describeAge } from './describeAge';
import { describeDeployment, describeOrigin } from './describeDeployment';

describe('describeDeployment', () => {
  it.each([
    [
      { changes: { image: { name: 'ghcr.io/acme/web', tag: '2.0' } } },
      'image ghcr.io/acme/web:2.0',
    ],
    [
      { changes: { image: { digest: `sha256:${'a'.repeat(64)}` } } },
      'image @sha256:aaaaaaaaaaaa',
    ],
    [
      {
        changes: {
          replicas: 3,
          env: { set: { A: '1', B: '2' }, remove: ['C'] },
          resources: { requests: { cpu: '100m' }, limits: { memory: '1Gi' } },
        },
      },
      'replicas 3 · env set A, B; remove C · resources request cpu 100m, limit memory 1Gi',
    ],
    [
      {
        method: 'rollback' as const,
        changes: null,
        rollbackOf: 'd0000000-0000-4000-8000-000000000001',
      },
      'rollback of d0000000',
    ],
    [{ method: 'git' as const, changes: null }, 'commit made in git'],
  ])('%j reads "%s"', (overrides, summary) => {
    expect(describeDeployment(deployment(overrides))).toBe(summary);
  });
});

describe('describeOrigin', () => {
  it.each([
    [{}, 'user:default/alice'],
    [
      { method: 'rollback' as const, requestedBy: 'user:default/bob' },
      'user:default/bob',
    ],
    [
      { method: 'git' as const, requestedBy: 'git:Ann Smith <ann@acme.io>' },
      'pushed to git by Ann Smith <ann@acme.io>',
    ],
  ])('%j reads "%s"', (overrides, origin) => {
    expect(describeOrigin(deployment(overrides))).toBe(origin);
  });
});

describe('describeAge', () => {
  const now = new Date('2026-01-15T10:00:00.000Z');
  it.each([
    ['2026-01-15T09:59:30.000Z', 'just now'],
    ['2026-01-15T09:58:00.000Z', '2 minutes ago'],
    ['2026-01-15T07:00:00.000Z', '3 hours ago'],
    ['2026-01-13T09:00:00.000Z', '2 days ago'],
  ])('%s reads "%s"', (iso, age) => {
    expect(describeAge(iso, now)).toBe(age);
  });
});
