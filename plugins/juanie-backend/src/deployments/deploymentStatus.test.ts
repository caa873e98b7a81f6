import { nextStatus } from './deploymentStatus';

describe('deployment state machine', () => {
  it.each([
    ['pending_approval', 'approve', 'approver', 'queued'],
    ['pending_approval', 'reject', 'approver', 'rejected'],
    ['pending_approval', 'expire', 'scheduler', 'expired'],
    ['queued', 'cancel', 'requester', 'cancelled'],
    ['queued', 'startCommit', 'commitJob', 'committing'],
    ['committing', 'commit', 'commitJob', 'committed'],
    ['committing', 'failCommit', 'commitJob', 'failed'],
    ['committed', 'startReconcile', 'fluxWatcher', 'reconciling'],
    ['reconciling', 'succeed', 'fluxWatcher', 'succeeded'],
    ['reconciling', 'failReconcile', 'fluxWatcher', 'failed'],
    ['pending_approval', 'close', 'deletion', 'cancelled'],
    ['committed', 'close', 'deletion', 'cancelled'],
    ['reconciling', 'close', 'scheduler', 'cancelled'],
  ] as const)('%s --%s by %s--> %s', (from, transition, by, to) => {
    expect(nextStatus(from, transition, by)).toEqual({ ok: true, status: to });
  });

  it.each([
    ['committed', 'cancel', 'requester', /cannot cancel/],
    ['rejected', 'approve', 'approver', /cannot approve/],
    ['pending_approval', 'approve', 'requester', /not made by the requester/],
    ['succeeded', 'failReconcile', 'fluxWatcher', /cannot failReconcile/],
    ['succeeded', 'close', 'deletion', /cannot close/],
    ['committed', 'close', 'requester', /not made by the requester/],
  ] as const)('refuses %s --%s by %s', (from, transition, by, reason) => {
    const result = nextStatus(from, transition, by);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});
