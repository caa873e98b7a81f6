import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { auditRouteRef } from '../../routes';

/** A link to the audit trail scoped to one organisation, or one of its projects. */
export function AuditTrailLink(props: { org: string; project?: string }) {
  const auditLink = useRouteRef(auditRouteRef);
  const scope = new URLSearchParams({ org: props.org });
  if (props.project) scope.set('project', props.project);
  return <Link to={`${auditLink()}?${scope}`}>Audit trail</Link>;
}
