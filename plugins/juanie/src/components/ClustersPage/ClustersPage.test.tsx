import { screen, within } from '@testing-library/react';
import { cluster, fakeJuanieApi } from '../../__testUtils__/fakeJuanieApi';
import { refusal } from '../../__testUtils__/refusal';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

describe('ClustersPage', () => {
  it('is linked from the home page', async () => {
    renderJuanie('/juanie', { api: fakeJuanieApi() });
    // Backstage's LinkButton is a link that presents itself as a button.
    expect(
      await screen.findByRole('button', { name: 'Clusters' }),
    ).toHaveAttribute('href', '/juanie/clusters');
  });

  it('shows Flux controllers, CRDs with their versions and watched objects', async () => {
    const api = fakeJuanieApi({
      listClusters: async () => ({
        items: [
          cluster({
            simulated: true,
            flux: {
              controllers: [
                { name: 'source-controller', ready: true, message: null },
                {
                  name: 'helm-controller',
                  ready: false,
                  message: 'Back-off restarting failed container',
                },
              ],
              crds: [
                {
                  name: 'gitrepositories.source.toolkit.fluxcd.io',
                  versions: ['v1', 'v1beta2'],
                },
              ],
              healthy: false,
            },
          }),
        ],
      }),
    });
    renderJuanie('/juanie/clusters', { api });

    expect(
      await screen.findByRole('heading', { name: 'Clusters' }),
    ).toBeInTheDocument();
    const card = await screen.findByTestId('cluster-kind-dev');
    expect(card).toHaveTextContent('simulated');
    expect(card).toHaveTextContent('Connection: reachable');
    expect(card).toHaveTextContent('Flux: unhealthy');
    expect(card).toHaveTextContent('Controllers: 1 of 2 ready');
    const controllers = within(card).getByRole('list', {
      name: 'Flux controllers',
    });
    const [source, helm] = within(controllers).getAllByRole('listitem');
    expect(within(source).getByTestId('status-ok')).toBeInTheDocument();
    expect(within(helm).getByTestId('status-error')).toBeInTheDocument();
    expect(helm).toHaveTextContent('Back-off restarting failed container');
    const crds = within(card).getByRole('list', { name: 'Flux CRDs' });
    expect(
      within(crds).getByText('gitrepositories.source.toolkit.fluxcd.io'),
    ).toBeInTheDocument();
    expect(within(crds).getByText('v1, v1beta2')).toBeInTheDocument();
    expect(card).toHaveTextContent(
      'Watched objects: Kustomization 3 · GitRepository 1',
    );
  });

  it('shows why an unreachable cluster cannot be reached', async () => {
    const api = fakeJuanieApi({
      listClusters: async () => ({
        items: [
          cluster(),
          cluster({
            name: 'prod-eu',
            reachable: false,
            error: 'dial tcp 10.0.0.1:6443: connect: connection refused',
            flux: null,
            objects: {},
          }),
        ],
      }),
    });
    renderJuanie('/juanie/clusters', { api });

    const prod = await screen.findByTestId('cluster-prod-eu');
    expect(prod).toHaveTextContent('Connection: unreachable');
    expect(within(prod).getByTestId('status-error')).toBeInTheDocument();
    expect(
      within(prod).getByText(
        'dial tcp 10.0.0.1:6443: connect: connection refused',
      ),
    ).toBeInTheDocument();
    expect(prod).toHaveTextContent(
      'Flux: unknown while the cluster is unreachable',
    );
    expect(prod).toHaveTextContent('Watched objects: none');
    expect(screen.getByTestId('cluster-kind-dev')).toHaveTextContent(
      'Connection: reachable',
    );
  });

  it("shows the server's refusal", async () => {
    const error = await refusal(
      403,
      'NotAllowedError',
      'Only platform admins can see clusters',
    );
    renderJuanie('/juanie/clusters', {
      api: fakeJuanieApi({ listClusters: () => Promise.reject(error) }),
    });
    expect(
      (await screen.findAllByText(/Only platform admins can see clusters/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('says so when there is no cluster', async () => {
    renderJuanie('/juanie/clusters', { api: fakeJuanieApi() });
    expect(await screen.findByText('No clusters')).toBeInTheDocument();
  });
});
