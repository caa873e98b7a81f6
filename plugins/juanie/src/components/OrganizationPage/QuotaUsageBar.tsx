import { Box, LinearProgress, Typography } from '@material-ui/core';

/** How much of one limit is used; an absent limit reads "unlimited". */
export function QuotaUsageBar(props: {
  label: string;
  used: number;
  limit: number | null;
}) {
  const { label, used, limit } = props;
  const percent = limit ? Math.min(100, (used / limit) * 100) : 0;
  const text = limit === null ? `${used} (unlimited)` : `${used} of ${limit}`;
  return (
    <Box mb={2}>
      <Box display="flex" justifyContent="space-between">
        <Typography variant="body2">{label}</Typography>
        <Typography variant="body2" color="textSecondary">
          {text}
        </Typography>
      </Box>
      <LinearProgress
        variant="determinate"
        value={limit === null ? 0 : percent}
        color={limit !== null && used >= limit ? 'secondary' : 'primary'}
        aria-label={`${label}: ${text}`}
      />
    </Box>
  );
}
