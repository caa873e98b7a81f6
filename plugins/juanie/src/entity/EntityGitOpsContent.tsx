import { GitOpsStatus } from '../components/GitOpsStatus/GitOpsStatus';
import { EntityJuanieProject } from './EntityJuanieProject';

/** The entity page tab with how Flux reconciles each environment of the entity's Juanie project. */
export function EntityGitOpsContent() {
  return (
    <EntityJuanieProject>
      {({ org, project }) => <GitOpsStatus org={org} project={project} />}
    </EntityJuanieProject>
  );
}
