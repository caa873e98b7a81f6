import type { ComponentType, ReactNode } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { DeploymentStatus } from '@juanie/plugin-juanie-common';

const INDICATORS: Record<
  DeploymentStatus,
  ComponentType<{ children?: ReactNode }>
> = {
  pending_approval: StatusPending,
  queued: StatusPending,
  committing: StatusRunning,
  committed: StatusRunning,
  reconciling: StatusRunning,
  succeeded: StatusOK,
  failed: StatusError,
  rejected: StatusWarning,
  expired: StatusAborted,
  cancelled: StatusAborted,
};

/** `pending_approval` → "pending approval". */
export function deploymentStatusLabel(status: DeploymentStatus): string {
  return status.replace('_', ' ');
}

/**
 * A deployment's status with Backstage's status indicator for it; `children`
 * replace the status's label.
 */
export function DeploymentStatusView(props: {
  status: DeploymentStatus;
  children?: ReactNode;
}) {
  const Indicator = INDICATORS[props.status];
  return (
    <Indicator>
      {props.children ?? deploymentStatusLabel(props.status)}
    </Indicator>
  );
}
