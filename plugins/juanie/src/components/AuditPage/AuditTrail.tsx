import { useState } from 'react';
import { Box, Grid } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ContentHeader, InfoCard } from '@backstage/core-components';
import type { AuditQuery, AuditScope } from '@juanie/plugin-juanie-common';
import { useAuditEvents } from '../../hooks/audit';
import { AuditExportButtons } from './AuditExportButtons';
import { AuditFilters } from './AuditFilters';
import {
  AuditOrganizationSelect,
  initialAuditOrganization,
} from './AuditOrganizationSelect';
import { emptyAuditFilters, toAuditQuery } from './auditFilterForm';
import { AuditTable } from './AuditTable';
import { AuditChainStatus } from './AuditChainStatus';

/**
 * Platform admins verify every chain; owners (`mayVerify` in the scope) their organisation's.
 * Without an organisation the chain is the platform's.
 */
function mayVerify(scope: AuditScope, org: string): boolean {
  if (scope.readAll) return true;
  return scope.organizations.some(o => o.slug === org && o.mayVerify);
}

/**
 * The trail of the chosen organisation (or the whole trail, for platform auditors), with
 * filters, search, export, and the state of the chosen organisation's hash chain (the
 * platform's chain for the whole trail).
 */
export function AuditTrail(props: {
  scope: AuditScope;
  /** `?org=` and `&project=` of the address: where the page starts. */
  requested: { org: string | null; project: string | null };
}) {
  const { scope, requested } = props;
  const [org, setOrg] = useState(() =>
    initialAuditOrganization(scope, requested.org),
  );
  const [initialFilters] = useState(() => ({
    ...emptyAuditFilters,
    project: requested.project ?? '',
  }));
  const [filters, setFilters] = useState<AuditQuery>(() =>
    toAuditQuery(initialFilters),
  );
  const query: AuditQuery = { ...filters, ...(org ? { org } : {}) };
  const events = useAuditEvents(query);
  const refused = requested.org !== null && requested.org !== org;

  return (
    <>
      <ContentHeader title="Events, newest first">
        <Box display="flex" gridGap={8}>
          <AuditExportButtons query={query} />
        </Box>
      </ContentHeader>
      {refused && (
        <Box mb={2}>
          <Alert severity="info">
            You cannot read the audit trail of {requested.org}; showing the
            trails you may read instead.
          </Alert>
        </Box>
      )}
      <Box mb={2}>
        <InfoCard>
          <Grid container spacing={2}>
            <Grid item xs={12} md={4}>
              <AuditOrganizationSelect
                scope={scope}
                value={org}
                onChange={setOrg}
              />
            </Grid>
            <Grid item xs={12}>
              <AuditFilters
                initialValues={initialFilters}
                onApply={setFilters}
              />
            </Grid>
          </Grid>
        </InfoCard>
      </Box>
      <Box mb={2}>
        <InfoCard>
          {/* Keyed by chain: a result shown belongs to the chain it was asked for. */}
          <AuditChainStatus
            key={org}
            org={org || undefined}
            mayVerify={mayVerify(scope, org)}
          />
        </InfoCard>
      </Box>
      <AuditTable events={events} />
    </>
  );
}
