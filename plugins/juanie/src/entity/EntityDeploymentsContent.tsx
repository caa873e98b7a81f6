import { DeploymentHistory } from '../components/DeploymentHistory/DeploymentHistory';
import { EntityJuanieProject } from './EntityJuanieProject';

/** The entity page tab with the deployment history of the entity's Juanie project. */
export function EntityDeploymentsContent() {
  return (
    <EntityJuanieProject>
      {({ org, project }) => <DeploymentHistory org={org} project={project} />}
    </EntityJuanieProject>
  );
}
