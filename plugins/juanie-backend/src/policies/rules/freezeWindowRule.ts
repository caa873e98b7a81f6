import { FreezeWindowParams, freezeWindowParamsSchema, WEEK_DAYS } from '@juanie/plugin-juanie-common';
import { createPolicyRuleType } from '@juanie/plugin-juanie-node';
import { DateTime } from 'luxon';

/** A one-off time: with an offset it is absolute, without one it is read in the time zone. */
const instantOf = (time: string, timeZone: string) => DateTime.fromISO(time, { zone: timeZone });

const minutesOf = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
};

/** The shared schema, plus what needs a time zone database: a one-off window ends after it starts. */
const paramsSchema = freezeWindowParamsSchema.superRefine((params, ctx) => {
  if (params.start === undefined || params.end === undefined) return;
  for (const key of ['start', 'end'] as const) {
    const instant = instantOf(params[key]!, params.timeZone);
    if (!instant.isValid) ctx.addIssue({ code: 'custom', message: `is not a valid time: ${instant.invalidExplanation}`, path: [key] });
  }
  if (instantOf(params.end, params.timeZone) <= instantOf(params.start, params.timeZone)) {
    ctx.addIssue({ code: 'custom', message: 'must be after start', path: ['end'] });
  }
});

/**
 * Whether the moment falls in the window. Weekly windows follow the wall clock of the time
 * zone, so they move with daylight saving time; a window inside a skipped hour does not happen.
 */
export function isInFreezeWindow(params: FreezeWindowParams, at: Date): boolean {
  const { timeZone } = params;
  if (params.start !== undefined && params.end !== undefined) {
    const now = DateTime.fromJSDate(at);
    return instantOf(params.start, timeZone) <= now && now < instantOf(params.end, timeZone);
  }
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const minute = local.hour * 60 + local.minute;
  const day = WEEK_DAYS[local.weekday - 1];
  const previousDay = WEEK_DAYS[(local.weekday + 5) % 7];
  const days = new Set(params.days ?? []);
  const from = minutesOf(params.from!);
  const to = minutesOf(params.to!);
  if (from < to) return days.has(day) && from <= minute && minute < to;
  // The window runs past midnight: it started today, or it started yesterday and goes on.
  return (days.has(day) && minute >= from) || (days.has(previousDay) && minute < to);
}

function describeWindow(params: FreezeWindowParams): string {
  if (params.start !== undefined) return `from ${params.start} to ${params.end} (${params.timeZone})`;
  return `on ${params.days!.join(', ')} from ${params.from} to ${params.to} (${params.timeZone})`;
}

/** Built-in rule type `freezeWindow`. */
export const freezeWindowRule = createPolicyRuleType({
  type: 'freezeWindow',
  title: 'Freeze window',
  description:
    'No deployment is requested inside the window: one-off (start, end) or weekly (days, from, to), in a time zone.',
  paramsSchema,
  evaluate: ({ params, at }) => {
    if (!isInFreezeWindow(params, at)) return [];
    const local = DateTime.fromJSDate(at, { zone: params.timeZone }).toFormat("ccc yyyy-MM-dd HH:mm");
    return [
      {
        file: null,
        path: null,
        message: `Deployments are frozen ${describeWindow(params)}; this one was requested ${local} ${params.timeZone}`,
      },
    ];
  },
});
