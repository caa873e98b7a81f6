import { screen } from '@testing-library/react';
import { fakeJuanieApi, policy } from '../../__testUtils__/fakeJuanieApi';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

// In its own file: usePermission caches decisions for the life of the module.
describe('the Policies tab for a viewer or developer', () => {
  const onlyRead = (name: string) => name.endsWith('.read');
  const api = () =>
    fakeJuanieApi({
      listPolicies: async () => ({
        items: [
          policy(),
          policy({
            id: '5b0e5b0e-0000-4000-8000-000000000002',
            scope: { org: 'acme', project: 'web-shop' },
            title: 'Shop digests',
            type: 'requireDigest',
          }),
        ],
      }),
    });

  it.each([
    ['organisation', '/juanie/orgs/acme/policies'],
    ['project', '/juanie/orgs/acme/projects/web-shop/policies'],
  ])(
    'shows the policies of a%s without ways to change them',
    async (_what, path) => {
      renderJuanie(path, { api: api(), allow: onlyRead });

      expect(
        (await screen.findAllByText('Shop digests')).length,
      ).toBeGreaterThan(0);
      expect(
        screen.queryByRole('button', { name: 'Add policy' }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: /^Edit / }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: /^Delete / }),
      ).not.toBeInTheDocument();
      expect(
        screen.getAllByRole('button', {
          name: 'Recent deployments of Images name a version',
        }).length,
      ).toBeGreaterThan(0);
    },
  );
});
