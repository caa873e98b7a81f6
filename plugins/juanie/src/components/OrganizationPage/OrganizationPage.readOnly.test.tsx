import { screen } from '@testing-library/react';
import { fakeJuanieApi } from '../../__testUtils__/fakeJuanieApi';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

const NOW = '2026-01-15T10:00:00.000Z';

// In its own file: usePermission caches decisions for the life of the module.
describe('OrganizationPage for a plain member', () => {
  const onlyRead = (name: string) => name.endsWith('.read');

  it('offers no project creation', async () => {
    renderJuanie('/juanie/orgs/acme', {
      api: fakeJuanieApi(),
      allow: onlyRead,
    });
    expect(await screen.findByText('No projects yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create project' }),
    ).not.toBeInTheDocument();
  });

  it('shows roles as text, without add or remove buttons', async () => {
    const api = fakeJuanieApi({
      listOrgMembers: async () => ({
        items: [{ userRef: 'user:default/bob', role: 'admin', createdAt: NOW }],
      }),
    });
    renderJuanie('/juanie/orgs/acme/members', { api, allow: onlyRead });

    expect(await screen.findByText('user:default/bob')).toBeInTheDocument();
    expect(screen.getByText('admin')).toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add member' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Remove user:default/bob' }),
    ).not.toBeInTheDocument();
  });

  it('offers no team creation and no quota editing', async () => {
    renderJuanie('/juanie/orgs/acme/quota', {
      api: fakeJuanieApi(),
      allow: onlyRead,
    });
    expect(await screen.findByText('0 of 10')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit quota' }),
    ).not.toBeInTheDocument();
  });
});
