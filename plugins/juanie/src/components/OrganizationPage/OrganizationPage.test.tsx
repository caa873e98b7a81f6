import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeJuanieApi, webShop } from '../../__testUtils__/fakeJuanieApi';
import { refusal } from '../../__testUtils__/refusal';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

// No delay between keystrokes: these forms are long and jsdom is slow.
const user = userEvent.setup({ delay: null });

const NOW = '2026-01-15T10:00:00.000Z';

describe('OrganizationPage', () => {
  it('shows the organisation and its projects', async () => {
    renderJuanie('/juanie/orgs/acme', {
      api: fakeJuanieApi({ listProjects: async () => ({ items: [webShop] }) }),
    });
    expect(await screen.findByText('Rockets and anvils')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Web shop' }),
    ).toHaveAttribute('href', '/juanie/orgs/acme/projects/web-shop');
    expect(screen.getByRole('tab', { name: 'Teams' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Audit trail' })).toHaveAttribute(
      'href',
      '/juanie/audit?org=acme',
    );
  });

  it("shows the server's message when the organisation cannot be read", async () => {
    const error = await refusal(
      404,
      'NotFoundError',
      'No organisation named ghost',
    );
    renderJuanie('/juanie/orgs/ghost', {
      api: fakeJuanieApi({ getOrganization: () => Promise.reject(error) }),
    });
    expect(
      await screen.findByText(/No organisation named ghost/),
    ).toBeInTheDocument();
  });

  it('creates a project after checking the form with the shared schema', async () => {
    const api = fakeJuanieApi();
    renderJuanie('/juanie/orgs/acme', { api });

    await user.click(
      await screen.findByRole('button', { name: 'Create project' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Create project' });
    await user.type(within(dialog).getByLabelText('Slug'), '-web');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(
      within(dialog).getByText(/must be 1-63 lowercase letters/),
    ).toBeInTheDocument();
    expect(api.createProject).not.toHaveBeenCalled();

    await user.clear(within(dialog).getByLabelText('Slug'));
    await user.type(within(dialog).getByLabelText('Slug'), 'web-shop');
    await user.type(within(dialog).getByLabelText('Title'), 'Web shop');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    await waitFor(() =>
      expect(api.createProject).toHaveBeenCalledWith('acme', {
        slug: 'web-shop',
        title: 'Web shop',
        description: '',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('lists teams and creates one', async () => {
    const api = fakeJuanieApi();
    renderJuanie('/juanie/orgs/acme/teams', { api });

    expect(await screen.findByText('No teams yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create team' }));
    const dialog = screen.getByRole('dialog', { name: 'Create team' });
    await user.type(within(dialog).getByLabelText('Slug'), 'platform');
    await user.type(within(dialog).getByLabelText('Title'), 'Platform');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    await waitFor(() =>
      expect(api.createTeam).toHaveBeenCalledWith('acme', {
        slug: 'platform',
        title: 'Platform',
        description: '',
      }),
    );
  });

  it('shows a team with its members', async () => {
    const api = fakeJuanieApi({
      listTeamMembers: async () => ({
        items: [{ userRef: 'user:default/bob', role: 'lead', createdAt: NOW }],
      }),
    });
    renderJuanie('/juanie/orgs/acme/teams/platform', { api });

    expect(await screen.findByText('Runs the platform')).toBeInTheDocument();
    expect(await screen.findByText('user:default/bob')).toBeInTheDocument();
    expect(api.listTeamMembers).toHaveBeenCalledWith('acme', 'platform', {
      cursor: undefined,
    });
    expect(
      screen.getByRole('combobox', { name: 'Role of user:default/bob' }),
    ).toHaveValue('lead');
  });

  it("changes a member's role in place", async () => {
    const api = fakeJuanieApi({
      listOrgMembers: async () => ({
        items: [
          { userRef: 'user:default/bob', role: 'member', createdAt: NOW },
        ],
      }),
    });
    renderJuanie('/juanie/orgs/acme/members', { api });

    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Role of user:default/bob' }),
      'admin',
    );
    await waitFor(() =>
      expect(api.updateOrgMember).toHaveBeenCalledWith(
        'acme',
        'user:default/bob',
        {
          role: 'admin',
        },
      ),
    );
  });

  it('adds a member, normalising the short user ref like the server does', async () => {
    const api = fakeJuanieApi();
    renderJuanie('/juanie/orgs/acme/members', { api });

    await user.click(await screen.findByRole('button', { name: 'Add member' }));
    const dialog = screen.getByRole('dialog', { name: 'Add member' });
    await user.type(within(dialog).getByLabelText('User'), 'alice');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(
      within(dialog).getByText(
        /must be an entity ref such as user:default\/alice/,
      ),
    ).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText('User'));
    await user.type(within(dialog).getByLabelText('User'), 'user:Carol');
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'admin');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(api.addOrgMember).toHaveBeenCalledWith('acme', {
        userRef: 'user:default/carol',
        role: 'admin',
      }),
    );
  });

  it('draws quota usage against the limits and lets managers change them', async () => {
    const api = fakeJuanieApi({
      getOrganizationQuota: async () => ({
        limits: {
          maxProjects: 10,
          maxEnvironmentsPerProject: 5,
          maxMembers: null,
        },
        usage: { projects: 3, members: 7, maxEnvironmentsInAProject: 5 },
      }),
    });
    renderJuanie('/juanie/orgs/acme/quota', { api });

    expect(await screen.findByText('3 of 10')).toBeInTheDocument();
    expect(screen.getByText('7 (unlimited)')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Projects: 3 of 10' }),
    ).toHaveAttribute('aria-valuenow', '30');

    await user.click(screen.getByRole('button', { name: 'Edit quota' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit quota' });
    const projects = within(dialog).getByLabelText('Projects');
    await user.clear(projects);
    await user.type(projects, '-1');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText(/>=0/)).toBeInTheDocument();

    await user.clear(projects);
    await user.type(projects, '20');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateOrganization).toHaveBeenCalledWith('acme', {
        quota: {
          maxProjects: 20,
          maxEnvironmentsPerProject: 5,
          maxMembers: null,
        },
      }),
    );
  });
});
