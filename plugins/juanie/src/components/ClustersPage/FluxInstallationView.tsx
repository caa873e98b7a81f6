import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { StatusError, StatusOK } from '@backstage/core-components';
import type { ClusterStatus } from '@juanie/plugin-juanie-common';
import { Fact } from '../shared/Fact';

/** A cluster's Flux: overall health, each controller, and the CRDs with their versions. */
export function FluxInstallationView(props: {
  flux: ClusterStatus['flux'];
  reachable: boolean;
}) {
  const { flux, reachable } = props;
  if (!flux) {
    return (
      <Fact label="Flux">
        {reachable
          ? 'not installed'
          : 'unknown while the cluster is unreachable'}
      </Fact>
    );
  }
  const ready = flux.controllers.filter(controller => controller.ready);

  return (
    <>
      <Fact label="Flux">
        {flux.healthy ? (
          <StatusOK>healthy</StatusOK>
        ) : (
          <StatusError>unhealthy</StatusError>
        )}
      </Fact>
      <Typography variant="subtitle2" component="h4">
        {`Controllers: ${ready.length} of ${flux.controllers.length} ready`}
      </Typography>
      <List dense aria-label="Flux controllers">
        {flux.controllers.map(controller => (
          <ListItem key={controller.name} disableGutters>
            <ListItemText
              primary={
                controller.ready ? (
                  <StatusOK>{controller.name}</StatusOK>
                ) : (
                  <StatusError>{controller.name}</StatusError>
                )
              }
              secondary={controller.message ?? undefined}
            />
          </ListItem>
        ))}
      </List>
      <Typography variant="subtitle2" component="h4">
        CRDs
      </Typography>
      <List dense aria-label="Flux CRDs">
        {flux.crds.map(crd => (
          <ListItem key={crd.name} disableGutters>
            <ListItemText
              primary={crd.name}
              secondary={crd.versions.join(', ')}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}
