import { Box, Typography } from '@material-ui/core';
import type { FluxObjectStatus } from '@juanie/plugin-juanie-common';
import { CommitLink } from '../shared/CommitLink';
import { describeAge } from '../shared/describeAge';
import { Fact } from '../shared/Fact';
import { FluxStateView } from './FluxStateView';

/** `main@sha1:<40 hex>` → `main@sha1:<12 hex>`, as commits are shown elsewhere. */
function shortRevision(revision: string): string {
  return revision.replace(/([0-9a-f]{12})[0-9a-f]{28,}/, '$1');
}

function AppliedRevision(props: { object: FluxObjectStatus }) {
  const { lastAppliedCommit, lastAppliedCommitUrl, lastAppliedRevision } =
    props.object;
  if (lastAppliedCommit) {
    return <CommitLink sha={lastAppliedCommit} url={lastAppliedCommitUrl} />;
  }
  return (
    <>{lastAppliedRevision ? shortRevision(lastAppliedRevision) : 'none yet'}</>
  );
}

/** One Flux object: its state, the revision it applied, when, and Flux's own message. */
export function FluxObjectView(props: {
  /** What the object is to the environment: "Workload" or "Source". */
  label: string;
  object: FluxObjectStatus | null;
}) {
  const { label, object } = props;
  if (!object) {
    return (
      <Box mb={2}>
        <Typography variant="subtitle2" component="h4">
          {label}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Juanie watches no Flux object for this yet.
        </Typography>
      </Box>
    );
  }
  const syncedAt = object.lastAppliedAt ?? object.observedAt;
  const attempting =
    object.lastAttemptedRevision &&
    object.lastAttemptedRevision !== object.lastAppliedRevision
      ? object.lastAttemptedRevision
      : null;

  return (
    <Box mb={2} data-testid={`flux-${object.kind}`}>
      <Box display="flex" alignItems="center" gridGap={8} mb={1}>
        <Typography variant="subtitle2" component="h4">
          {`${label}: ${object.kind} ${object.namespace}/${object.name}`}
        </Typography>
        <FluxStateView state={object.state} />
      </Box>
      <Fact label="Applied revision">
        <AppliedRevision object={object} />
        {attempting && ` (attempting ${shortRevision(attempting)})`}
      </Fact>
      <Fact label="Last sync">
        {syncedAt ? (
          <span title={new Date(syncedAt).toLocaleString()}>
            {describeAge(syncedAt)}
          </span>
        ) : (
          'never'
        )}
        {!object.current && ' (Flux has not looked at the latest spec yet)'}
      </Fact>
      {object.message && (
        <Typography
          variant="body2"
          component="pre"
          style={{ whiteSpace: 'pre-wrap', margin: 0 }}
        >
          {object.message}
        </Typography>
      )}
    </Box>
  );
}
