import { auditQuerySchema } from '@juanie/plugin-juanie-common';
import { emptyAuditFilters, toAuditQuery } from './auditFilterForm';

describe('toAuditQuery', () => {
  it('asks for everything when no filter is set', () => {
    expect(toAuditQuery(emptyAuditFilters)).toEqual({});
  });

  it('keeps set filters, trimmed, and turns local times into ISO 8601', () => {
    const query = toAuditQuery({
      ...emptyAuditFilters,
      actor: ' user:default/bob ',
      outcome: 'denied',
      from: '2026-01-15T10:30',
    });
    expect(query).toEqual({
      actor: 'user:default/bob',
      outcome: 'denied',
      from: new Date('2026-01-15T10:30').toISOString(),
    });
    expect(auditQuerySchema.safeParse(query).success).toBe(true);
  });
});
