import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuditScope } from '@juanie/plugin-juanie-common';
import { fakeJuanieApi } from '../../__testUtils__/fakeJuanieApi';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

const user = userEvent.setup({ delay: null });

/** The owner of two organisations, with no platform permission. */
const ORGANIZATION_AUDITOR: AuditScope = {
  readAll: false,
  organizations: [
    // An owner of acme, an admin of beta: they verify acme's chain only.
    { slug: 'acme', title: 'ACME', mayVerify: true },
    { slug: 'beta', title: 'Beta', mayVerify: false },
  ],
};

const PAGE = { cursor: undefined, limit: 100 };

// The permission policy denies everything: what the page shows comes from the scope alone.
const render = (path: string, scope: AuditScope) => {
  const api = fakeJuanieApi({ getAuditScope: async () => scope });
  renderJuanie(path, { api, allow: false });
  return api;
};

describe('AuditPage for users who may read some trails or none', () => {
  it("opens an organisation owner's first organisation, without a permission error", async () => {
    const api = render('/juanie/audit', ORGANIZATION_AUDITOR);

    expect(await screen.findByText('No audit events')).toBeInTheDocument();
    expect(screen.getByLabelText('Organisation')).toHaveValue('acme');
    expect(api.listAuditEvents).toHaveBeenCalledWith({ org: 'acme' }, PAGE);
    expect(api.listAuditEvents).not.toHaveBeenCalledWith({}, PAGE);
    expect(screen.queryByText(/permission/i)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('option', { name: 'All organisations' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Verify now' }),
    ).toBeInTheDocument();
    expect(api.getAuditChainState).toHaveBeenCalledWith('acme');
  });

  it('reads another organisation chosen in the selector, with its chain state but no verification for a non-owner', async () => {
    const api = render('/juanie/audit', ORGANIZATION_AUDITOR);

    await user.selectOptions(
      await screen.findByLabelText('Organisation'),
      'beta',
    );

    await waitFor(() =>
      expect(api.listAuditEvents).toHaveBeenLastCalledWith(
        { org: 'beta' },
        PAGE,
      ),
    );
    expect(api.getAuditChainState).toHaveBeenLastCalledWith('beta');
    expect(await screen.findByText('Not verified yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Verify now' }),
    ).not.toBeInTheDocument();
  });

  it('starts at the organisation of the address, with its project', async () => {
    const api = render('/juanie/audit?org=beta&project=web', ORGANIZATION_AUDITOR);

    expect(await screen.findByLabelText('Organisation')).toHaveValue('beta');
    expect(screen.getByLabelText('Project')).toHaveValue('web');
    expect(api.listAuditEvents).toHaveBeenCalledWith(
      { org: 'beta', project: 'web' },
      PAGE,
    );
  });

  it('says so when the address names an organisation the user may not read', async () => {
    const api = render('/juanie/audit?org=globex', ORGANIZATION_AUDITOR);

    expect(
      await screen.findByText(/You cannot read the audit trail of globex/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Organisation')).toHaveValue('acme');
    expect(api.listAuditEvents).not.toHaveBeenCalledWith(
      expect.objectContaining({ org: 'globex' }),
      expect.anything(),
    );
  });

  it('greets a user who may read no trail with an empty state, and asks for no events', async () => {
    const api = render('/juanie/audit', { readAll: false, organizations: [] });

    expect(
      await screen.findByText('No audit trail to show you'),
    ).toBeInTheDocument();
    expect(api.listAuditEvents).not.toHaveBeenCalled();
    expect(screen.queryByText(/permission/i)).not.toBeInTheDocument();
  });

  it("offers a platform admin the whole trail first, every organisation, and the platform chain's verification", async () => {
    const api = render('/juanie/audit', { ...ORGANIZATION_AUDITOR, readAll: true });

    expect(await screen.findByLabelText('Organisation')).toHaveValue('');
    expect(
      screen.getByRole('option', { name: 'All organisations' }),
    ).toBeInTheDocument();
    expect(api.listAuditEvents).toHaveBeenCalledWith({}, PAGE);
    expect(
      screen.getByRole('button', { name: 'Verify now' }),
    ).toBeInTheDocument();
    expect(api.getAuditChainState).toHaveBeenCalledWith(undefined);
  });
});
