import { useSearchParams } from 'react-router-dom';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useAuditScope } from '../../hooks/audit';
import { rootRouteRef } from '../../routes';
import { ErrorState } from '../shared/ErrorState';
import { AuditTrail } from './AuditTrail';

/**
 * The append-only audit trail: the trails the user may read, one organisation at a time, or
 * the whole trail for platform auditors. `?org=` (and `&project=`) say where to start.
 */
export function AuditPage() {
  const [searchParams] = useSearchParams();
  const scope = useAuditScope();
  const homeLink = useRouteRef(rootRouteRef);
  const readsNothing =
    scope.value &&
    !scope.value.readAll &&
    scope.value.organizations.length === 0;

  return (
    <Page themeId="tool">
      <Header title="Audit trail" type="Juanie" typeLink={homeLink()} />
      <Content>
        {scope.loading && <Progress />}
        {scope.error && (
          <ErrorState error={scope.error} onRetry={scope.retry} />
        )}
        {readsNothing && (
          <EmptyState
            missing="info"
            title="No audit trail to show you"
            description="Owners and admins of an organisation read its audit trail here; platform admins read the whole trail. Ask an owner of your organisation if you need to see what happened in it."
          />
        )}
        {scope.value && !readsNothing && (
          <AuditTrail
            scope={scope.value}
            requested={{
              org: searchParams.get('org'),
              project: searchParams.get('project'),
            }}
          />
        )}
      </Content>
    </Page>
  );
}
