import { Fragment, useMemo } from 'react';
import { Box, makeStyles, Typography } from '@material-ui/core';
import { alpha } from '@material-ui/core/styles';
import { DiffCell, DiffFile, layOutDiff } from './layOutDiff';

const useStyles = makeStyles(theme => ({
  file: { marginBottom: theme.spacing(2), overflowX: 'auto' },
  name: { fontFamily: 'monospace', marginBottom: theme.spacing(0.5) },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    tableLayout: 'fixed',
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    '& td': { padding: '0 6px', verticalAlign: 'top' },
  },
  number: {
    width: '3.5em',
    textAlign: 'right',
    color: theme.palette.text.secondary,
    userSelect: 'none',
  },
  text: { whiteSpace: 'pre-wrap', wordBreak: 'break-all' },
  removed: { backgroundColor: alpha(theme.palette.error.main, 0.15) },
  added: { backgroundColor: alpha(theme.palette.success.main, 0.15) },
  context: {},
  hunk: {
    color: theme.palette.text.secondary,
    backgroundColor: theme.palette.background.default,
  },
}));

function Side(props: { cell?: DiffCell }) {
  const classes = useStyles();
  const { cell } = props;
  const kind = cell ? classes[cell.kind] : undefined;
  return (
    <>
      <td className={`${classes.number} ${kind ?? ''}`}>{cell?.number}</td>
      <td className={`${classes.text} ${kind ?? ''}`} data-kind={cell?.kind}>
        {cell?.text}
      </td>
    </>
  );
}

function FileDiff(props: { file: DiffFile }) {
  const classes = useStyles();
  const { file } = props;
  return (
    <Box className={classes.file}>
      <Typography variant="subtitle2" component="h4" className={classes.name}>
        {file.name}
        {file.change !== 'modified' && ` (${file.change})`}
      </Typography>
      <table className={classes.table} aria-label={`Changes to ${file.name}`}>
        <colgroup>
          <col className={classes.number} />
          <col />
          <col className={classes.number} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th colSpan={2}>Before</th>
            <th colSpan={2}>After</th>
          </tr>
        </thead>
        <tbody>
          {file.hunks.map(hunk => (
            <Fragment key={hunk.header}>
              <tr className={classes.hunk}>
                <td colSpan={4}>{hunk.header}</td>
              </tr>
              {hunk.rows.map((row, index) => (
                <tr key={index}>
                  <Side cell={row.left} />
                  <Side cell={row.right} />
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

/** A unified diff shown as the old and the new file side by side. */
export function SideBySideDiff(props: { diff: string }) {
  const { diff } = props;
  const files = useMemo(() => layOutDiff(diff), [diff]);
  if (files === undefined) {
    return (
      <Box component="pre" overflow="auto">
        {diff}
      </Box>
    );
  }
  if (files.length === 0) {
    return <Typography color="textSecondary">No changes.</Typography>;
  }
  return (
    <>
      {files.map(file => (
        <FileDiff key={file.name} file={file} />
      ))}
    </>
  );
}
