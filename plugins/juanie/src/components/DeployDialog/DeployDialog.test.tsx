import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  DeploymentPreview,
  PolicyViolation,
} from '@juanie/plugin-juanie-common';
import type { JuanieApi } from '../../api/JuanieApi';
import {
  deploymentDetail,
  environment,
  fakeJuanieApi,
  gitopsRepository,
  imageTagPreview,
} from '../../__testUtils__/fakeJuanieApi';
import { refusal } from '../../__testUtils__/refusal';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

const user = userEvent.setup({ delay: null });

const PROJECT = '/juanie/orgs/acme/projects/web-shop';

const staging = environment({
  slug: 'staging',
  title: 'Staging',
  kind: 'staging',
  order: 10,
  gitops: {
    repositoryId: gitopsRepository.id,
    branch: 'main',
    path: 'apps/web/staging',
  },
});

const noLatest: PolicyViolation = {
  policyId: 'p1',
  policyTitle: 'No latest tag',
  rule: 'noLatestTag',
  enforcement: 'enforce',
  file: 'deployment.yaml',
  path: 'spec.template.spec.containers[0].image',
  message: 'ghcr.io/acme/web:latest names no version',
};

const digestWanted: PolicyViolation = {
  ...noLatest,
  policyId: 'p2',
  policyTitle: 'Pin images by digest',
  rule: 'requireDigest',
  enforcement: 'warn',
  message: 'ghcr.io/acme/web is not pinned by digest',
};

function withStaging(overrides: Partial<JuanieApi> = {}) {
  return fakeJuanieApi({
    // The development environment has no GitOps target: nothing to deploy to.
    listEnvironments: async () => ({ items: [environment({}), staging] }),
    listRepositories: async () => ({ items: [gitopsRepository] }),
    ...overrides,
  });
}

async function openDeployDialog() {
  const card = await screen.findByTestId('environment-staging');
  await user.click(within(card).getByRole('button', { name: 'Deploy' }));
  return screen.getByRole('dialog', { name: 'Deploy to Staging' });
}

