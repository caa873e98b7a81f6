import { findingsOf } from '../__testUtils__/manifestBuilders';
import { freezeWindowRule } from './freezeWindowRule';

interface FreezeCase {
  name: string;
  params: object;
  /** When the deployment is requested, in UTC. */
  at: string;
  frozen: boolean;
}

const CHRISTMAS_IN_PARIS = { timeZone: 'Europe/Paris', start: '2026-12-24T18:00', end: '2026-12-26T08:00' };
const FRIDAY_NIGHTS_IN_PARIS = { timeZone: 'Europe/Paris', days: ['fri'], from: '18:00', to: '08:00' };

const FREEZE_WINDOWS: FreezeCase[] = [
  // One-off windows: local times are read in the time zone (Paris is UTC+1 in December).
  { name: 'one-off: a minute before the start (17:59 Paris)', params: CHRISTMAS_IN_PARIS, at: '2026-12-24T16:59:00Z', frozen: false },
  { name: 'one-off: the start itself is frozen (18:00 Paris)', params: CHRISTMAS_IN_PARIS, at: '2026-12-24T17:00:00Z', frozen: true },
  { name: 'one-off: a minute before the end', params: CHRISTMAS_IN_PARIS, at: '2026-12-26T06:59:00Z', frozen: true },
  { name: 'one-off: the end itself is open again', params: CHRISTMAS_IN_PARIS, at: '2026-12-26T07:00:00Z', frozen: false },
  {
    name: 'one-off: an explicit offset wins over the time zone',
    params: { timeZone: 'Europe/Paris', start: '2026-12-24T18:00:00-05:00', end: '2026-12-25T18:00:00-05:00' },
    at: '2026-12-24T22:59:00Z',
    frozen: false,
  },
  {
    name: 'one-off: ... and starts at 23:00 UTC',
    params: { timeZone: 'Europe/Paris', start: '2026-12-24T18:00:00-05:00', end: '2026-12-25T18:00:00-05:00' },
    at: '2026-12-24T23:00:00Z',
    frozen: true,
  },
  {
    name: 'one-off: a window across the spring DST change in New York lasts 23 hours',
    params: { timeZone: 'America/New_York', start: '2026-03-08T00:00', end: '2026-03-09T00:00' },
    at: '2026-03-09T03:59:00Z',
    frozen: true,
  },
  {
    name: 'one-off: ... and is over at midnight EDT',
    params: { timeZone: 'America/New_York', start: '2026-03-08T00:00', end: '2026-03-09T00:00' },
    at: '2026-03-09T04:00:00Z',
    frozen: false,
  },
  // Weekly windows follow the wall clock, summer and winter alike.
  { name: 'weekly: Friday 18:30 in summer (CEST)', params: FRIDAY_NIGHTS_IN_PARIS, at: '2026-07-03T16:30:00Z', frozen: true },
  { name: 'weekly: Friday 17:30 in winter (CET) is before the window', params: FRIDAY_NIGHTS_IN_PARIS, at: '2026-01-09T16:30:00Z', frozen: false },
  { name: 'weekly: Friday 18:30 in winter (CET)', params: FRIDAY_NIGHTS_IN_PARIS, at: '2026-01-09T17:30:00Z', frozen: true },
  { name: 'weekly: past midnight, Saturday 07:59, still frozen', params: FRIDAY_NIGHTS_IN_PARIS, at: '2026-07-04T05:59:00Z', frozen: true },
  { name: 'weekly: Saturday 08:00 is open', params: FRIDAY_NIGHTS_IN_PARIS, at: '2026-07-04T06:00:00Z', frozen: false },
  { name: 'weekly: Saturday 18:30 is not a listed day', params: FRIDAY_NIGHTS_IN_PARIS, at: '2026-07-04T16:30:00Z', frozen: false },
  { name: 'weekly: Thursday 23:00 is not a listed day', params: FRIDAY_NIGHTS_IN_PARIS, at: '2026-07-02T21:00:00Z', frozen: false },
  // The days DST changes: 2026-03-29 (Paris skips 02:00-03:00) and 2026-10-25 (repeats 02:00-03:00).
  { name: 'DST spring: 01:30 CET is in Sunday 01:00-04:00', params: { timeZone: 'Europe/Paris', days: ['sun'], from: '01:00', to: '04:00' }, at: '2026-03-29T00:30:00Z', frozen: true },
  { name: 'DST spring: 03:30 CEST is still in it', params: { timeZone: 'Europe/Paris', days: ['sun'], from: '01:00', to: '04:00' }, at: '2026-03-29T01:30:00Z', frozen: true },
  { name: 'DST spring: 04:00 CEST ends it, two real hours after it began', params: { timeZone: 'Europe/Paris', days: ['sun'], from: '01:00', to: '04:00' }, at: '2026-03-29T02:00:00Z', frozen: false },
  { name: 'DST spring: a window inside the skipped hour does not happen (01:59 CET)', params: { timeZone: 'Europe/Paris', days: ['sun'], from: '02:00', to: '02:30' }, at: '2026-03-29T00:59:00Z', frozen: false },
  { name: 'DST spring: ... nor right after it (03:00 CEST)', params: { timeZone: 'Europe/Paris', days: ['sun'], from: '02:00', to: '02:30' }, at: '2026-03-29T01:00:00Z', frozen: false },
  { name: 'DST autumn: the first 02:30 (CEST) is frozen', params: { timeZone: 'Europe/Paris', days: ['sun'], from: '02:00', to: '03:00' }, at: '2026-10-25T00:30:00Z', frozen: true },
  { name: 'DST autumn: the second 02:30 (CET) is frozen too', params: { timeZone: 'Europe/Paris', days: ['sun'], from: '02:00', to: '03:00' }, at: '2026-10-25T01:30:00Z', frozen: true },
  { name: 'DST autumn: 03:00 CET is open', params: { timeZone: 'Europe/Paris', days: ['sun'], from: '02:00', to: '03:00' }, at: '2026-10-25T02:00:00Z', frozen: false },
  // Other time zones.
  { name: 'New York business hours: Monday 09:30 EDT, the day after the change', params: { timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }, at: '2026-03-09T13:30:00Z', frozen: true },
  { name: 'New York business hours: the Friday before, 13:30 UTC is 08:30 EST', params: { timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }, at: '2026-03-06T13:30:00Z', frozen: false },
  { name: 'Kolkata (UTC+05:30): Monday starts at 18:30 UTC on Sunday', params: { timeZone: 'Asia/Kolkata', days: ['mon'], from: '00:00', to: '24:00' }, at: '2026-06-07T18:30:00Z', frozen: true },
  { name: 'Kolkata: a minute earlier is still Sunday', params: { timeZone: 'Asia/Kolkata', days: ['mon'], from: '00:00', to: '24:00' }, at: '2026-06-07T18:29:00Z', frozen: false },
  { name: 'UTC: Sunday 23:59 in a whole-day window', params: { timeZone: 'UTC', days: ['sun'], from: '00:00', to: '24:00' }, at: '2026-06-07T23:59:00Z', frozen: true },
];

