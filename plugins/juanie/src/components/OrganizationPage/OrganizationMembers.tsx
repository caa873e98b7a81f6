import { useApi } from '@backstage/core-plugin-api';
import { addOrgMemberSchema, ORG_ROLES } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useOrgMembers } from '../../hooks/organizations';
import { MembersCard } from '../shared/MembersCard';

/** The members of an organisation with their roles. */
export function OrganizationMembers(props: {
  org: string;
  canManage: boolean;
}) {
  const { org, canManage } = props;
  const api = useApi(juanieApiRef);
  const members = useOrgMembers(org);
  return (
    <MembersCard
      title="Members"
      roles={ORG_ROLES}
      list={members}
      canManage={canManage}
      addSchema={addOrgMemberSchema}
      onAdd={request => api.addOrgMember(org, request)}
      onChangeRole={(userRef, role) =>
        api.updateOrgMember(org, userRef, { role })
      }
      onRemove={userRef => api.removeOrgMember(org, userRef)}
    />
  );
}
