import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import type { DeploymentEvent } from '@juanie/plugin-juanie-common';
import { deploymentStatusLabel } from '../shared/DeploymentStatusView';

function describeEvent(event: DeploymentEvent) {
  const status = event.status
    ? ` → ${deploymentStatusLabel(event.status)}`
    : '';
  return `${event.type}${status}`;
}

/** Every step of the deployment's life, oldest first. */
export function DeploymentTimeline(props: { events: DeploymentEvent[] }) {
  const { events } = props;
  return (
    <InfoCard title="Timeline">
      {events.length === 0 && (
        <Typography color="textSecondary">Nothing happened yet.</Typography>
      )}
      {events.length > 0 && (
        <List dense aria-label="Timeline">
          {events.map(event => (
            <ListItem key={event.id} disableGutters divider>
              <ListItemText
                primary={describeEvent(event)}
                secondary={[
                  new Date(event.occurredAt).toLocaleString(),
                  event.actorRef,
                  event.message,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
