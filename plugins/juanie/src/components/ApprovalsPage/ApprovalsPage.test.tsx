import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deployment, fakeJuanieApi } from '../../__testUtils__/fakeJuanieApi';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { renderJuanie } from '../../__testUtils__/renderJuanie';
import { DEPLOYMENT_SIGNAL_CHANNEL } from '../../hooks/deployments';

const threeHoursAgo = () =>
  new Date(Date.now() - 3 * 3600 * 1000 - 60_000).toISOString();

const toProduction = deployment({
  id: 'a1a1a1a1-0000-4000-8000-000000000001',
  environment: 'production',
  requestedBy: 'user:default/bob',
  message: 'Ship anvils 1.4.2 to production',
});
const scaleStaging = deployment({
  id: 'a1a1a1a1-0000-4000-8000-000000000002',
  project: 'billing',
  message: '',
  changes: { replicas: 4 },
});

describe('ApprovalsPage', () => {
  it('lists what waits for my vote, each with a link to its page', async () => {
    const api = fakeJuanieApi({
      listPendingApprovals: async () => ({
        items: [{ ...toProduction, createdAt: threeHoursAgo() }, scaleStaging],
      }),
    });
    renderJuanie('/juanie/approvals', { api });

    const link = await screen.findByRole('link', {
      name: 'Ship anvils 1.4.2 to production',
    });
    expect(link).toHaveAttribute(
      'href',
      `/juanie/orgs/acme/projects/web-shop/deployments/${toProduction.id}`,
    );
    const row = link.closest('tr')!;
    expect(row).toHaveTextContent('production');
    expect(row).toHaveTextContent('user:default/bob');
    expect(row).toHaveTextContent('3 hours ago');
    expect(row).toHaveTextContent('0 of 1');
    expect(
      within(row).getByRole('link', { name: 'acme/web-shop' }),
    ).toHaveAttribute('href', '/juanie/orgs/acme/projects/web-shop');
    // Without a message the change names the deployment.
    expect(screen.getByRole('link', { name: 'replicas 4' })).toHaveAttribute(
      'href',
      `/juanie/orgs/acme/projects/billing/deployments/${scaleStaging.id}`,
    );
  });

  it('loads the next page on demand, after the rows it has', async () => {
    const api = fakeJuanieApi({
      listPendingApprovals: async page =>
        page?.cursor === 'after-first'
          ? { items: [scaleStaging] }
          : { items: [toProduction], nextCursor: 'after-first' },
    });
    renderJuanie('/juanie/approvals', { api });

    await screen.findByRole('link', { name: 'Ship anvils 1.4.2 to production' });
    expect(screen.queryByRole('link', { name: 'replicas 4' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('link', { name: 'replicas 4' })).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Ship anvils 1.4.2 to production' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(api.listPendingApprovals).toHaveBeenLastCalledWith({ cursor: 'after-first' });
  });

  it('says so when nothing waits', async () => {
    renderJuanie('/juanie/approvals', { api: fakeJuanieApi() });
    expect(await screen.findByText('Nothing to approve')).toBeInTheDocument();
  });

  it('reloads when a deployment changes', async () => {
    const signals = fakeSignals();
    const api = fakeJuanieApi();
    renderJuanie('/juanie/approvals', { api, signals: signals.api });
    await screen.findByText('Nothing to approve');

    api.listPendingApprovals.mockResolvedValue({ items: [toProduction] });
    act(() =>
      signals.publish(DEPLOYMENT_SIGNAL_CHANNEL, {
        id: toProduction.id,
        org: 'acme',
        project: 'web-shop',
        environment: 'production',
        status: 'pending_approval',
      }),
    );

    expect(
      await screen.findByRole('link', {
        name: 'Ship anvils 1.4.2 to production',
      }),
    ).toBeInTheDocument();
  });

  it('is linked from the home page with the number waiting', async () => {
    const api = fakeJuanieApi({
      listPendingApprovals: async () => ({
        items: [toProduction, scaleStaging],
      }),
    });
    renderJuanie('/juanie', { api });

    // Backstage's LinkButton is a link that presents itself as a button.
    expect(
      await screen.findByRole('button', { name: 'Approvals' }),
    ).toHaveAttribute('href', '/juanie/approvals');
    await waitFor(() =>
      expect(screen.getByTestId('juanie-pending-approvals')).toHaveTextContent(
        /^Approvals2$/,
      ),
    );
  });
});
