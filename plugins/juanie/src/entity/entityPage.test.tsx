import { screen } from '@testing-library/react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import juaniePlugin from '../index';
import { juanieApiRef } from '../api/JuanieApi';
import {
  deployment,
  environment,
  environmentGitOps,
  fakeJuanieApi,
} from '../__testUtils__/fakeJuanieApi';
import {
  catalogEntity,
  renderEntityPage,
} from '../__testUtils__/renderEntityPage';
import {
  juanieDeploymentsEntityContent,
  juanieEnvironmentsEntityCard,
  juanieGitOpsEntityContent,
} from '../plugin';

const shop = catalogEntity({ annotation: 'acme/shop' });

const shipped = deployment({
  id: 'd0000000-0000-4000-8000-000000000001',
  project: 'shop',
  status: 'succeeded',
  message: 'Ship anvils 1.4.2',
});

describe('Juanie on a catalog entity page', () => {
  it("has a Deployments tab with the annotated project's history", async () => {
    const api = fakeJuanieApi({
      listDeployments: async () => ({ items: [shipped] }),
    });
    renderEntityPage(shop, [juanieDeploymentsEntityContent], { api });

    expect(
      await screen.findByRole('link', { name: 'Ship anvils 1.4.2' }),
    ).toHaveAttribute(
      'href',
      `/juanie/orgs/acme/projects/shop/deployments/${shipped.id}`,
    );
    expect(api.listDeployments).toHaveBeenCalledWith(
      'acme',
      'shop',
      {},
      { cursor: undefined },
    );
    expect(api.listEnvironments).toHaveBeenCalledWith('acme', 'shop', {
      cursor: undefined,
    });
  });

  it("has a GitOps tab with how Flux reconciles the project's environments", async () => {
    const api = fakeJuanieApi({
      getProjectGitOps: async () => ({ items: [environmentGitOps()] }),
    });
    renderEntityPage(shop, [juanieGitOpsEntityContent], { api });

    const staging = await screen.findByTestId('gitops-staging');
    expect(staging).toHaveTextContent('main: apps/web/staging');
    expect(staging).toHaveTextContent('Ready');
    expect(api.getProjectGitOps).toHaveBeenCalledWith('acme', 'shop');
  });

  it('shows the GitOps tab on a System as well', async () => {
    const api = fakeJuanieApi({
      getProjectGitOps: async () => ({ items: [environmentGitOps()] }),
    });
    renderEntityPage(
      catalogEntity({ kind: 'System', annotation: 'acme/shop' }),
      [juanieGitOpsEntityContent],
      { api },
    );

    expect(await screen.findByTestId('gitops-staging')).toBeInTheDocument();
  });

  it.each([
    ['without the annotation', catalogEntity({})],
    ['with a malformed annotation', catalogEntity({ annotation: 'shop' })],
    [
      'of another kind',
      catalogEntity({ kind: 'Resource', annotation: 'acme/shop' }),
    ],
  ])('adds nothing to an entity %s', async (_case, entity) => {
    const api = fakeJuanieApi();
    renderEntityPage(
      entity,
      [
        juanieDeploymentsEntityContent,
        juanieGitOpsEntityContent,
        juanieEnvironmentsEntityCard,
      ],
      { api },
    );

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(api.listDeployments).not.toHaveBeenCalled();
    expect(api.getProjectGitOps).not.toHaveBeenCalled();
  });
});

describe("Juanie on the catalog plugin's entity page", () => {
  const ENTITY_PAGE = '/catalog/default/component/shop-web';

  function renderCatalog(path: string) {
    const api = fakeJuanieApi({
      listEnvironments: async () => ({
        items: [environment({ slug: 'staging', title: 'Staging' })],
      }),
      listDeployments: async () => ({ items: [shipped] }),
    });
    renderTestApp({
      features: [catalogPlugin, juaniePlugin],
      initialRouteEntries: [path],
      apis: [
        [catalogApiRef, catalogApiMock({ entities: [shop] })],
        [juanieApiRef, api],
        mockApis.permission(),
      ],
    });
  }

  it('adds the Deployments and GitOps tabs and the Environments card, with the plugin alone installed', async () => {
    renderCatalog(ENTITY_PAGE);

    // The catalog's own entity page loads its lazy modules on first render: slow on a busy CI.
    expect(
      await screen.findByRole(
        'link',
        { name: 'Open the project in Juanie' },
        { timeout: 40_000 },
      ),
    ).toHaveAttribute('href', '/juanie/orgs/acme/projects/shop');
    expect(
      await screen.findByRole('link', { name: 'Staging' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Deployments' })).toHaveAttribute(
      'href',
      `${ENTITY_PAGE}/juanie-deployments`,
    );
    expect(screen.getByRole('link', { name: 'GitOps' })).toHaveAttribute(
      'href',
      `${ENTITY_PAGE}/juanie-gitops`,
    );
  });

  it('shows the project history on the Deployments tab', async () => {
    renderCatalog(`${ENTITY_PAGE}/juanie-deployments`);

    expect(
      await screen.findByRole('link', { name: 'Ship anvils 1.4.2' }),
    ).toHaveAttribute(
      'href',
      `/juanie/orgs/acme/projects/shop/deployments/${shipped.id}`,
    );
  });
});
