import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  deployment,
  environment,
  fakeJuanieApi,
} from '../../__testUtils__/fakeJuanieApi';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { renderJuanie } from '../../__testUtils__/renderJuanie';
import { DEPLOYMENT_SIGNAL_CHANNEL } from '../../hooks/deployments';

const user = userEvent.setup({ delay: null });

const HISTORY = '/juanie/orgs/acme/projects/web-shop/deployments';

const shipped = deployment({
  id: 'd0000000-0000-4000-8000-000000000001',
  status: 'succeeded',
  message: 'Ship anvils 1.4.2',
});
const broken = deployment({
  id: 'd0000000-0000-4000-8000-000000000002',
  environment: 'production',
  status: 'failed',
  message: '',
  changes: { replicas: 0 },
});

function withHistory() {
  return fakeJuanieApi({
    listEnvironments: async () => ({
      items: [
        environment({ slug: 'staging', title: 'Staging' }),
        environment({ slug: 'production', title: 'Production' }),
      ],
    }),
    listDeployments: async (_org, _project, _query, page) =>
      page?.cursor
        ? { items: [broken] }
        : { items: [shipped], nextCursor: 'page-2' },
  });
}

describe('DeploymentHistory', () => {
  it("lists the project's deployments page by page, each linked to its page", async () => {
    const api = withHistory();
    renderJuanie(HISTORY, { api });

    expect(
      await screen.findByRole('link', { name: 'Ship anvils 1.4.2' }),
    ).toHaveAttribute('href', `${HISTORY}/${shipped.id}`);
    expect(
      screen.getByRole('link', { name: 'Ship anvils 1.4.2' }).closest('tr'),
    ).toHaveTextContent(/staging.*succeeded.*image 1\.4\.2/);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(
      await screen.findByRole('link', { name: 'replicas 0' }),
    ).toHaveAttribute('href', `${HISTORY}/${broken.id}`);
    expect(api.listDeployments).toHaveBeenLastCalledWith(
      'acme',
      'web-shop',
      {},
      { cursor: 'page-2' },
    );
  });

  it('filters by environment and by any of several statuses', async () => {
    const api = withHistory();
    renderJuanie(HISTORY, { api });
    await screen.findByRole('link', { name: 'Ship anvils 1.4.2' });

    await user.selectOptions(
      await screen.findByLabelText('Environment'),
      'production',
    );
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith(
        'acme',
        'web-shop',
        { environment: 'production' },
        { cursor: undefined },
      ),
    );

    await user.click(screen.getByLabelText('Status'));
    const statuses = screen.getByRole('listbox');
    await user.click(within(statuses).getByRole('option', { name: 'failed' }));
    await user.click(
      within(statuses).getByRole('option', { name: 'pending approval' }),
    );
    await user.keyboard('{Escape}');

    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith(
        'acme',
        'web-shop',
        { environment: 'production', status: ['failed', 'pending_approval'] },
        { cursor: undefined },
      ),
    );
    expect(screen.getByLabelText('Status')).toHaveTextContent(
      'failed, pending approval',
    );
  });

  it('says when nothing matches the filters', async () => {
    const api = withHistory();
    renderJuanie(HISTORY, { api });
    await screen.findByRole('link', { name: 'Ship anvils 1.4.2' });
    api.listDeployments.mockResolvedValue({ items: [] });

    await user.selectOptions(screen.getByLabelText('Environment'), 'staging');

    expect(
      await screen.findByText('No deployment matches these filters.'),
    ).toBeInTheDocument();
  });

  it("reloads when one of the project's deployments changes", async () => {
    const signals = fakeSignals();
    const api = withHistory();
    renderJuanie(HISTORY, { api, signals: signals.api });
    await screen.findByRole('link', { name: 'Ship anvils 1.4.2' });
    const change = {
      id: shipped.id,
      org: 'acme',
      environment: 'staging',
      status: 'failed',
    };

    act(() =>
      signals.publish(DEPLOYMENT_SIGNAL_CHANNEL, {
        ...change,
        project: 'billing',
      }),
    );
    expect(api.listDeployments).toHaveBeenCalledTimes(1);

    api.listDeployments.mockResolvedValue({
      items: [{ ...shipped, status: 'failed' }],
    });
    act(() =>
      signals.publish(DEPLOYMENT_SIGNAL_CHANNEL, {
        ...change,
        project: 'web-shop',
      }),
    );

    await waitFor(() =>
      expect(
        screen.getByRole('link', { name: 'Ship anvils 1.4.2' }).closest('tr'),
      ).toHaveTextContent('failed'),
    );
  });

  it('shows a commit pushed straight to git with who pushed it', async () => {
    const pushed = deployment({
      id: 'd0000000-0000-4000-8000-000000000003',
      method: 'git',
      requestedBy: 'git:Ann Smith <ann@acme.io>',
      status: 'reconciling',
      changes: null,
      message: 'Bump replicas by hand',
    });
    renderJuanie(HISTORY, {
      api: fakeJuanieApi({
        listDeployments: async () => ({ items: [pushed] }),
      }),
    });

    const row = (
      await screen.findByRole('link', { name: 'Bump replicas by hand' })
    ).closest('tr');
    expect(row).toHaveTextContent(
      /reconciling.*commit made in git.*pushed to git by Ann Smith <ann@acme\.io>/,
    );
    expect(within(row!).getByTestId('status-running')).toBeInTheDocument();
  });
});
