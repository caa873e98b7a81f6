import { Box, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { PolicyViolation } from '@juanie/plugin-juanie-common';

function whereOf(violation: PolicyViolation) {
  return [violation.file, violation.path].filter(Boolean).join(' → ');
}

/**
 * What the environment's policies say about a change: enforced violations as
 * errors (they refuse it), the others as warnings. Enforced ones come first.
 */
export function PolicyViolationList(props: {
  title: string;
  violations: PolicyViolation[];
}) {
  const { title, violations } = props;
  if (violations.length === 0) return null;
  const ordered = [
    ...violations.filter(v => v.enforcement === 'enforce'),
    ...violations.filter(v => v.enforcement !== 'enforce'),
  ];
  return (
    <Box component="section" aria-label={title} my={1}>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {title}
      </Typography>
      {ordered.map((violation, index) => (
        <Box key={`${violation.policyId}-${index}`} mb={1}>
          <Alert
            severity={violation.enforcement === 'enforce' ? 'error' : 'warning'}
          >
            <AlertTitle>
              {violation.policyTitle}
              {violation.enforcement === 'enforce'
                ? ' (enforced)'
                : ' (warning)'}
            </AlertTitle>
            {violation.message}
            {whereOf(violation) && (
              <Typography variant="caption" component="div">
                {whereOf(violation)}
              </Typography>
            )}
          </Alert>
        </Box>
      ))}
    </Box>
  );
}
