import { screen, within } from '@testing-library/react';
import { fakeJuanieApi, webShop } from '../__testUtils__/fakeJuanieApi';
import { renderJuanie } from '../__testUtils__/renderJuanie';

/** As alice on shop in the demo: a developer through her team, with no direct membership. */
const asTeamDeveloper = { ...webShop, myRole: 'developer' as const };

describe('your role on a project', () => {
  const api = () =>
    fakeJuanieApi({
      listAllProjects: async () => ({ items: [asTeamDeveloper] }),
      listProjects: async () => ({ items: [asTeamDeveloper] }),
      getProject: async () => asTeamDeveloper,
    });
  const rowOf = async (project: string) =>
    (await screen.findByRole('link', { name: project })).closest('tr')!;

  it('is the one the API gives, in the home page\'s "My projects"', async () => {
    renderJuanie('/juanie', { api: api() });

    expect(within(await rowOf('Web shop')).getByText('developer')).toBeInTheDocument();
  });

  it("is the same in the organisation's project list", async () => {
    renderJuanie('/juanie/orgs/acme', { api: api() });

    expect(within(await rowOf('Web shop')).getByText('developer')).toBeInTheDocument();
  });

  it('is the same on the project page', async () => {
    renderJuanie('/juanie/orgs/acme/projects/web-shop', { api: api() });

    const label = await screen.findByText('Your role');
    expect(label.parentElement).toHaveTextContent(/^Your roledeveloper$/);
  });
});
