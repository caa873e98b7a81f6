import { useOrganizationPermissions } from '../../hooks/permissions';
import { usePolicies } from '../../hooks/policies';
import { PoliciesCard } from '../Policies/PoliciesCard';

/**
 * The organisation's Policies tab: its own policies, which every project
 * inherits, and those of its projects and environments the user may read.
 */
export function OrganizationPolicies({ org }: { org: string }) {
  const policies = usePolicies(org);
  const { canManage } = useOrganizationPermissions(org);
  return (
    <PoliciesCard
      title="Policies"
      scope={{ org }}
      list={policies}
      canCreate={canManage}
      emptyTitle="No policies yet"
      emptyDescription="Policies check every deployment request: what images may run, how many replicas, when changes are frozen. A policy added here applies to every project."
    />
  );
}
