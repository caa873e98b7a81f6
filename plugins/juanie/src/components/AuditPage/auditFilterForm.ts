import type { AuditOutcome, AuditQuery } from '@juanie/plugin-juanie-common';

/** The audit filter inputs; times as `datetime-local` values (local time). */
export interface AuditFilterValues {
  actor: string;
  action: string;
  resourceType: string;
  org: string;
  project: string;
  outcome: AuditOutcome | '';
  from: string;
  to: string;
  q: string;
}

/** No filter: the whole trail. */
export const emptyAuditFilters: AuditFilterValues = {
  actor: '',
  action: '',
  resourceType: '',
  org: '',
  project: '',
  outcome: '',
  from: '',
  to: '',
  q: '',
};

// datetime-local has no zone; the API wants an offset, so convert through Date.
function toIsoTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** The query of `GET /audit`: blank filters left out, times in ISO 8601. */
export function toAuditQuery(values: AuditFilterValues): AuditQuery {
  const query: Record<string, string> = {};
  for (const [key, raw] of Object.entries(values)) {
    const value = raw.trim();
    if (!value) continue;
    query[key] = key === 'from' || key === 'to' ? toIsoTime(value) : value;
  }
  return query as AuditQuery;
}
