import { EnvironmentsCard } from '../components/EnvironmentsCard/EnvironmentsCard';
import { EntityJuanieProject } from './EntityJuanieProject';

/** The entity overview card with each environment of the entity's Juanie project. */
export function EntityEnvironmentsCard() {
  return (
    <EntityJuanieProject>
      {({ org, project }) => <EnvironmentsCard org={org} project={project} />}
    </EntityJuanieProject>
  );
}
