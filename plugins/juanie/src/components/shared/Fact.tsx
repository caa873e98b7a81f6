import { ReactNode } from 'react';
import { Typography } from '@material-ui/core';

/** One labelled fact of a card: "Label: value". */
export function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Typography variant="body2" component="div" gutterBottom>
      <strong>{props.label}:</strong> {props.children}
    </Typography>
  );
}
