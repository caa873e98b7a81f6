import { ReactElement } from 'react';
import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { JuanieApi, juanieApiRef } from './api/JuanieApi';
import {
  deployment,
  environment,
  environmentGitOps,
  fakeJuanieApi,
} from './__testUtils__/fakeJuanieApi';
import { catalogEntity } from './__testUtils__/renderEntityPage';
import {
  EntityJuanieDeploymentsContent,
  EntityJuanieEnvironmentsCard,
  EntityJuanieGitOpsContent,
} from './legacy';
import {
  entityDeploymentsRouteRef,
  entityGitOpsRouteRef,
  rootRouteRef,
} from './routes';

const ENTITY_PAGE = '/catalog/default/component/shop-web';

/** Renders a legacy entity component as an app's entity page would: inside its entity. */
function renderOnEntityPage(
  element: ReactElement,
  entity: Entity,
  api: JuanieApi,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    {
      mountedRoutes: {
        '/juanie': rootRouteRef,
        [`${ENTITY_PAGE}/juanie-deployments`]: entityDeploymentsRouteRef,
        [`${ENTITY_PAGE}/juanie-gitops`]: entityGitOpsRouteRef,
      },
      apis: [[juanieApiRef, api], mockApis.permission()],
    },
  );
}

const shop = catalogEntity({ annotation: 'acme/shop' });

describe('the legacy entity components', () => {
  it("EntityJuanieDeploymentsContent shows the project's deployment history", async () => {
    const api = fakeJuanieApi({
      listDeployments: async () => ({
        items: [deployment({ project: 'shop', message: 'Ship anvils' })],
      }),
    });
    renderOnEntityPage(<EntityJuanieDeploymentsContent />, shop, api);

    expect(
      await screen.findByRole('link', { name: 'Ship anvils' }),
    ).toBeInTheDocument();
    expect(api.listDeployments).toHaveBeenCalledWith(
      'acme',
      'shop',
      {},
      { cursor: undefined },
    );
  });

  it("EntityJuanieGitOpsContent shows the project's GitOps status", async () => {
    const api = fakeJuanieApi({
      getProjectGitOps: async () => ({ items: [environmentGitOps()] }),
    });
    renderOnEntityPage(<EntityJuanieGitOpsContent />, shop, api);

    expect(await screen.findByTestId('gitops-staging')).toHaveTextContent(
      'Ready',
    );
  });

  it("EntityJuanieEnvironmentsCard shows the project's environments", async () => {
    const api = fakeJuanieApi({
      listEnvironments: async () => ({
        items: [environment({ slug: 'staging', title: 'Staging' })],
      }),
    });
    renderOnEntityPage(<EntityJuanieEnvironmentsCard />, shop, api);

    expect(
      await screen.findByRole('link', { name: 'Staging' }),
    ).toHaveAttribute('href', '/juanie/orgs/acme/projects/shop');
  });

  it('names the missing annotation on an entity without one', async () => {
    const api = fakeJuanieApi();
    renderOnEntityPage(
      <EntityJuanieDeploymentsContent />,
      catalogEntity({}),
      api,
    );

    expect(await screen.findByText(/juanie\.io\/project/)).toBeInTheDocument();
    expect(api.listDeployments).not.toHaveBeenCalled();
  });
});
