import type { ComponentType, ReactNode } from 'react';
import { Chip } from '@material-ui/core';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { FluxObjectStatus } from '@juanie/plugin-juanie-common';

type FluxState = FluxObjectStatus['state'];

// Stalled and Failed both need someone to act (Flux retries a failure, but the
// same revision fails again); Suspended is a deliberate pause.
const INDICATORS: Record<FluxState, ComponentType<{ children?: ReactNode }>> = {
  Ready: StatusOK,
  Reconciling: StatusRunning,
  Stalled: StatusError,
  Failed: StatusError,
  Suspended: StatusAborted,
  NotFound: StatusWarning,
  Unknown: StatusPending,
};

/** A Flux object's state as a chip with Backstage's status indicator for it. */
export function FluxStateView(props: { state: FluxState }) {
  const Indicator = INDICATORS[props.state] ?? StatusPending;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={<Indicator>{props.state}</Indicator>}
    />
  );
}
