import { screen } from '@testing-library/react';
import {
  mockApis,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import juaniePlugin, { JuaniePage, juanieLegacyPlugin } from './index';

describe('the Juanie plugin', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('is a new frontend system plugin as the default export', () => {
    expect(juaniePlugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(juaniePlugin.pluginId).toBe('juanie');
  });

  it('adds Deployments and GitOps tabs and an Environments card to entity pages', () => {
    expect(
      juaniePlugin.getExtension('entity-content:juanie/deployments'),
    ).toMatchObject({ kind: 'entity-content', name: 'deployments' });
    expect(
      juaniePlugin.getExtension('entity-content:juanie/gitops'),
    ).toMatchObject({ kind: 'entity-content', name: 'gitops' });
    expect(
      juaniePlugin.getExtension('entity-card:juanie/environments'),
    ).toMatchObject({ kind: 'entity-card', name: 'environments' });
  });

  it('offers legacy exports for apps on the old frontend system', () => {
    expect(juanieLegacyPlugin.getId()).toBe('juanie');
    expect(juanieLegacyPlugin.getApis()).toHaveLength(1);
    expect(JuaniePage).toBeDefined();
  });

  it('serves /juanie from the back end through its own API client', async () => {
    server.use(
      http.get('*/api/juanie/me', () =>
        HttpResponse.json({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: [],
          isPlatformAdmin: false,
        }),
      ),
      http.get('*/api/juanie/health', () =>
        HttpResponse.json({
          status: 'ok',
          version: '1.2.3',
          database: 'postgres',
        }),
      ),
      http.get('*/api/juanie/me/attention', () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get('*/api/juanie/approvals', () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get('*/api/juanie/orgs', () => HttpResponse.json({ items: [] })),
      http.get('*/api/juanie/projects', () => HttpResponse.json({ items: [] })),
    );

    renderTestApp({
      features: [juaniePlugin],
      initialRouteEntries: ['/juanie'],
      apis: [mockApis.permission()],
    });

    expect(
      await screen.findByText('Signed in as user:default/alice'),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('juanie-health')).toHaveTextContent(
      /ok.*postgres.*1\.2\.3/,
    );
  });
});
