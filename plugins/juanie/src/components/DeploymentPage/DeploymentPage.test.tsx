import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  DeploymentDetail,
  DeploymentEvent,
  DeploymentStatus,
} from '@juanie/plugin-juanie-common';
import {
  deployment,
  deploymentDetail,
  fakeJuanieApi,
  imageTagPreview,
} from '../../__testUtils__/fakeJuanieApi';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { refusal } from '../../__testUtils__/refusal';
import { renderJuanie } from '../../__testUtils__/renderJuanie';
import { DEPLOYMENT_SIGNAL_CHANNEL } from '../../hooks/deployments';

const user = userEvent.setup({ delay: null });

const ID = deployment().id;
const PAGE = `/juanie/orgs/acme/projects/web-shop/deployments/${ID}`;
const SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

/** A status change of the timeline, as the Flux watcher records it. */
function step(
  id: number,
  status: DeploymentStatus,
  message = '',
): DeploymentEvent {
  return {
    id,
    occurredAt: '2026-01-15T11:00:00.000Z',
    type: 'status',
    actorRef: 'juanie:flux',
    status,
    message,
  };
}

function withDetail(overrides: Partial<DeploymentDetail>) {
  return fakeJuanieApi({
    getDeployment: async () => deploymentDetail(overrides),
  });
}

