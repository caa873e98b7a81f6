import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import type { DeploymentEvent } from '@juanie/plugin-juanie-common';
import {
  deploymentStatusLabel,
  DeploymentStatusView,
} from '../shared/DeploymentStatusView';

/** What happened; a status change with the indicator of the status it led to. */
function EventSummary(props: { event: DeploymentEvent }) {
  const { event } = props;
  if (!event.status) return <>{event.type}</>;
  return (
    <DeploymentStatusView status={event.status}>
      {`${event.type} → ${deploymentStatusLabel(event.status)}`}
    </DeploymentStatusView>
  );
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
                primary={<EventSummary event={event} />}
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
