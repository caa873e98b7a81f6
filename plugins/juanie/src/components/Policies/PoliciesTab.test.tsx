import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PolicyDecision } from '@juanie/plugin-juanie-common';
import {
  environment,
  fakeJuanieApi,
  policy,
} from '../../__testUtils__/fakeJuanieApi';
import { refusal } from '../../__testUtils__/refusal';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

const user = userEvent.setup({ delay: null });

const noLatest = policy();
const prodDigests = policy({
  id: '5b0e5b0e-0000-4000-8000-000000000002',
  scope: { org: 'acme', project: 'web-shop', environment: 'prod' },
  title: 'Production images are pinned by digest',
  description: '',
  type: 'requireDigest',
  enforcement: 'warn',
});
const ruleTypes = [
  {
    type: 'noLatestTag',
    title: 'No latest tag',
    description: 'Every image names a version.',
    builtIn: true,
  },
  {
    type: 'requireDigest',
    title: 'Require digest',
    description: 'Every image is pinned by an @sha256: digest.',
    builtIn: true,
  },
  {
    type: 'allowedRegistries',
    title: 'Allowed registries',
    description: 'Every image comes from an allowed repository.',
    builtIn: true,
  },
  {
    type: 'freezeWindow',
    title: 'Freeze window',
    description: 'No deployments inside the window.',
    builtIn: true,
  },
];
const refused: PolicyDecision = {
  auditEventId: '41',
  occurredAt: '2026-01-15T10:00:00.000Z',
  outcome: 'refused',
  action: 'deployment.request',
  actorRef: 'user:default/alice',
  org: 'acme',
  project: 'web-shop',
  environment: 'staging',
  deploymentId: null,
  violations: [
    {
      policyId: noLatest.id,
      policyTitle: noLatest.title,
      rule: 'noLatestTag',
      enforcement: 'enforce',
      file: 'deployment.yaml',
      path: 'spec.template.spec.containers[0].image',
      message:
        'Deployment/web: image ghcr.io/acme/web:latest uses the latest tag',
    },
  ],
};

function apiWithPolicies() {
  return fakeJuanieApi({
    listPolicies: async ({ project }) => ({
      items: project ? [prodDigests] : [noLatest, prodDigests],
    }),
    listPolicyRuleTypes: async () => ({ items: ruleTypes }),
    listEnvironments: async () => ({
      items: [
        environment({ slug: 'prod', title: 'Production', kind: 'production' }),
      ],
    }),
  });
}

const row = (title: string) =>
  screen.getByText(title).closest('tr') as HTMLElement;

