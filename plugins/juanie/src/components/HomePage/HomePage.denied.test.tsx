import { screen } from '@testing-library/react';
import { fakeJuanieApi } from '../../__testUtils__/fakeJuanieApi';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

// In its own file: usePermission caches decisions for the life of the module.
describe('HomePage without permission to create organisations', () => {
  it('offers no "Create organisation" button', async () => {
    renderJuanie('/juanie', {
      api: fakeJuanieApi(),
      allow: name => name !== 'juanie.organization.create',
    });
    expect(await screen.findByText('No organisations yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create organisation' }),
    ).not.toBeInTheDocument();
  });
});
