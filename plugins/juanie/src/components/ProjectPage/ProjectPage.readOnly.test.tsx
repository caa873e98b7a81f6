import { screen } from '@testing-library/react';
import {
  environment,
  fakeJuanieApi,
  gitopsRepository,
} from '../../__testUtils__/fakeJuanieApi';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

// In its own file: usePermission caches decisions for the life of the module.
describe('ProjectPage for a viewer', () => {
  const onlyRead = (name: string) => name.endsWith('.read');
  const api = () =>
    fakeJuanieApi({
      listEnvironments: async () => ({
        items: [
          environment({
            gitops: {
              repositoryId: gitopsRepository.id,
              branch: 'main',
              path: 'apps/web/dev',
            },
          }),
        ],
      }),
    });

  it('shows environments without ways to change them', async () => {
    renderJuanie('/juanie/orgs/acme/projects/web-shop', {
      api: api(),
      allow: onlyRead,
    });
    expect(await screen.findByText('Development')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add environment' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit dev' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Deploy' }),
    ).not.toBeInTheDocument();
  });

  it('disables settings, archive and delete', async () => {
    renderJuanie('/juanie/orgs/acme/projects/web-shop/settings', {
      api: api(),
      allow: onlyRead,
    });
    expect(await screen.findByLabelText('Title')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Archive project' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Delete project' }),
    ).toBeDisabled();
  });
});