interface BadParamsCase {
  name: string;
  params: object;
  problem: RegExp;
}

const BAD_PARAMS: BadParamsCase[] = [
  { name: 'an unknown time zone', params: { ...FRIDAY_NIGHTS_IN_PARIS, timeZone: 'Mars/Olympus_Mons' }, problem: /timeZone: must be an IANA time zone/ },
  { name: 'a one-off window without end', params: { timeZone: 'UTC', start: '2026-12-24T18:00' }, problem: /end: a one-off window needs both start and end/ },
  { name: 'an end before the start', params: { ...CHRISTMAS_IN_PARIS, end: '2026-12-24T17:00' }, problem: /end: must be after start/ },
  { name: 'an end equal to the start in another notation', params: { timeZone: 'Europe/Paris', start: '2026-12-24T18:00', end: '2026-12-24T17:00:00Z' }, problem: /end: must be after start/ },
  { name: 'a start that is no date', params: { ...CHRISTMAS_IN_PARIS, start: 'Christmas Eve' }, problem: /start: must be an ISO 8601 date and time/ },
  { name: 'February 30th', params: { ...CHRISTMAS_IN_PARIS, start: '2026-02-30T10:00' }, problem: /start: / },
  { name: 'both forms at once', params: { ...CHRISTMAS_IN_PARIS, days: ['fri'], from: '18:00', to: '20:00' }, problem: /give either start and end .* or days, from and to/ },
  { name: 'neither form', params: { timeZone: 'UTC' }, problem: /give either start and end/ },
  { name: 'a weekly window without days', params: { timeZone: 'UTC', from: '18:00', to: '20:00' }, problem: /days: a weekly window needs days/ },
  { name: 'a day spelt out', params: { ...FRIDAY_NIGHTS_IN_PARIS, days: ['friday'] }, problem: /days\.0: / },
  { name: 'a repeated day', params: { ...FRIDAY_NIGHTS_IN_PARIS, days: ['fri', 'fri'] }, problem: /days: must not repeat a day/ },
  { name: 'an hour 25', params: { ...FRIDAY_NIGHTS_IN_PARIS, from: '25:00' }, problem: /from: must be a time HH:mm/ },
  { name: 'a window of no length', params: { ...FRIDAY_NIGHTS_IN_PARIS, to: '18:00' }, problem: /to: must differ from from/ },
  { name: 'an unknown field', params: { ...FRIDAY_NIGHTS_IN_PARIS, cron: '0 18 * * 5' }, problem: /cron/ },
];

describe('freezeWindow', () => {
  it.each(FREEZE_WINDOWS)('$name: frozen=$frozen', async ({ params, at, frozen }) => {
    const findings = await findingsOf(freezeWindowRule, params, {}, { at: new Date(at) });
    const seen = findings.map(({ file, path, message }) => ({ file, path, frozen: /^Deployments are frozen .* requested /.test(message) }));
    expect(seen).toEqual(frozen ? [{ file: null, path: null, frozen: true }] : []);
  });

  it('says when the window is and when the deployment was requested, in the time zone', async () => {
    const [finding] = await findingsOf(freezeWindowRule, FRIDAY_NIGHTS_IN_PARIS, {}, { at: new Date('2026-07-03T16:30:00Z') });
    expect(finding.message).toBe(
      'Deployments are frozen on fri from 18:00 to 08:00 (Europe/Paris); this one was requested Fri 2026-07-03 18:30 Europe/Paris',
    );
  });

  it.each(BAD_PARAMS)('refuses $name', ({ params, problem }) => {
    const result = freezeWindowRule.paramsSchema.safeParse(params);
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    expect(issues).toMatch(problem);
  });
});
