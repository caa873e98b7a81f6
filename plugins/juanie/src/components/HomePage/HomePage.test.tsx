import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  acme,
  fakeJuanieApi,
  webShop,
} from '../../__testUtils__/fakeJuanieApi';
import { refusal } from '../../__testUtils__/refusal';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

// No delay between keystrokes: these forms are long and jsdom is slow.
const user = userEvent.setup({ delay: null });

describe('HomePage', () => {
  it('says who is signed in and how the back end is doing', async () => {
    renderJuanie('/juanie', { api: fakeJuanieApi() });

    expect(
      await screen.findByText('Signed in as user:default/alice'),
    ).toBeInTheDocument();
    const health = screen.getByTestId('juanie-health');
    await waitFor(() => expect(health).toHaveTextContent('ok'));
    expect(health).toHaveTextContent('sqlite');
    expect(health).toHaveTextContent('0.1.0');
  });

  it('shows a loading state while the back end has not answered', async () => {
    const never = () => new Promise<never>(() => {});
    renderJuanie('/juanie', {
      api: fakeJuanieApi({ getMe: never, getHealth: never }),
    });
    expect(
      within(screen.getByTestId('juanie-health')).getByTestId('progress'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Signed in as/)).not.toBeInTheDocument();
  });

  it('lists my organisations, projects and what needs my attention', async () => {
    const api = fakeJuanieApi({
      listOrganizations: async () => ({ items: [acme] }),
      listAllProjects: async () => ({ items: [webShop] }),
      getMyAttention: async () => ({
        items: [
          {
            kind: 'approval',
            org: 'acme',
            project: 'web-shop',
            title: 'Approve deployment to production',
            message: 'bob asks for image 1.4.2',
          },
        ],
      }),
    });
    renderJuanie('/juanie', { api });

    expect(await screen.findByRole('link', { name: 'Acme' })).toHaveAttribute(
      'href',
      '/juanie/orgs/acme',
    );
    expect(screen.getByRole('link', { name: 'Web shop' })).toHaveAttribute(
      'href',
      '/juanie/orgs/acme/projects/web-shop',
    );
    expect(
      screen.getByRole('link', { name: 'Approve deployment to production' }),
    ).toHaveAttribute('href', '/juanie/orgs/acme/projects/web-shop');
    expect(screen.getByText('bob asks for image 1.4.2')).toBeInTheDocument();
  });

  it('says so when there is nothing yet', async () => {
    renderJuanie('/juanie', { api: fakeJuanieApi() });
    expect(await screen.findByText('No organisations yet')).toBeInTheDocument();
    expect(await screen.findByText('No projects yet')).toBeInTheDocument();
    expect(
      await screen.findByText('Nothing needs your attention.'),
    ).toBeInTheDocument();
  });

  it("shows the server's message when loading fails", async () => {
    const error = await refusal(
      503,
      'ServiceUnavailableError',
      'Database is starting',
    );
    renderJuanie('/juanie', {
      api: fakeJuanieApi({
        getHealth: async () => Promise.reject(error),
        listOrganizations: async () => Promise.reject(error),
      }),
    });
    expect(
      await screen.findByText('Unreachable: Database is starting'),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/Database is starting/)).length,
    ).toBeGreaterThan(1);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  describe('creating an organisation', () => {
    it('checks the form with the shared schema before sending anything', async () => {
      const api = fakeJuanieApi();
      renderJuanie('/juanie', { api });

      await user.click(
        await screen.findByRole('button', { name: 'Create organisation' }),
      );
      const dialog = screen.getByRole('dialog', {
        name: 'Create organisation',
      });
      await user.type(within(dialog).getByLabelText('Slug'), 'Not A Slug');
      await user.click(within(dialog).getByRole('button', { name: 'Create' }));

      expect(
        within(dialog).getByText(
          /must be 1-63 lowercase letters, digits or dashes/,
        ),
      ).toBeInTheDocument();
      expect(within(dialog).getByText('must not be empty')).toBeInTheDocument();
      expect(api.createOrganization).not.toHaveBeenCalled();
    });

    it("shows the server's refusal and keeps the dialog open", async () => {
      const error = await refusal(
        409,
        'ConflictError',
        'Organisation acme already exists',
      );
      const api = fakeJuanieApi({
        createOrganization: () => Promise.reject(error),
      });
      renderJuanie('/juanie', { api });

      await user.click(
        await screen.findByRole('button', { name: 'Create organisation' }),
      );
      const dialog = screen.getByRole('dialog');
      await user.type(within(dialog).getByLabelText('Slug'), 'acme');
      await user.type(within(dialog).getByLabelText('Title'), 'Acme');
      await user.click(within(dialog).getByRole('button', { name: 'Create' }));

      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        'Organisation acme already exists',
      );
    });

    it('creates it and shows it in my organisations', async () => {
      const api = fakeJuanieApi();
      renderJuanie('/juanie', { api });
      await screen.findByText('No organisations yet');
      api.listOrganizations.mockResolvedValue({ items: [acme] });

      await user.click(
        screen.getByRole('button', { name: 'Create organisation' }),
      );
      const dialog = screen.getByRole('dialog');
      await user.type(within(dialog).getByLabelText('Slug'), 'acme');
      await user.type(within(dialog).getByLabelText('Title'), '  Acme ');
      await user.click(within(dialog).getByRole('button', { name: 'Create' }));

      expect(
        await screen.findByRole('link', { name: 'Acme' }),
      ).toBeInTheDocument();
      expect(api.createOrganization).toHaveBeenCalledWith({
        slug: 'acme',
        title: 'Acme',
        description: '',
      });
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
  });
});