describe('the Policies tab', () => {
  it("lists an organisation's policies with their rule, scope and enforcement", async () => {
    renderJuanie('/juanie/orgs/acme/policies', { api: apiWithPolicies() });

    expect(
      await screen.findByText('Images name a version'),
    ).toBeInTheDocument();
    expect(
      within(row('Images name a version')).getByText('No latest tag'),
    ).toBeInTheDocument();
    expect(
      within(row('Images name a version')).getByText('all of acme'),
    ).toBeInTheDocument();
    expect(
      within(row('Images name a version')).getByText('enforced'),
    ).toBeInTheDocument();
    const prod = row('Production images are pinned by digest');
    expect(within(prod).getByText('web-shop / prod')).toBeInTheDocument();
    expect(within(prod).getByText('warning')).toBeInTheDocument();
  });

  it('adds a policy after checking its settings with the shared schema', async () => {
    const api = apiWithPolicies();
    renderJuanie('/juanie/orgs/acme/policies', { api });

    await user.click(await screen.findByRole('button', { name: 'Add policy' }));
    const dialog = screen.getByRole('dialog', { name: 'Add policy' });
    await user.type(
      within(dialog).getByLabelText('Title'),
      'Our registry only',
    );
    await user.selectOptions(
      within(dialog).getByLabelText('Rule'),
      'allowedRegistries',
    );
    expect(
      within(dialog).getByText('Every image comes from an allowed repository.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/\* matches within one path segment/),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText('must list at least one pattern'),
    ).toBeInTheDocument();
    expect(api.createPolicy).not.toHaveBeenCalled();

    await user.type(
      within(dialog).getByLabelText('Allowed image patterns'),
      'ghcr.io/acme/*, nginx',
    );
    await user.selectOptions(
      within(dialog).getByLabelText('Enforcement'),
      'warn',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.createPolicy).toHaveBeenCalledWith({
        scope: { org: 'acme' },
        title: 'Our registry only',
        description: '',
        type: 'allowedRegistries',
        params: { patterns: ['ghcr.io/acme/*', 'nginx'] },
        enforcement: 'warn',
        enabled: true,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.listPolicies).toHaveBeenCalledTimes(2);
  });

  it('shows the fields of a freeze window and what the server refuses', async () => {
    const api = apiWithPolicies();
    api.createPolicy.mockRejectedValue(
      await refusal(409, 'ConflictError', 'A policy with this title exists'),
    );
    renderJuanie('/juanie/orgs/acme/policies', { api });

    await user.click(await screen.findByRole('button', { name: 'Add policy' }));
    const dialog = screen.getByRole('dialog', { name: 'Add policy' });
    await user.type(within(dialog).getByLabelText('Title'), 'Weekend freeze');
    await user.selectOptions(
      within(dialog).getByLabelText('Rule'),
      'freezeWindow',
    );
    await user.type(within(dialog).getByLabelText('From'), '18:00');
    await user.type(within(dialog).getByLabelText('To'), '08:00');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText('a weekly window needs days'),
    ).toBeInTheDocument();

    await user.click(within(dialog).getByLabelText('Days: sat'));
    await user.click(within(dialog).getByLabelText('Days: fri'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'A policy with this title exists',
    );
    expect(api.createPolicy).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'freezeWindow',
        params: {
          timeZone: 'UTC',
          days: ['fri', 'sat'],
          from: '18:00',
          to: '08:00',
        },
      }),
    );
  });

  it('edits and deletes a policy', async () => {
    const api = apiWithPolicies();
    renderJuanie('/juanie/orgs/acme/policies', { api });

    await user.click(
      await screen.findByRole('button', { name: 'Edit Images name a version' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Edit Images name a version',
    });
    expect(within(dialog).getByLabelText('Title')).toHaveValue(
      'Images name a version',
    );
    await user.selectOptions(
      within(dialog).getByLabelText('Enforcement'),
      'warn',
    );
    await user.click(within(dialog).getByLabelText('Enabled'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updatePolicy).toHaveBeenCalledWith(noLatest.id, {
        title: 'Images name a version',
        description: 'No latest or untagged images',
        type: 'noLatestTag',
        params: {},
        enforcement: 'warn',
        enabled: false,
      }),
    );

    await user.click(
      screen.getByRole('button', { name: 'Delete Images name a version' }),
    );
    const confirm = screen.getByRole('dialog', { name: 'Delete policy' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(api.deletePolicy).toHaveBeenCalledWith(noLatest.id),
    );
  });

  it('shows the deployments a policy refused, and those it let through with a warning', async () => {
    const warned: PolicyDecision = {
      ...refused,
      auditEventId: '42',
      outcome: 'warned',
      deploymentId: '7d4f1c2a-3b5e-4f60-8a71-9c0d1e2f3a4b',
    };
    const api = apiWithPolicies();
    api.listPolicyDecisions.mockResolvedValue({ items: [refused, warned] });
    renderJuanie('/juanie/orgs/acme/policies', { api });

    await user.click(
      await screen.findByRole('button', {
        name: 'Recent deployments of Images name a version',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Recent deployments of Images name a version',
    });
    expect(await within(dialog).findByText('refused')).toBeInTheDocument();
    expect(within(dialog).getByText('warned')).toBeInTheDocument();
    expect(within(dialog).getAllByText(/uses the latest tag/)).toHaveLength(2);
    expect(within(dialog).getByText('none (refused)')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('link', { name: 'deployment 7d4f1c2a' }),
    ).toHaveAttribute(
      'href',
      '/juanie/orgs/acme/projects/web-shop/deployments/7d4f1c2a-3b5e-4f60-8a71-9c0d1e2f3a4b',
    );
    expect(api.listPolicyDecisions).toHaveBeenCalledWith(noLatest.id, {
      project: undefined,
    });
  });

  it("shows a project's own policies, and what it inherits read-only", async () => {
    const api = apiWithPolicies();
    renderJuanie('/juanie/orgs/acme/projects/web-shop/policies', { api });

    const inherited = await screen.findByText('Images name a version');
    expect(
      within(inherited.closest('tr')!).getByText('inherited from acme'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit Images name a version' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Recent deployments of Images name a version',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Edit Production images are pinned by digest',
      }),
    ).toBeInTheDocument();
    expect(api.listPolicies).toHaveBeenCalledWith({
      org: 'acme',
      project: 'web-shop',
    });

    await user.click(
      screen.getByRole('button', {
        name: 'Recent deployments of Images name a version',
      }),
    );
    expect(api.listPolicyDecisions).toHaveBeenCalledWith(noLatest.id, {
      project: 'web-shop',
    });
  });

  it('adds a policy to one environment of a project', async () => {
    const api = apiWithPolicies();
    renderJuanie('/juanie/orgs/acme/projects/web-shop/policies', { api });

    await user.click(await screen.findByRole('button', { name: 'Add policy' }));
    const dialog = screen.getByRole('dialog', { name: 'Add policy' });
    await user.type(within(dialog).getByLabelText('Title'), 'Pinned in prod');
    await user.selectOptions(
      within(dialog).getByLabelText('Applies to'),
      'prod',
    );
    await user.selectOptions(
      within(dialog).getByLabelText('Rule'),
      'requireDigest',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.createPolicy).toHaveBeenCalledWith(
        expect.objectContaining({
          scope: { org: 'acme', project: 'web-shop', environment: 'prod' },
          type: 'requireDigest',
          params: {},
        }),
      ),
    );
  });
});
