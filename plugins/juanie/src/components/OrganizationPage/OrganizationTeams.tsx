import { Route, Routes } from 'react-router-dom';
import { TeamDetail } from './TeamDetail';
import { TeamList } from './TeamList';

/** The teams tab: the list of teams, or one team when its slug is in the path. */
export function OrganizationTeams(props: { org: string; canManage: boolean }) {
  return (
    <Routes>
      <Route path="/" element={<TeamList {...props} />} />
      <Route path="/:team" element={<TeamDetail {...props} />} />
    </Routes>
  );
}
