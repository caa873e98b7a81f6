import { act, screen, waitFor, within } from '@testing-library/react';
import type { Deployment } from '@juanie/plugin-juanie-common';
import type { DeploymentListQuery, PageRequest } from '../../api/JuanieApi';
import {
  deployment,
  environment,
  environmentGitOps,
  fakeJuanieApi,
  fluxObject,
} from '../../__testUtils__/fakeJuanieApi';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { refusal } from '../../__testUtils__/refusal';
import {
  catalogEntity,
  renderEntityPage,
} from '../../__testUtils__/renderEntityPage';
import { DEPLOYMENT_SIGNAL_CHANNEL } from '../../hooks/deployments';
import { juanieEnvironmentsEntityCard } from '../../plugin';

const PROJECT_PAGE = '/juanie/orgs/acme/projects/shop';
const STAGING_SHA = '1111111111111111111111111111111111111111';
const FLUX_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

const hoursAgo = (hours: number) =>
  new Date(Date.now() - hours * 3_600_000).toISOString();

function shopDeployment(overrides: Partial<Deployment>): Deployment {
  return deployment({ project: 'shop', ...overrides });
}

const stagingShipped = shopDeployment({
  id: 'd0000000-0000-4000-8000-000000000001',
  environment: 'staging',
  status: 'succeeded',
  statusChangedAt: hoursAgo(2),
  changes: { image: { name: 'ghcr.io/acme/web', tag: '1.4.2' } },
  commitSha: STAGING_SHA,
  commitUrl: `https://github.com/acme/web-gitops/commit/${STAGING_SHA}`,
});
const stagingRolling = shopDeployment({
  id: 'd0000000-0000-4000-8000-000000000002',
  environment: 'staging',
  status: 'reconciling',
  changes: { image: { tag: '1.4.3' } },
});
const productionBroken = shopDeployment({
  id: 'd0000000-0000-4000-8000-000000000003',
  environment: 'production',
  status: 'failed',
});
const waiting = (id: number, env: string) =>
  shopDeployment({
    id: `d0000000-0000-4000-8000-00000000010${id}`,
    environment: env,
    status: 'pending_approval',
  });

/** What `listDeployments` answers for each query the card makes. */
function shopDeployments(
  query: DeploymentListQuery | undefined,
  page: PageRequest | undefined,
) {
  const key = [query?.environment ?? '*', query?.status?.join(',') ?? '*'];
  switch (key.join(' ')) {
    case '* pending_approval':
      return page?.cursor
        ? { items: [waiting(2, 'production'), waiting(3, 'staging')] }
        : { items: [waiting(1, 'production')], nextCursor: 'page-2' };
    case 'staging succeeded':
      return { items: [stagingShipped] };
    case 'staging *':
      return { items: [stagingRolling] };
    case 'production *':
      return { items: [productionBroken] };
    default:
      return { items: [] };
  }
}

function shopApi() {
  return fakeJuanieApi({
    listEnvironments: async () => ({
      items: [
        environment({ slug: 'production', title: 'Production', order: 20 }),
        environment({ slug: 'dev', title: 'Development', order: 0 }),
        environment({ slug: 'staging', title: 'Staging', order: 10 }),
      ],
    }),
    getProjectGitOps: async () => ({
      items: [
        environmentGitOps({ environment: 'staging' }),
        environmentGitOps({
          environment: 'production',
          workload: fluxObject({ state: 'Failed' }),
        }),
      ],
    }),
    listDeployments: async (_org, _project, query, page) =>
      shopDeployments(query, page),
  });
}

function renderCard(api = shopApi(), signals = fakeSignals()) {
  return renderEntityPage(
    catalogEntity({ annotation: 'acme/shop' }),
    [juanieEnvironmentsEntityCard],
    { api, signals: signals.api },
  );
}

async function rowOf(title: string) {
  const link = await screen.findByRole('link', { name: title });
  return link.closest('tr')!;
}

