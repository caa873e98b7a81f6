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
import {
  useCanReadOrganizationAudit,
  useCanRequestDeployment,
  useProjectPermissions,
} from '../../hooks/permissions';
import { useProject } from '../../hooks/projects';
import { organizationRouteRef } from '../../routes';
import { DeploymentHistory } from '../DeploymentHistory/DeploymentHistory';
import { GitOpsStatus } from '../GitOpsStatus/GitOpsStatus';
import { AuditTrailLink } from '../shared/AuditTrailLink';
import { ErrorState } from '../shared/ErrorState';
import { ProjectAccess } from './ProjectAccess';
import { ProjectPolicies } from './ProjectPolicies';
import { ProjectSettings } from './ProjectSettings';
import { PromotionPath } from './PromotionPath';
import { RepositoriesCard } from './RepositoriesCard';

/** One project: its promotion path, deployments, Flux status, people, repositories, policies and settings. */
export function ProjectPage() {
  const { org = '', project: slug = '' } = useParams();
  const { value: project, loading, error, retry } = useProject(org, slug);
  const { canManage, canDelete } = useProjectPermissions(org, slug);
  const canDeploy = useCanRequestDeployment(org, slug);
  const canReadAudit = useCanReadOrganizationAudit(org);
  const organizationLink = useRouteRef(organizationRouteRef);

  return (
    <Page themeId="tool">
      <Header
        title={project?.title ?? slug}
        subtitle={project?.description}
        type={`Project in ${org}`}
        typeLink={organizationLink({ org })}
      >
        {project?.myRole && (
          <HeaderLabel label="Your role" value={project.myRole} />
        )}
        {canReadAudit && (
          <HeaderLabel
            label="History"
            value={<AuditTrailLink org={org} project={slug} />}
          />
        )}
        {project && (
          <HeaderLabel
            label="State"
            value={project.archivedAt ? 'archived' : 'active'}
          />
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
      {project && (
        <TabbedLayout>
          <TabbedLayout.Route path="/" title="Environments">
            <PromotionPath
              org={org}
              project={slug}
              canManage={canManage}
              canDeploy={canDeploy}
            />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/deployments" title="Deployments">
            <DeploymentHistory org={org} project={slug} />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/gitops" title="GitOps">
            <GitOpsStatus org={org} project={slug} />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/members" title="Members">
            <ProjectAccess org={org} project={slug} canManage={canManage} />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/repositories" title="Repositories">
            <RepositoriesCard org={org} project={slug} canManage={canManage} />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/policies" title="Policies">
            <ProjectPolicies org={org} project={slug} canManage={canManage} />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/settings" title="Settings">
            <ProjectSettings
              project={project}
              canManage={canManage}
              canDelete={canDelete}
              onChange={retry}
            />
          </TabbedLayout.Route>
        </TabbedLayout>
      )}
    </Page>
  );
}
