import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box } from '@material-ui/core';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useAuditEvents } from '../../hooks/audit';
import { useCanReadAllAudit } from '../../hooks/permissions';
import { rootRouteRef } from '../../routes';
import { AuditExportButtons } from './AuditExportButtons';
import { AuditFilters } from './AuditFilters';
import { emptyAuditFilters, toAuditQuery } from './auditFilterForm';
import { AuditTable } from './AuditTable';
import { VerifyChainButton } from './VerifyChainButton';

/**
 * The append-only audit trail: filter, search, export, verify.
 *
 * `?org=` (and `&project=`) scope the page to one organisation: reading the whole
 * trail needs the read-all permission, one organisation's needs only its own.
 */
export function AuditPage() {
  const [searchParams] = useSearchParams();
  const [scope] = useState(() => ({
    ...emptyAuditFilters,
    org: searchParams.get('org') ?? '',
    project: searchParams.get('project') ?? '',
  }));
  const [query, setQuery] = useState(() => toAuditQuery(scope));
  const events = useAuditEvents(query);
  const homeLink = useRouteRef(rootRouteRef);
  // Verifying re-hashes the whole chain, which only platform auditors may read.
  const canVerify = useCanReadAllAudit();

  return (
    <Page themeId="tool">
      <Header title="Audit trail" type="Juanie" typeLink={homeLink()} />
      <Content>
        <ContentHeader title="Events, newest first">
          <Box display="flex" gridGap={8}>
            <AuditExportButtons query={query} />
          </Box>
        </ContentHeader>
        <Box mb={2}>
          <InfoCard>
            <AuditFilters initialValues={scope} onApply={setQuery} />
          </InfoCard>
        </Box>
        {canVerify && (
          <Box mb={2}>
            <VerifyChainButton />
          </Box>
        )}
        <AuditTable events={events} />
      </Content>
    </Page>
  );
}