describe('the Environments card', () => {
  it('lists the environments in promotion order, each linked to the project', async () => {
    renderCard();
    await rowOf('Staging');

    const links = screen
      .getAllByRole('link')
      .filter(link =>
        ['Development', 'Staging', 'Production'].includes(link.textContent!),
      );
    expect(links.map(link => link.textContent)).toEqual([
      'Development',
      'Staging',
      'Production',
    ]);
    for (const link of links) {
      expect(link).toHaveAttribute('href', PROJECT_PAGE);
    }
    expect(
      screen.getByRole('link', { name: 'Open the project in Juanie' }),
    ).toHaveAttribute('href', PROJECT_PAGE);
  });

  it("shows the image and commit of the newest successful deployment as the version, else Flux's applied commit", async () => {
    const api = shopApi();
    renderCard(api);

    const staging = await rowOf('Staging');
    expect(staging).toHaveTextContent('ghcr.io/acme/web:1.4.2');
    expect(
      within(staging).getByRole('link', {
        name: new RegExp(`^${STAGING_SHA.slice(0, 12)}`),
      }),
    ).toHaveAttribute('href', stagingShipped.commitUrl);
    expect(
      within(staging).getByRole('link', { name: 'succeeded 2 hours ago' }),
    ).toHaveAttribute(
      'href',
      `${PROJECT_PAGE}/deployments/${stagingShipped.id}`,
    );

    const production = await rowOf('Production');
    expect(production).toHaveTextContent('applied by Flux');
    expect(
      within(production).getByRole('link', {
        name: new RegExp(`^${FLUX_SHA.slice(0, 12)}`),
      }),
    ).toHaveAttribute(
      'href',
      `https://github.com/acme/web-gitops/commit/${FLUX_SHA}`,
    );

    expect(await rowOf('Development')).toHaveTextContent('not deployed yet');
    expect(api.listDeployments).toHaveBeenCalledWith(
      'acme',
      'shop',
      { environment: 'staging', status: ['succeeded'] },
      { limit: 1 },
    );
  });

  it("shows Flux's state and what became of the latest deployment", async () => {
    renderCard();

    const staging = await rowOf('Staging');
    expect(staging).toHaveTextContent('ReadyLast deployment: reconciling');
    expect(
      within(staging).getByRole('link', {
        name: 'Last deployment: reconciling',
      }),
    ).toHaveAttribute(
      'href',
      `${PROJECT_PAGE}/deployments/${stagingRolling.id}`,
    );

    const production = await rowOf('Production');
    expect(production).toHaveTextContent('FailedLast deployment: failed');
    expect(within(production).getAllByTestId('status-error')).toHaveLength(2);

    expect(await rowOf('Development')).toHaveTextContent('no deployments yet');
  });

  it('counts the deployments waiting for approval in each environment, over every page', async () => {
    renderCard();

    const production = await rowOf('Production');
    expect(within(production).getByRole('link', { name: '2' })).toHaveAttribute(
      'href',
      `${PROJECT_PAGE}/deployments`,
    );
    const staging = await rowOf('Staging');
    expect(within(staging).getByRole('link', { name: '1' })).toHaveAttribute(
      'href',
      `${PROJECT_PAGE}/deployments`,
    );
    const development = await rowOf('Development');
    expect(development.lastElementChild).toHaveTextContent(/^0$/);
  });

  it("reloads when one of the project's deployments changes", async () => {
    const api = shopApi();
    const signals = fakeSignals();
    renderCard(api, signals);
    await rowOf('Staging');
    const calls = api.listDeployments.mock.calls.length;

    api.listDeployments.mockImplementation(async (_o, _p, query, page) =>
      query?.environment === 'staging' && !query.status
        ? { items: [{ ...stagingRolling, status: 'succeeded' }] }
        : shopDeployments(query, page),
    );
    act(() =>
      signals.publish(DEPLOYMENT_SIGNAL_CHANNEL, {
        id: stagingRolling.id,
        org: 'acme',
        project: 'shop',
        environment: 'staging',
        status: 'succeeded',
      }),
    );

    await waitFor(() =>
      expect(
        within(
          screen.getByRole('link', { name: 'Staging' }).closest('tr')!,
        ).getByRole('link', { name: 'Last deployment: succeeded' }),
      ).toBeInTheDocument(),
    );
    expect(api.listDeployments.mock.calls.length).toBeGreaterThan(calls);
  });

  it('says so when the project has no environments', async () => {
    renderCard(fakeJuanieApi());

    expect(await screen.findByText('No environments')).toBeInTheDocument();
  });

  it("shows the server's refusal with a way to try again", async () => {
    const api = shopApi();
    api.getProjectGitOps.mockRejectedValue(
      await refusal(404, 'NotFoundError', 'No project acme/shop'),
    );
    renderCard(api);

    expect(
      (await screen.findAllByText(/No project acme\/shop/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