describe('DeployDialog', () => {
  it('is offered only for environments with a GitOps target', async () => {
    renderJuanie(PROJECT, { api: withStaging() });

    const staged = await screen.findByTestId('environment-staging');
    expect(
      within(staged).getByRole('button', { name: 'Deploy' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('environment-dev')).queryByRole('button', {
        name: 'Deploy',
      }),
    ).not.toBeInTheDocument();
  });

  it('previews the change once typing stops: side-by-side diff and the new YAML', async () => {
    const api = withStaging();
    renderJuanie(PROJECT, { api });
    const dialog = await openDeployDialog();
    expect(
      within(dialog).getByText(/Change the image, replicas/),
    ).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Image tag'), '1.4.2');

    const diff = await within(dialog).findByRole(
      'table',
      { name: 'Changes to apps/web/staging/deployment.yaml' },
      { timeout: 10_000 },
    );
    const changed = within(diff)
      .getAllByRole('row')
      .find(row => row.textContent?.includes('1.4.1'));
    expect(changed).toHaveTextContent(
      /image: ghcr\.io\/acme\/web:1\.4\.1.*image: ghcr\.io\/acme\/web:1\.4\.2/,
    );
    // One preview for the whole word, not one per keystroke.
    expect(api.previewDeployment).toHaveBeenCalledTimes(1);
    expect(api.previewDeployment).toHaveBeenCalledWith(
      'acme',
      'web-shop',
      'staging',
      { changes: { image: { tag: '1.4.2' } } },
    );

    await user.click(within(dialog).getByRole('tab', { name: 'YAML' }));
    // The tab panel renders, and the code snippet highlights, asynchronously: on a busy
    // machine that takes longer than findBy's default second.
    const yaml = await within(dialog).findByRole(
      'region',
      { name: 'New deployment.yaml' },
      { timeout: 10_000 },
    );
    await waitFor(
      () => expect(yaml).toHaveTextContent('image: ghcr.io/acme/web:1.4.2'),
      { timeout: 10_000 },
    );
  });

  it('requests the deployment on the previewed revision and opens its page', async () => {
    const created = deploymentDetail({
      id: 'c0ffee00-0000-4000-8000-000000000001',
    });
    const api = withStaging({ requestDeployment: async () => created });
    renderJuanie(PROJECT, { api });
    const dialog = await openDeployDialog();

    await user.type(within(dialog).getByLabelText('Image tag'), '1.4.2');
    await user.type(within(dialog).getByLabelText('Replicas'), '3');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add variable' }),
    );
    const variable = within(dialog).getByRole('group', { name: 'Variable 1' });
    await user.type(
      within(variable).getByLabelText('Variable name'),
      'LOG_LEVEL',
    );
    await user.type(within(variable).getByLabelText('Variable value'), 'debug');
    await user.type(within(dialog).getByLabelText('CPU limit'), '500m');
    await user.type(
      within(dialog).getByLabelText('Commit message'),
      'Ship anvils 1.4.2',
    );
    await waitFor(() =>
      expect(api.previewDeployment).toHaveBeenLastCalledWith(
        'acme',
        'web-shop',
        'staging',
        expect.objectContaining({
          changes: expect.objectContaining({ resources: expect.anything() }),
        }),
      ),
    );
    await within(dialog).findByRole('table', {
      name: /^Changes to /,
    });
    await user.click(
      within(dialog).getByRole('button', { name: 'Request deployment' }),
    );

    await waitFor(() =>
      expect(api.requestDeployment).toHaveBeenCalledWith(
        'acme',
        'web-shop',
        'staging',
        {
          changes: {
            image: { tag: '1.4.2' },
            replicas: 3,
            env: { set: { LOG_LEVEL: 'debug' } },
            resources: { limits: { cpu: '500m' } },
          },
          message: 'Ship anvils 1.4.2',
          baseRevision: imageTagPreview.baseRevision,
        },
      ),
    );
    expect(
      await screen.findByRole('heading', { name: 'Deployment to staging' }),
    ).toBeInTheDocument();
    expect(api.getDeployment).toHaveBeenCalledWith(created.id);
  });

  it('shows policy violations inline; an enforced one blocks the request, a warning does not', async () => {
    const previewOf = (tag: string | undefined): DeploymentPreview =>
      tag === 'latest'
        ? {
            ...imageTagPreview,
            violations: [digestWanted, noLatest],
            enforced: true,
          }
        : { ...imageTagPreview, violations: [digestWanted] };
    const api = withStaging({
      previewDeployment: async (_org, _project, _env, request) =>
        previewOf(request.changes.image?.tag),
    });
    renderJuanie(PROJECT, { api });
    const dialog = await openDeployDialog();

    await user.type(within(dialog).getByLabelText('Image tag'), 'latest');
    const violations = await within(dialog).findByRole('region', {
      name: 'Policy violations',
    });
    const alerts = within(violations).getAllByRole('alert');
    expect(alerts.map(a => a.textContent)).toEqual([
      expect.stringContaining('No latest tag (enforced)'),
      expect.stringContaining('Pin images by digest (warning)'),
    ]);
    expect(alerts[0]).toHaveTextContent(
      'ghcr.io/acme/web:latest names no version',
    );
    const submit = within(dialog).getByRole('button', {
      name: 'Request deployment',
    });
    expect(submit).toBeDisabled();

    await user.clear(within(dialog).getByLabelText('Image tag'));
    await user.type(within(dialog).getByLabelText('Image tag'), '1.4.2');
    await waitFor(() => expect(submit).toBeEnabled());
    expect(within(dialog).queryByText(/No latest tag/)).not.toBeInTheDocument();
    expect(
      within(dialog).getByText('Pin images by digest (warning)'),
    ).toBeInTheDocument();
    await user.click(submit);
    await waitFor(() => expect(api.requestDeployment).toHaveBeenCalled());
  });

  it('blocks a change that would break the manifests', async () => {
    const api = withStaging({
      previewDeployment: async () => ({
        ...imageTagPreview,
        validation: {
          valid: false,
          errors: [
            {
              file: 'deployment.yaml',
              line: 9,
              column: 11,
              message: 'replicas must be an integer',
            },
          ],
        },
      }),
    });
    renderJuanie(PROJECT, { api });
    const dialog = await openDeployDialog();

    await user.type(within(dialog).getByLabelText('Replicas'), '2');

    expect(
      await within(dialog).findByText(
        'deployment.yaml:9:11: replicas must be an integer',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Request deployment' }),
    ).toBeDisabled();
  });

  it('shows how the back end wrote the change, and still lets it be requested', async () => {
    const note =
      'Deployment/web is scaled by HorizontalPodAutoscaler/web (2 to 10 replicas) in hpa.yaml: the autoscaler sets spec.replicas, so this change lasts only until it next scales';
    const api = withStaging({
      previewDeployment: async () => ({ ...imageTagPreview, notes: [note] }),
    });
    renderJuanie(PROJECT, { api });
    const dialog = await openDeployDialog();

    await user.type(within(dialog).getByLabelText('Replicas'), '3');

    const notes = await within(dialog).findByLabelText('Notes on the change');
    expect(within(notes).getByText(note)).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Request deployment' }),
    ).toBeEnabled();
  });

  it('checks the fields with the shared schema before sending', async () => {
    const api = withStaging();
    renderJuanie(PROJECT, { api });
    const dialog = await openDeployDialog();

    await user.type(within(dialog).getByLabelText('Image tag'), 'no spaces');
    await user.type(within(dialog).getByLabelText('Memory request'), 'lots');
    expect(
      within(dialog).getByText(/^Fix the form to see a preview: image\.tag/),
    ).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'Request deployment' }),
    );

    expect(
      within(dialog).getByLabelText('Image tag'),
    ).toHaveAccessibleDescription(/must be an image tag/);
    expect(
      within(dialog).getByLabelText('Memory request'),
    ).toHaveAccessibleDescription(/must be a Kubernetes quantity/);
    expect(api.requestDeployment).not.toHaveBeenCalled();
  });

  it('shows the violations of a refusal by the server and stays open', async () => {
    const api = withStaging({
      requestDeployment: async () =>
        Promise.reject(
          await refusal(
            422,
            'PolicyViolationError',
            'Refused by policy: No latest tag',
            { violations: [noLatest] },
          ),
        ),
    });
    renderJuanie(PROJECT, { api });
    const dialog = await openDeployDialog();

    await user.type(within(dialog).getByLabelText('Image tag'), '1.4.2');
    await within(dialog).findByRole('table', { name: /^Changes to / });
    await user.click(
      within(dialog).getByRole('button', { name: 'Request deployment' }),
    );

    const refused = await within(dialog).findByRole('region', {
      name: 'Refused by policy',
    });
    expect(refused).toHaveTextContent('No latest tag (enforced)');
    expect(refused).toHaveTextContent(
      'ghcr.io/acme/web:latest names no version',
    );
    expect(
      within(dialog).getByText('Refused by policy: No latest tag'),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Deploy to Staging' })).toBe(
      dialog,
    );
  });
});
