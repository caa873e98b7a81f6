import { ApprovalRule, durationToSeconds } from '@juanie/plugin-juanie-common';

const UNITS: [seconds: number, name: string][] = [
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
];

/** `P3D` → "3 days"; falls back to the ISO text for mixed durations. */
export function describeDuration(iso: string): string {
  const seconds = durationToSeconds(iso);
  if (seconds === undefined) return iso;
  for (const [size, name] of UNITS) {
    if (seconds % size === 0) {
      const count = seconds / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return iso;
}

/** One line that says what a deployment to the environment must pass. */
export function describeApprovalRule(rule: ApprovalRule): string {
  if (rule.requiredApprovals === 0) return 'No approval needed';
  const count = `${rule.requiredApprovals} approval${
    rule.requiredApprovals === 1 ? '' : 's'
  }`;
  const from = rule.approvers.length
    ? ` from ${rule.approvers.join(', ')}`
    : '';
  const self = rule.allowSelfApproval
    ? 'self-approval allowed'
    : 'no self-approval';
  return `${count}${from}; ${self}; expires after ${describeDuration(
    rule.expiresAfter,
  )}`;
}
