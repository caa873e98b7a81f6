import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Environment } from '@juanie/plugin-juanie-common';
import {
  environment,
  fakeJuanieApi,
  gitopsRepository,
} from '../../__testUtils__/fakeJuanieApi';
import { refusal } from '../../__testUtils__/refusal';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

// No delay between keystrokes: these forms are long and jsdom is slow.
const user = userEvent.setup({ delay: null });

/** Replaces a field's text in one input event: this dialog is long. */
async function fill(input: HTMLElement, text: string) {
  await user.clear(input);
  await user.click(input);
  await user.paste(text);
}

const PROJECT = '/juanie/orgs/acme/projects/web-shop';

const staging = environment({
  slug: 'staging',
  title: 'Staging',
  kind: 'staging',
  order: 10,
  cluster: 'eu-1',
  namespace: 'web-staging',
  gitops: {
    repositoryId: gitopsRepository.id,
    branch: 'main',
    path: 'apps/web/staging',
  },
});
const production = environment({
  slug: 'prod',
  title: 'Production',
  kind: 'production',
  order: 20,
  approval: {
    requiredApprovals: 2,
    approvers: ['team:sre', 'user:default/bob'],
    allowSelfApproval: false,
    expiresAfter: 'PT12H',
  },
});
const dev = environment({});

function withEnvironments() {
  return fakeJuanieApi({
    // Deliberately out of order: the page sorts by `order`.
    listEnvironments: async () => ({ items: [production, dev, staging] }),
    listRepositories: async () => ({ items: [gitopsRepository] }),
  });
}

describe('ProjectPage environments', () => {
  it('draws the environments as a promotion path', async () => {
    renderJuanie(PROJECT, { api: withEnvironments() });

    const path = await screen.findByRole('list', { name: 'Promotion path' });
    const stops = within(path).getAllByRole('listitem');
    expect(stops.map(s => within(s).getByRole('heading').textContent)).toEqual([
      'Development',
      'Staging',
      'Production',
    ]);
    expect(stops[1]).toHaveTextContent('eu-1 / web-staging');
    expect(stops[1]).toHaveTextContent(
      'https://github.com/acme/web-gitops @ main: apps/web/staging',
    );
    expect(stops[0]).toHaveTextContent('No approval needed');
    expect(stops[2]).toHaveTextContent(
      '2 approvals from team:sre, user:default/bob; no self-approval; expires after 12 hours',
    );
    expect(stops[2]).toHaveTextContent('GitOps: not connected');
  });

  it('invites to add the first environment', async () => {
    renderJuanie(PROJECT, { api: fakeJuanieApi() });
    expect(await screen.findByText('No environments yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Add environment' }),
    ).toBeInTheDocument();
  });

  it('offers to add an environment only once the path has loaded, so the suggestion follows its last stop', async () => {
    let answer: (page: { items: Environment[] }) => void = () => {};
    const api = fakeJuanieApi({
      listEnvironments: () => new Promise(resolve => (answer = resolve)),
      listRepositories: async () => ({ items: [gitopsRepository] }),
    });
    renderJuanie(PROJECT, { api });

    await waitFor(() => expect(api.listEnvironments).toHaveBeenCalled());
    expect(
      screen.queryByRole('button', { name: 'Add environment' }),
    ).not.toBeInTheDocument();
    answer({ items: [dev, staging] });
    await user.click(
      await screen.findByRole('button', { name: 'Add environment' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Add environment' });
    expect(within(dialog).getByLabelText('Kind')).toHaveValue('production');
    expect(within(dialog).getByLabelText('Required approvals')).toHaveValue(1);
  });

  it('adds an environment after checking approval rule and GitOps target', async () => {
    const api = withEnvironments();
    renderJuanie(PROJECT, { api });

    await user.click(
      await screen.findByRole('button', { name: 'Add environment' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Add environment' });
    const field = (label: string) => within(dialog).getByLabelText(label);
    await fill(field('Slug'), 'canary');
    await fill(field('Title'), 'Canary');
    await fill(field('Expires after'), 'soon');
    await fill(field('Approvers'), 'bob');
    await user.selectOptions(field('Repository'), gitopsRepository.url);
    await fill(field('Branch'), 'bad branch');
    await fill(field('Path'), '../escape');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      within(dialog).getByText(/must be an ISO 8601 duration/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('must be a valid git branch name'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/must be a relative path/),
    ).toBeInTheDocument();
    // zod reports the last branch of juanie-common's approver union only.
    expect(
      within(dialog).getByText(/or team:<slug> of a team in the organisation/),
    ).toBeInTheDocument();
    expect(api.createEnvironment).not.toHaveBeenCalled();

    await fill(field('Expires after'), 'P1D');
    await fill(field('Approvers'), 'user:bob, team:sre');
    await fill(field('Branch'), 'main');
    await fill(field('Path'), 'apps/web/canary');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.createEnvironment).toHaveBeenCalledWith('acme', 'web-shop', {
        slug: 'canary',
        title: 'Canary',
        description: '',
        // Suggested from the last stop of the path.
        kind: 'production',
        order: 30,
        approval: {
          requiredApprovals: 1,
          approvers: ['user:default/bob', 'team:sre'],
          allowSelfApproval: false,
          expiresAfter: 'P1D',
        },
        gitops: {
          repositoryId: gitopsRepository.id,
          branch: 'main',
          path: 'apps/web/canary',
        },
      }),
    );
    // The longest form of the plugin: give it room on a busy CI machine.
  }, 60_000);

  it('edits an environment and shows the server refusing', async () => {
    const api = withEnvironments();
    api.updateEnvironment.mockRejectedValueOnce(
      await refusal(
        409,
        'ConflictError',
        'Approvers must be members of the project',
      ),
    );
    renderJuanie(PROJECT, { api });

    await user.click(
      await screen.findByRole('button', { name: 'Edit staging' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit Staging' });
    expect(within(dialog).getByLabelText('Slug')).toBeDisabled();
    expect(within(dialog).getByLabelText('Path')).toHaveValue(
      'apps/web/staging',
    );
    await user.clear(within(dialog).getByLabelText('Required approvals'));
    await user.type(within(dialog).getByLabelText('Required approvals'), '2');
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Allow self-approval' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Approvers must be members of the project',
    );
    expect(api.updateEnvironment).toHaveBeenCalledWith(
      'acme',
      'web-shop',
      'staging',
      {
        title: 'Staging',
        description: '',
        kind: 'staging',
        order: 10,
        cluster: 'eu-1',
        namespace: 'web-staging',
        approval: {
          requiredApprovals: 2,
          approvers: [],
          allowSelfApproval: true,
          expiresAfter: 'P3D',
        },
        gitops: staging.gitops,
      },
    );
  });
});
