import { useState } from 'react';
import { Box, LinearProgress, Tab, Tabs, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { CodeSnippet } from '@backstage/core-components';
import type { DeploymentPreview } from '@juanie/plugin-juanie-common';
import { describeError } from '../../api/describeError';
import type { DeploymentPreviewState } from '../../hooks/deployments';
import { SideBySideDiff } from '../shared/SideBySideDiff';
import { PolicyViolationList } from './PolicyViolationList';
import { PreviewNotes } from './PreviewNotes';
import { ValidationErrorList } from './ValidationErrorList';

function ChangedFiles(props: { preview: DeploymentPreview }) {
  const files = Object.entries(props.preview.files);
  if (files.length === 0) {
    return <Typography color="textSecondary">No file changes.</Typography>;
  }
  return (
    <>
      {files.map(([name, text]) => (
        <Box key={name} mb={2} aria-label={`New ${name}`} component="section">
          <Typography variant="subtitle2" component="h4">
            {name}
          </Typography>
          <CodeSnippet text={text} language="yaml" showLineNumbers />
        </Box>
      ))}
    </>
  );
}

/**
 * What the deployment would do, as the back end renders it: the diff, the new
 * files, the validation result and the policy violations.
 */
export function DeploymentPreviewPanel(props: {
  state: DeploymentPreviewState;
  /** Why the form cannot be previewed yet; the preview is hidden meanwhile. */
  problem?: string;
}) {
  const { state, problem } = props;
  const [tab, setTab] = useState<'diff' | 'files'>('diff');
  const preview = problem ? undefined : state.preview;

  return (
    <Box component="section" aria-label="Preview">
      <Typography variant="h6" component="h3">
        Preview
      </Typography>
      <Box height={4} mb={1}>
        {!problem && state.loading && (
          <LinearProgress aria-label="Updating the preview" />
        )}
      </Box>
      {problem && <Typography color="textSecondary">{problem}</Typography>}
      {!problem && state.error && (
        <Alert severity="error">{describeError(state.error)}</Alert>
      )}
      {preview && (
        <>
          <ValidationErrorList errors={preview.validation.errors} />
          <PreviewNotes notes={preview.notes} />
          <PolicyViolationList
            title="Policy violations"
            violations={preview.violations}
          />
          <Tabs
            value={tab}
            onChange={(_, value) => setTab(value)}
            indicatorColor="primary"
          >
            <Tab value="diff" label="Side by side" />
            <Tab value="files" label="YAML" />
          </Tabs>
          <Box mt={1}>
            {tab === 'diff' ? (
              <SideBySideDiff diff={preview.diff} />
            ) : (
              <ChangedFiles preview={preview} />
            )}
          </Box>
        </>
      )}
    </Box>
  );
}
