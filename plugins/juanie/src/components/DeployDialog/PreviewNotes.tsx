import { Alert, AlertTitle } from '@material-ui/lab';

/**
 * How the back end wrote the change, where a reviewer should know: the HelmRelease values path
 * it chose, an autoscaler that will override the replicas, an alias written out in full.
 */
export function PreviewNotes(props: { notes: string[] }) {
  if (props.notes.length === 0) return null;
  return (
    <Alert severity="info" aria-label="Notes on the change">
      <AlertTitle>How the change is written</AlertTitle>
      <ul>
        {props.notes.map((note, index) => (
          <li key={index}>{note}</li>
        ))}
      </ul>
    </Alert>
  );
}