describe('DeploymentPage', () => {
  it('shows where the deployment stands, its votes, timeline, commit and diff', async () => {
    const api = withDetail({
      status: 'succeeded',
      commitSha: SHA,
      commitUrl: `https://github.com/acme/web-gitops/commit/${SHA}`,
      approvalsReceived: 1,
      approvals: [
        {
          approverRef: 'user:default/bob',
          decision: 'approve',
          comment: 'Looks good',
          createdAt: '2026-01-15T11:00:00.000Z',
        },
      ],
      timeline: [
        {
          id: 1,
          occurredAt: '2026-01-15T10:00:00.000Z',
          type: 'requested',
          actorRef: 'user:default/alice',
          status: 'pending_approval',
          message: '',
        },
        {
          id: 2,
          occurredAt: '2026-01-15T11:05:00.000Z',
          type: 'reconciled',
          actorRef: 'juanie:flux',
          status: 'succeeded',
          message: 'Kustomization web-staging is ready',
        },
      ],
      allowedActions: { vote: false, cancel: false, rollback: true },
    });
    api.getDeploymentDiff.mockResolvedValue({
      source: 'commit',
      revision: SHA,
      diff: imageTagPreview.diff,
    });
    renderJuanie(PAGE, { api });

    expect(
      await screen.findByRole('heading', { name: 'Deployment to staging' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('deployment-status')).toHaveTextContent(
      'succeeded',
    );
    expect(
      screen.getByRole('link', { name: new RegExp(`^${SHA.slice(0, 12)}`) }),
    ).toHaveAttribute(
      'href',
      `https://github.com/acme/web-gitops/commit/${SHA}`,
    );
    const votes = screen.getByRole('list', { name: 'Votes' });
    expect(votes).toHaveTextContent('approved by user:default/bob');
    expect(votes).toHaveTextContent('Looks good');
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(2);
    expect(timeline).toHaveTextContent('reconciled → succeeded');
    expect(timeline).toHaveTextContent('Kustomization web-staging is ready');
    expect(
      await screen.findByRole('table', {
        name: 'Changes to apps/web/staging/deployment.yaml',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`The commit ${SHA.slice(0, 12)}.`),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('button', { name: 'Roll back' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Cancel' }),
    ).not.toBeInTheDocument();
  });

  it('lets an eligible approver vote; a rejection must say why', async () => {
    const api = withDetail({
      allowedActions: { vote: true, cancel: false, rollback: false },
    });
    api.voteOnDeployment.mockImplementation(async () => {
      const voted = deploymentDetail({
        status: 'rejected',
        approvals: [
          {
            approverRef: 'user:default/alice',
            decision: 'reject',
            comment: 'Not on a Friday',
            createdAt: '2026-01-15T11:00:00.000Z',
          },
        ],
      });
      api.getDeployment.mockResolvedValue(voted);
      return voted;
    });
    renderJuanie(PAGE, { api });

    await user.click(await screen.findByRole('button', { name: 'Reject' }));
    expect(screen.getByLabelText('Comment')).toHaveAccessibleDescription(
      'a rejection needs a comment that says why',
    );
    expect(api.voteOnDeployment).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Comment'), 'Not on a Friday');
    await user.click(screen.getByRole('button', { name: 'Reject' }));

    expect(api.voteOnDeployment).toHaveBeenCalledWith(ID, {
      decision: 'reject',
      comment: 'Not on a Friday',
    });
    await waitFor(() =>
      expect(screen.getByTestId('deployment-status')).toHaveTextContent(
        'rejected',
      ),
    );
    expect(screen.getByRole('list', { name: 'Votes' })).toHaveTextContent(
      'Not on a Friday',
    );
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it("approves without a comment and shows the server's refusal", async () => {
    const api = withDetail({
      allowedActions: { vote: true, cancel: false, rollback: false },
    });
    api.voteOnDeployment.mockRejectedValue(
      await refusal(
        409,
        'ConflictError',
        'You already voted on this deployment',
      ),
    );
    renderJuanie(PAGE, { api });

    await user.click(await screen.findByRole('button', { name: 'Approve' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You already voted on this deployment',
    );
    expect(api.voteOnDeployment).toHaveBeenCalledWith(ID, {
      decision: 'approve',
      comment: '',
    });
  });

  it('lists the conflicts of a deployment that failed on them', async () => {
    const api = withDetail({
      status: 'failed',
      statusReason: 'Conflict',
      statusMessage: 'the branch changed the same fields',
      conflicts: [
        {
          file: 'deployment.yaml',
          document: 'Deployment/web',
          path: 'spec.replicas',
          base: 2,
          theirs: 4,
          yours: 3,
        },
        {
          file: 'deployment.yaml',
          document: 'Deployment/web',
          path: 'spec.template.spec.containers[0].image',
          base: 'ghcr.io/acme/web:1.4.1',
          theirs: 'ghcr.io/acme/web:1.4.3',
          yours: 'ghcr.io/acme/web:1.4.2',
        },
      ],
    });
    renderJuanie(PAGE, { api });

    expect(await screen.findByText('Conflicts')).toBeInTheDocument();
    const rows = screen
      .getAllByRole('row')
      .filter(row => row.textContent?.includes('spec.'));
    expect(rows.map(row => row.textContent)).toEqual([
      expect.stringMatching(/spec\.replicas\s*2\s*4\s*3$/),
      expect.stringMatching(
        /image\s*ghcr\.io\/acme\/web:1\.4\.1\s*ghcr\.io\/acme\/web:1\.4\.3\s*ghcr\.io\/acme\/web:1\.4\.2$/,
      ),
    ]);
    expect(screen.getByTestId('deployment-status')).toHaveTextContent(
      'failed (Conflict: the branch changed the same fields)',
    );
  });

  it('shows no conflict table while the deployment has not failed', async () => {
    renderJuanie(PAGE, { api: withDetail({}) });
    expect(await screen.findByText('No votes yet.')).toBeInTheDocument();
    expect(screen.queryByText('Conflicts')).not.toBeInTheDocument();
  });

  it('cancels with a note', async () => {
    const api = withDetail({
      allowedActions: { vote: false, cancel: true, rollback: false },
    });
    renderJuanie(PAGE, { api });

    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel deployment' });
    await user.type(within(dialog).getByLabelText('Note'), 'Wrong tag');
    await user.click(
      within(dialog).getByRole('button', { name: 'Cancel deployment' }),
    );

    await waitFor(() =>
      expect(api.cancelDeployment).toHaveBeenCalledWith(ID, {
        message: 'Wrong tag',
      }),
    );
    await waitFor(() => expect(api.getDeployment).toHaveBeenCalledTimes(2));
  });

  it('rolls back after confirmation and opens the new deployment', async () => {
    const rollbackId = 'b0b0b0b0-0000-4000-8000-000000000002';
    const api = withDetail({
      status: 'succeeded',
      allowedActions: { vote: false, cancel: false, rollback: true },
    });
    api.rollBackDeployment.mockResolvedValue(
      deploymentDetail({ id: rollbackId, method: 'rollback', rollbackOf: ID }),
    );
    renderJuanie(PAGE, { api });

    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    const dialog = screen.getByRole('dialog', { name: 'Roll back' });
    expect(api.rollBackDeployment).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));

    await waitFor(() =>
      expect(api.getDeployment).toHaveBeenLastCalledWith(rollbackId),
    );
    expect(api.rollBackDeployment).toHaveBeenCalledWith(ID, {});
  });

  it('follows the deployment live through signals', async () => {
    const signals = fakeSignals();
    const api = withDetail({ status: 'queued' });
    renderJuanie(PAGE, { api, signals: signals.api });
    expect(await screen.findByTestId('deployment-status')).toHaveTextContent(
      'queued',
    );

    const change = {
      org: 'acme',
      project: 'web-shop',
      environment: 'staging',
      status: 'committed',
    };
    act(() =>
      signals.publish(DEPLOYMENT_SIGNAL_CHANNEL, { ...change, id: 'other' }),
    );
    expect(api.getDeployment).toHaveBeenCalledTimes(1);

    api.getDeployment.mockResolvedValue(
      deploymentDetail({ status: 'committed', commitSha: SHA }),
    );
    act(() =>
      signals.publish(DEPLOYMENT_SIGNAL_CHANNEL, { ...change, id: ID }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('deployment-status')).toHaveTextContent(
        'committed',
      ),
    );
    expect(screen.getByText(SHA.slice(0, 12))).toBeInTheDocument();
  });

  it.each([
    ['committed', 'status-running'],
    ['reconciling', 'status-running'],
    ['succeeded', 'status-ok'],
    ['failed', 'status-error'],
  ] as const)(
    'shows a %s step of the timeline with the %s indicator',
    async (status, indicator) => {
      renderJuanie(PAGE, {
        api: withDetail({ status, timeline: [step(1, status)] }),
      });
      const timeline = await screen.findByRole('list', { name: 'Timeline' });
      const [item] = within(timeline).getAllByRole('listitem');
      expect(item).toHaveTextContent(`status → ${status}`);
      expect(within(item).getByTestId(indicator)).toBeInTheDocument();
    },
  );

  it.each([
    ['BuildFailed', 'kustomize build failed: missing file deployment.yaml'],
    ['Timeout', 'timed out waiting for Deployment/web to become ready'],
  ])(
    "says why Flux failed the deployment (%s), with Flux's message",
    async (reason, message) => {
      renderJuanie(PAGE, {
        api: withDetail({
          status: 'failed',
          statusReason: reason,
          statusMessage: message,
          commitSha: SHA,
          timeline: [step(1, 'reconciling'), step(2, 'failed', message)],
        }),
      });
      expect(await screen.findByTestId('deployment-status')).toHaveTextContent(
        `failed (${reason}: ${message})`,
      );
      expect(screen.getByRole('list', { name: 'Timeline' })).toHaveTextContent(
        message,
      );
    },
  );

  it('follows the Flux steps live: committed, reconciling, succeeded', async () => {
    const signals = fakeSignals();
    const committed = [step(1, 'committed')];
    const api = withDetail({
      status: 'committed',
      commitSha: SHA,
      timeline: committed,
    });
    renderJuanie(PAGE, { api, signals: signals.api });
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const change = {
      id: ID,
      org: 'acme',
      project: 'web-shop',
      environment: 'staging',
    };

    const reconciling = [...committed, step(2, 'reconciling')];
    api.getDeployment.mockResolvedValue(
      deploymentDetail({
        status: 'reconciling',
        commitSha: SHA,
        timeline: reconciling,
      }),
    );
    act(() =>
      signals.publish(DEPLOYMENT_SIGNAL_CHANNEL, {
        ...change,
        status: 'reconciling',
      }),
    );
    await waitFor(() =>
      expect(within(timeline).getAllByRole('listitem')).toHaveLength(2),
    );
    expect(screen.getByTestId('deployment-status')).toHaveTextContent(
      'reconciling',
    );

    api.getDeployment.mockResolvedValue(
      deploymentDetail({
        status: 'succeeded',
        commitSha: SHA,
        timeline: [
          ...reconciling,
          step(3, 'succeeded', 'Applied revision: main@sha1:9f8e7d6c5b4a'),
        ],
      }),
    );
    act(() =>
      signals.publish(DEPLOYMENT_SIGNAL_CHANNEL, {
        ...change,
        status: 'succeeded',
      }),
    );
    await waitFor(() =>
      expect(within(timeline).getAllByRole('listitem')).toHaveLength(3),
    );
    const last = within(timeline).getAllByRole('listitem')[2];
    expect(last).toHaveTextContent('status → succeeded');
    expect(within(last).getByTestId('status-ok')).toBeInTheDocument();
    expect(screen.getByTestId('deployment-status')).toHaveTextContent(
      'succeeded',
    );
  });

  it('says who pushed a commit made straight in git, not who requested it', async () => {
    renderJuanie(PAGE, {
      api: withDetail({
        method: 'git',
        requestedBy: 'git:Ann Smith <ann@acme.io>',
        status: 'reconciling',
        changes: null,
        message: 'Bump replicas by hand',
        commitSha: SHA,
        approvalsReceived: 0,
        timeline: [step(1, 'reconciling')],
      }),
    });

    const fact = await screen.findByText('Pushed to git by:');
    expect(fact.parentElement).toHaveTextContent(
      'Pushed to git by: Ann Smith <ann@acme.io>,',
    );
    // The header says it too.
    expect(screen.getByText('Ann Smith <ann@acme.io>')).toBeInTheDocument();
    expect(screen.queryByText(/Requested by/)).not.toBeInTheDocument();
    expect(
      screen.getByText('none: the commit was pushed straight to the branch'),
    ).toBeInTheDocument();
    expect(screen.getByText('commit made in git')).toBeInTheDocument();
  });
});
