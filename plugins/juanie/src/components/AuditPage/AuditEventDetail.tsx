import { Box, Grid, Typography } from '@material-ui/core';
import { CodeSnippet } from '@backstage/core-components';
import type { AuditEvent } from '@juanie/plugin-juanie-common';

const asJson = (value: unknown) =>
  value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);

/** The state before and after the change, and where the request came from. */
export function AuditEventDetail(props: { event: AuditEvent }) {
  const { event } = props;
  return (
    <Box p={2}>
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Typography variant="subtitle2">Before</Typography>
          <CodeSnippet text={asJson(event.before)} language="json" />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="subtitle2">After</Typography>
          <CodeSnippet text={asJson(event.after)} language="json" />
        </Grid>
      </Grid>
      <Typography variant="caption" component="p">
        Event {event.id} · request {event.requestId ?? '—'} · from{' '}
        {event.ip ?? '—'} · {event.userAgent ?? '—'} · hash {event.hash}
      </Typography>
    </Box>
  );
}
