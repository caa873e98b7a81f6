import { useState } from 'react';
import { Box, Button, TextField } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/core-plugin-api';
import { approvalVoteSchema } from '@juanie/plugin-juanie-common';
import { describeError } from '../../api/describeError';
import { juanieApiRef } from '../../api/JuanieApi';

/** Approve or reject, with a comment; a rejection must say why. */
export function VoteForm(props: { deploymentId: string; onVoted(): void }) {
  const { deploymentId, onVoted } = props;
  const api = useApi(juanieApiRef);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const [refusal, setRefusal] = useState<string>();
  const [busy, setBusy] = useState(false);

  const vote = async (decision: 'approve' | 'reject') => {
    const parsed = approvalVoteSchema.safeParse({ decision, comment });
    if (!parsed.success) {
      setCommentError(parsed.error.issues[0].message);
      return;
    }
    setCommentError(undefined);
    setRefusal(undefined);
    setBusy(true);
    try {
      await api.voteOnDeployment(deploymentId, parsed.data);
      onVoted();
    } catch (error) {
      setRefusal(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="form" aria-label="Your vote" mt={2}>
      <TextField
        id="juanie-vote-comment"
        label="Comment"
        value={comment}
        onChange={e => setComment(e.target.value)}
        error={Boolean(commentError)}
        helperText={commentError ?? 'Required to reject'}
        multiline
        fullWidth
      />
      <Box display="flex" gridGap={8} mt={1}>
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={() => vote('approve')}
        >
          Approve
        </Button>
        <Button
          variant="outlined"
          color="secondary"
          disabled={busy}
          onClick={() => vote('reject')}
        >
          Reject
        </Button>
      </Box>
      {refusal && (
        <Alert severity="error" role="alert">
          {refusal}
        </Alert>
      )}
    </Box>
  );
}
