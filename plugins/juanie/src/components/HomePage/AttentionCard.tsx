import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { AttentionItem } from '@juanie/plugin-juanie-common';
import { useAttention } from '../../hooks/portal';
import { organizationRouteRef, projectRouteRef } from '../../routes';
import { ErrorState } from '../shared/ErrorState';

/** What waits for the user: pending approvals, failing repositories, full quotas. */
export function AttentionCard() {
  const { value: items, loading, error, retry } = useAttention();
  const projectLink = useRouteRef(projectRouteRef);
  const organizationLink = useRouteRef(organizationRouteRef);

  const linkOf = (item: AttentionItem) => {
    if (item.org && item.project) {
      return projectLink({ org: item.org, project: item.project });
    }
    return item.org ? organizationLink({ org: item.org }) : undefined;
  };

  return (
    <InfoCard title="Needs your attention">
      {loading && <Progress />}
      {error && <ErrorState error={error} onRetry={retry} />}
      {items?.length === 0 && (
        <Typography color="textSecondary">
          Nothing needs your attention.
        </Typography>
      )}
      {items && items.length > 0 && (
        <List dense>
          {items.map((item, index) => {
            const link = linkOf(item);
            return (
              <ListItem key={`${item.kind}-${index}`} disableGutters>
                <ListItemText
                  primary={
                    link ? <Link to={link}>{item.title}</Link> : item.title
                  }
                  secondary={item.message}
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </InfoCard>
  );
}
