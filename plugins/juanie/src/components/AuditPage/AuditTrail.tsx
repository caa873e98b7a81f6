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
import { VerifyChainButton } from './VerifyChainButton';

/**
 * The trail of the chosen organisation (or the whole trail, for platform auditors), with
 * filters, search, export and, for those who may read everything, chain verification.
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
      {scope.readAll && (
        <Box mb={2}>
          <VerifyChainButton />
        </Box>
      )}
      <AuditTable events={events} />
    </>
  );
}
