import { Chip, Typography } from '@material-ui/core';
import { InfoCard, StatusError, StatusOK } from '@backstage/core-components';
import type { ClusterStatus } from '@juanie/plugin-juanie-common';
import { describeAge } from '../shared/describeAge';
import { Fact } from '../shared/Fact';
import { FluxInstallationView } from './FluxInstallationView';

function describeObjects(objects: ClusterStatus['objects']): string {
  const counts = Object.entries(objects).map(
    ([kind, count]) => `${kind} ${count}`,
  );
  return counts.length ? counts.join(' · ') : 'none';
}

/** One cluster: whether Juanie reaches it, its Flux installation, what Juanie watches there. */
export function ClusterCard(props: { cluster: ClusterStatus }) {
  const { cluster } = props;
  const checked = cluster.checkedAt
    ? `checked ${describeAge(cluster.checkedAt)}`
    : 'not checked yet';

  return (
    <InfoCard
      title={cluster.name}
      subheader={checked}
      action={cluster.simulated && <Chip size="small" label="simulated" />}
    >
      <Fact label="Connection">
        {cluster.reachable ? (
          <StatusOK>reachable</StatusOK>
        ) : (
          <StatusError>unreachable</StatusError>
        )}
      </Fact>
      {cluster.error && (
        <Typography variant="body2" color="error" paragraph>
          {cluster.error}
        </Typography>
      )}
      <FluxInstallationView flux={cluster.flux} reachable={cluster.reachable} />
      <Fact label="Watched objects">{describeObjects(cluster.objects)}</Fact>
    </InfoCard>
  );
}
