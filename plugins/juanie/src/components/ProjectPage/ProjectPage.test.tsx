import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeJuanieApi,
  gitopsRepository,
} from '../../__testUtils__/fakeJuanieApi';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

// No delay between keystrokes: these forms are long and jsdom is slow.
const user = userEvent.setup({ delay: null });

const PROJECT = '/juanie/orgs/acme/projects/web-shop';

const NOW = '2026-01-15T10:00:00.000Z';

describe('ProjectPage tabs', () => {
  it('lists repositories with their status and syncs one', async () => {
    const failing = {
      ...gitopsRepository,
      id: 'a7c1d3e5-0000-4000-8000-000000000001',
      url: 'https://github.com/acme/web',
      purpose: 'app' as const,
      status: 'error' as const,
      statusReason: 'AuthenticationFailed',
      statusMessage: 'token expired',
    };
    const api = fakeJuanieApi({
      listRepositories: async () => ({ items: [gitopsRepository, failing] }),
    });
    renderJuanie(`${PROJECT}/repositories`, { api });

    expect(await screen.findByText('synced')).toBeInTheDocument();
    expect(
      screen.getByText('error (AuthenticationFailed: token expired)'),
    ).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Sync https://github.com/acme/web' }),
    );
    await waitFor(() =>
      expect(api.syncRepository).toHaveBeenCalledWith(
        'acme',
        'web-shop',
        failing.id,
      ),
    );
  });

  it('connects a repository by URL and purpose', async () => {
    const api = fakeJuanieApi();
    renderJuanie(`${PROJECT}/repositories`, { api });

    await user.click(
      await screen.findByRole('button', { name: 'Connect repository' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Connect repository' });
    await user.type(within(dialog).getByLabelText('URL'), 'github.com/acme');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(
      within(dialog).getByText(/must be an https:\/\//),
    ).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText('URL'));
    await user.type(
      within(dialog).getByLabelText('URL'),
      'git@github.com:acme/web.git',
    );
    await user.selectOptions(within(dialog).getByLabelText('Purpose'), 'app');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() =>
      expect(api.connectRepository).toHaveBeenCalledWith('acme', 'web-shop', {
        url: 'git@github.com:acme/web.git',
        purpose: 'app',
      }),
    );
  });

  it('grants a team a role on the project', async () => {
    const api = fakeJuanieApi({
      listTeams: async () => ({
        items: [
          {
            org: 'acme',
            slug: 'sre',
            title: 'SRE',
            description: '',
            memberCount: 2,
            createdAt: NOW,
            updatedAt: NOW,
          },
        ],
      }),
    });
    renderJuanie(`${PROJECT}/members`, { api });

    await user.click(await screen.findByRole('button', { name: 'Add team' }));
    const dialog = screen.getByRole('dialog', { name: 'Add team' });
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByText(/lowercase letters/)).toBeInTheDocument();

    await user.selectOptions(
      await within(dialog).findByLabelText('Team'),
      'sre',
    );
    await user.selectOptions(
      within(dialog).getByLabelText('Role'),
      'maintainer',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(api.addProjectTeam).toHaveBeenCalledWith('acme', 'web-shop', {
        team: 'sre',
        role: 'maintainer',
      }),
    );
  });

  it('saves settings and archives the project', async () => {
    const api = fakeJuanieApi();
    renderJuanie(`${PROJECT}/settings`, { api });

    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('must not be empty')).toBeInTheDocument();

    await user.type(title, 'Web store');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateProject).toHaveBeenCalledWith('acme', 'web-shop', {
        title: 'Web store',
        description: 'Sells anvils',
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Archive project' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Archive',
      }),
    );
    await waitFor(() =>
      expect(api.updateProject).toHaveBeenCalledWith('acme', 'web-shop', {
        archived: true,
      }),
    );
  });
});
