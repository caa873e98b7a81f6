import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  FluxObjectStatus,
  GITOPS_SIGNAL_CHANNEL,
} from '@juanie/plugin-juanie-common';
import {
  cluster,
  environmentGitOps,
  fakeJuanieApi,
  fluxObject,
} from '../../__testUtils__/fakeJuanieApi';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { refusal } from '../../__testUtils__/refusal';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

const user = userEvent.setup({ delay: null });

const GITOPS = '/juanie/orgs/acme/projects/web-shop/gitops';
const SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

function withStaging(workload: Partial<FluxObjectStatus> = {}) {
  return fakeJuanieApi({
    getProjectGitOps: async () => ({
      items: [environmentGitOps({ workload: fluxObject(workload) })],
    }),
  });
}

describe('GitOps tab', () => {
  it('is a tab of the project page', async () => {
    renderJuanie('/juanie/orgs/acme/projects/web-shop', { api: withStaging() });
    await user.click(await screen.findByRole('tab', { name: 'GitOps' }));
    expect(await screen.findByTestId('gitops-staging')).toHaveTextContent(
      'Ready',
    );
  });

  it("shows each environment's workload and source: state, cluster, revision, age and Flux's message", async () => {
    const api = fakeJuanieApi({
      getProjectGitOps: async () => ({
        items: [
          environmentGitOps({
            workload: fluxObject({ lastAppliedAt: minutesAgo(3) }),
          }),
          environmentGitOps({
            environment: 'production',
            cluster: 'prod-eu',
            path: 'apps/web/production',
            workload: fluxObject({
              cluster: 'prod-eu',
              name: 'web-shop-production',
              state: 'Failed',
              lastAttemptedRevision: `main@sha1:${'a'.repeat(40)}`,
              message:
                'kustomize build failed: accumulating resources: missing file deployment.yaml',
            }),
          }),
        ],
      }),
    });
    renderJuanie(GITOPS, { api });

    const staging = await screen.findByTestId('gitops-staging');
    expect(staging).toHaveTextContent('main: apps/web/staging');
    expect(staging).toHaveTextContent('Cluster: kind-dev');
    const workload = within(staging).getByTestId('flux-Kustomization');
    expect(workload).toHaveTextContent(
      'Workload: Kustomization flux-system/web-shop-staging',
    );
    expect(within(workload).getByTestId('status-ok')).toBeInTheDocument();
    expect(workload).toHaveTextContent('Ready');
    expect(workload).toHaveTextContent('Last sync: 3 minutes ago');
    expect(
      within(workload).getByRole('link', {
        name: new RegExp(`^${SHA.slice(0, 12)}`),
      }),
    ).toHaveAttribute(
      'href',
      `https://github.com/acme/web-gitops/commit/${SHA}`,
    );
    expect(within(staging).getByTestId('flux-GitRepository')).toHaveTextContent(
      `Source: GitRepository flux-system/web-gitops`,
    );

    const production = screen.getByTestId('gitops-production');
    expect(production).toHaveTextContent('Cluster: prod-eu');
    expect(within(production).getByTestId('status-error')).toBeInTheDocument();
    expect(production).toHaveTextContent(
      `(attempting main@sha1:${'a'.repeat(12)})`,
    );
    expect(
      within(production).getByText(
        'kustomize build failed: accumulating resources: missing file deployment.yaml',
      ),
    ).toBeInTheDocument();
  });

  it.each([
    ['Ready', 'status-ok'],
    ['Reconciling', 'status-running'],
    ['Stalled', 'status-error'],
    ['Failed', 'status-error'],
    ['Suspended', 'status-aborted'],
    ['NotFound', 'status-warning'],
  ] as const)(
    'shows a %s workload with the %s indicator',
    async (state, indicator) => {
      renderJuanie(GITOPS, { api: withStaging({ state }) });
      const workload = await screen.findByTestId('flux-Kustomization');
      expect(workload).toHaveTextContent(state);
      expect(within(workload).getByTestId(indicator)).toBeInTheDocument();
    },
  );

  it('marks environments on the simulated cluster', async () => {
    const api = fakeJuanieApi({
      listClusters: async () => ({
        items: [
          cluster({ name: 'kind-dev', simulated: true }),
          cluster({ name: 'prod-eu' }),
        ],
      }),
      getProjectGitOps: async () => ({
        items: [
          environmentGitOps(),
          environmentGitOps({ environment: 'production', cluster: 'prod-eu' }),
        ],
      }),
    });
    renderJuanie(GITOPS, { api });

    expect(
      await within(await screen.findByTestId('gitops-staging')).findByText(
        'simulated',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('gitops-production')).queryByText('simulated'),
    ).not.toBeInTheDocument();
  });

  it('offers no buttons to those who may not operate the environment', async () => {
    const api = fakeJuanieApi({
      getProjectGitOps: async () => ({
        items: [environmentGitOps({ canOperate: false })],
      }),
    });
    renderJuanie(GITOPS, { api });

    expect(await screen.findByTestId('gitops-staging')).toHaveTextContent(
      'Ready',
    );
    expect(
      screen.queryByRole('button', { name: 'Reconcile' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Suspend' }),
    ).not.toBeInTheDocument();
  });

  it('reconciles the environment and shows the new status', async () => {
    const api = withStaging();
    api.reconcileGitOps.mockImplementation(async () => {
      const reconciling = environmentGitOps({
        workload: fluxObject({ state: 'Reconciling' }),
      });
      api.getProjectGitOps.mockResolvedValue({ items: [reconciling] });
      return reconciling;
    });
    renderJuanie(GITOPS, { api });

    await user.click(await screen.findByRole('button', { name: 'Reconcile' }));

    expect(api.reconcileGitOps).toHaveBeenCalledWith(
      'acme',
      'web-shop',
      'staging',
    );
    await waitFor(() =>
      expect(screen.getByTestId('flux-Kustomization')).toHaveTextContent(
        'Reconciling',
      ),
    );
  });

  it("shows the server's refusal when the cluster is unreachable", async () => {
    const api = withStaging();
    api.reconcileGitOps.mockRejectedValue(
      await refusal(
        503,
        'ServiceUnavailableError',
        'Cluster kind-dev is unreachable: connection refused',
      ),
    );
    renderJuanie(GITOPS, { api });

    await user.click(await screen.findByRole('button', { name: 'Reconcile' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cluster kind-dev is unreachable: connection refused',
    );
  });

  it('suspends only after confirmation, then offers to resume', async () => {
    const api = withStaging();
    api.suspendGitOps.mockImplementation(async () => {
      const suspended = environmentGitOps({
        workload: fluxObject({ state: 'Suspended', suspended: true }),
      });
      api.getProjectGitOps.mockResolvedValue({ items: [suspended] });
      return suspended;
    });
    renderJuanie(GITOPS, { api });

    await user.click(await screen.findByRole('button', { name: 'Suspend' }));
    const dialog = screen.getByRole('dialog', { name: 'Suspend staging' });
    expect(dialog).toHaveTextContent('Flux stops applying apps/web/staging');
    expect(api.suspendGitOps).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Suspend' }));

    await user.click(await screen.findByRole('button', { name: 'Resume' }));
    expect(api.suspendGitOps).toHaveBeenCalledWith(
      'acme',
      'web-shop',
      'staging',
    );
    expect(api.resumeGitOps).toHaveBeenCalledWith(
      'acme',
      'web-shop',
      'staging',
    );
  });

  it("shows the server's refusal in the suspend dialog", async () => {
    const api = withStaging();
    api.suspendGitOps.mockRejectedValue(
      await refusal(
        409,
        'ConflictError',
        'Kustomization flux-system/web-shop-staging is not in cluster kind-dev',
      ),
    );
    renderJuanie(GITOPS, { api });

    await user.click(await screen.findByRole('button', { name: 'Suspend' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Kustomization flux-system/web-shop-staging is not in cluster kind-dev',
    );
  });

  it("follows the project's Flux objects live through signals", async () => {
    const signals = fakeSignals();
    const api = withStaging({ state: 'Reconciling' });
    renderJuanie(GITOPS, { api, signals: signals.api });
    expect(await screen.findByTestId('flux-Kustomization')).toHaveTextContent(
      'Reconciling',
    );

    act(() =>
      signals.publish(GITOPS_SIGNAL_CHANNEL, {
        org: 'acme',
        project: 'billing',
        environment: 'staging',
      }),
    );
    expect(api.getProjectGitOps).toHaveBeenCalledTimes(1);

    api.getProjectGitOps.mockResolvedValue({
      items: [environmentGitOps()],
    });
    act(() =>
      signals.publish(GITOPS_SIGNAL_CHANNEL, {
        org: 'acme',
        project: 'web-shop',
        environment: 'staging',
      }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('flux-Kustomization')).toHaveTextContent(
        'Ready',
      ),
    );
  });

  it('says so when no environment deploys through GitOps', async () => {
    renderJuanie(GITOPS, { api: fakeJuanieApi() });
    expect(
      await screen.findByText('No environment deploys through GitOps'),
    ).toBeInTheDocument();
  });
});
