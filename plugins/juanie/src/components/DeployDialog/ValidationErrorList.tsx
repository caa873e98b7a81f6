import { Alert, AlertTitle } from '@material-ui/lab';
import type { ManifestValidationError } from '@juanie/plugin-juanie-common';

/** Where the changed manifests would break, file by file. */
export function ValidationErrorList(props: {
  errors: ManifestValidationError[];
}) {
  const { errors } = props;
  if (errors.length === 0) return null;
  return (
    <Alert severity="error">
      <AlertTitle>The changed manifests would not be valid</AlertTitle>
      <ul>
        {errors.map((error, index) => (
          <li key={index}>
            {`${error.file}:${error.line}:${error.column}: ${error.message}`}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
