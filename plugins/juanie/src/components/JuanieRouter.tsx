import { Route, Routes } from 'react-router-dom';
import { ApprovalsPage } from './ApprovalsPage/ApprovalsPage';
import { AuditPage } from './AuditPage/AuditPage';
import { ClustersPage } from './ClustersPage/ClustersPage';
import { DeploymentPage } from './DeploymentPage/DeploymentPage';
import { HomePage } from './HomePage/HomePage';
import { OrganizationPage } from './OrganizationPage/OrganizationPage';
import { ProjectPage } from './ProjectPage/ProjectPage';

/**
 * Every Juanie page below the plugin's mount point. The paths match the sub
 * route refs in `routes.ts`.
 */
export function JuanieRouter() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/audit" element={<AuditPage />} />
      <Route path="/approvals" element={<ApprovalsPage />} />
      <Route path="/clusters" element={<ClustersPage />} />
      <Route
        path="/orgs/:org/projects/:project/deployments/:id"
        element={<DeploymentPage />}
      />
      <Route path="/orgs/:org/projects/:project/*" element={<ProjectPage />} />
      <Route path="/orgs/:org/*" element={<OrganizationPage />} />
    </Routes>
  );
}
