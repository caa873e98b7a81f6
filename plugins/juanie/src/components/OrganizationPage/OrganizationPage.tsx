import { useParams } from 'react-router-dom';
import {
  Content,
  Header,
  HeaderLabel,
  Page,
  Progress,
  TabbedLayout,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useOrganization } from '../../hooks/organizations';
import {
  useCanReadOrganizationAudit,
  useOrganizationPermissions,
} from '../../hooks/permissions';
import { rootRouteRef } from '../../routes';
import { AuditTrailLink } from '../shared/AuditTrailLink';
import { ErrorState } from '../shared/ErrorState';
import { OrganizationMembers } from './OrganizationMembers';
import { OrganizationPolicies } from './OrganizationPolicies';
import { OrganizationProjects } from './OrganizationProjects';
import { OrganizationTeams } from './OrganizationTeams';
import { QuotaCard } from './QuotaCard';

/** One organisation: its projects, teams, members, policies and quota, as tabs. */
export function OrganizationPage() {
  const { org = '' } = useParams();
  const { value: organization, loading, error, retry } = useOrganization(org);
  const { canManage, canCreateProject } = useOrganizationPermissions(org);
  const canReadAudit = useCanReadOrganizationAudit(org);
  const homeLink = useRouteRef(rootRouteRef);

  return (
    <Page themeId="tool">
      <Header
        title={organization?.title ?? org}
        subtitle={organization?.description}
        type="Organisation"
        typeLink={homeLink()}
      >
        {organization?.myRole && (
          <HeaderLabel label="Your role" value={organization.myRole} />
        )}
        {canReadAudit && (
          <HeaderLabel label="History" value={<AuditTrailLink org={org} />} />
        )}
      </Header>
      {loading && (
        <Content>
          <Progress />
        </Content>
      )}
      {error && (
        <Content>
          <ErrorState error={error} onRetry={retry} />
        </Content>
      )}
      {organization && (
        <TabbedLayout>
          <TabbedLayout.Route path="/" title="Projects">
            <OrganizationProjects org={org} canCreate={canCreateProject} />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/teams" title="Teams">
            <OrganizationTeams org={org} canManage={canManage} />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/members" title="Members">
            <OrganizationMembers org={org} canManage={canManage} />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/policies" title="Policies">
            <OrganizationPolicies org={org} />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/quota" title="Quota">
            <QuotaCard org={org} canManage={canManage} />
          </TabbedLayout.Route>
        </TabbedLayout>
      )}
    </Page>
  );
}
