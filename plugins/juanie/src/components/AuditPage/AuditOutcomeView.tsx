import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { AuditOutcome } from '@juanie/plugin-juanie-common';

/** Success reads OK, refusals read as warnings, failures as errors. */
export function AuditOutcomeView(props: { outcome: AuditOutcome }) {
  const { outcome } = props;
  if (outcome === 'success') return <StatusOK>{outcome}</StatusOK>;
  if (outcome === 'failure') return <StatusError>{outcome}</StatusError>;
  return <StatusWarning>{outcome}</StatusWarning>;
}
