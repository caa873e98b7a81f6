import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuditEvent } from '@juanie/plugin-juanie-common';
import { fakeJuanieApi } from '../../__testUtils__/fakeJuanieApi';
import { refusal } from '../../__testUtils__/refusal';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

const user = userEvent.setup({ delay: null });

function auditEvent(
  n: number,
  overrides: Partial<AuditEvent> = {},
): AuditEvent {
  return {
    id: `e${n}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    actorRef: 'user:default/alice',
    action: 'project.create',
    resourceType: 'project',
    resourceId: `acme/p${n}`,
    org: 'acme',
    project: `p${n}`,
    outcome: 'success',
    message: `Created project p${n}`,
    before: null,
    after: { slug: `p${n}` },
    requestId: null,
    ip: null,
    userAgent: null,
    hash: `h${n}`,
    ...overrides,
  };
}

describe('AuditPage', () => {
  it('loads the trail a page at a time', async () => {
    const api = fakeJuanieApi({
      listAuditEvents: async (_query, page) =>
        page?.cursor === 'next'
          ? { items: [auditEvent(1)] }
          : { items: [auditEvent(3), auditEvent(2)], nextCursor: 'next' },
    });
    renderJuanie('/juanie/audit', { api });

    expect(await screen.findByText('Created project p3')).toBeInTheDocument();
    expect(screen.getByText('2+ events')).toBeInTheDocument();
    expect(screen.queryByText('Created project p1')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Created project p1')).toBeInTheDocument();
    expect(screen.getByText('3 events')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    expect(api.listAuditEvents).toHaveBeenLastCalledWith(
      {},
      { cursor: 'next', limit: 100 },
    );
  });

  it('applies filters and free-text search, checked with the shared schema', async () => {
    const api = fakeJuanieApi();
    renderJuanie('/juanie/audit', { api });
    expect(await screen.findByText('No audit events')).toBeInTheDocument();

    const filters = screen.getByRole('form', { name: 'Audit filters' });
    await user.click(within(filters).getByLabelText('Search'));
    await user.paste('x'.repeat(201));
    await user.click(
      within(filters).getByRole('button', { name: 'Apply filters' }),
    );
    expect(within(filters).getByText(/<=200 characters/)).toBeInTheDocument();

    await user.clear(within(filters).getByLabelText('Search'));
    await user.type(within(filters).getByLabelText('Search'), 'web-shop');
    await user.type(
      within(filters).getByLabelText('Actor'),
      'user:default/bob',
    );
    await user.selectOptions(
      within(filters).getByLabelText('Outcome'),
      'denied',
    );
    await user.click(
      within(filters).getByRole('button', { name: 'Apply filters' }),
    );

    await waitFor(() =>
      expect(api.listAuditEvents).toHaveBeenLastCalledWith(
        { q: 'web-shop', actor: 'user:default/bob', outcome: 'denied' },
        { cursor: undefined, limit: 100 },
      ),
    );
  });

  it('starts scoped to the organisation named in the address', async () => {
    const api = fakeJuanieApi();
    renderJuanie('/juanie/audit?org=acme&project=web-shop', { api });

    expect(await screen.findByLabelText('Organisation')).toHaveValue('acme');
    expect(screen.getByLabelText('Project')).toHaveValue('web-shop');
    expect(api.listAuditEvents).toHaveBeenCalledWith(
      { org: 'acme', project: 'web-shop' },
      { cursor: undefined, limit: 100 },
    );
  });

  it("shows the server's message when the trail cannot be read", async () => {
    const error = await refusal(
      403,
      'NotAllowedError',
      'You may not read the audit trail',
    );
    renderJuanie('/juanie/audit', {
      api: fakeJuanieApi({ listAuditEvents: () => Promise.reject(error) }),
    });
    expect(
      await screen.findByText(/You may not read the audit trail/),
    ).toBeInTheDocument();
  });

  it('exports the filtered events as a file download', async () => {
    const createObjectURL = jest.fn(() => 'blob:audit');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const api = fakeJuanieApi();
    renderJuanie('/juanie/audit', { api });

    await user.selectOptions(
      await screen.findByLabelText('Organisation'),
      'acme',
    );
    await user.click(screen.getByRole('button', { name: 'Export NDJSON' }));

    await waitFor(() => expect(clicked).toHaveBeenCalled());
    expect(api.exportAuditEvents).toHaveBeenCalledWith('ndjson', {
      org: 'acme',
    });
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    const link = clicked.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(link.download).toBe('audit.ndjson');
    clicked.mockRestore();
  });

  it('shows when the chain was last verified and whether it held, and verifies it now', async () => {
    const api = fakeJuanieApi({
      getAuditChainState: async org => ({
        lastVerification: {
          verifiedAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
          verifiedBy: 'scheduler',
          held: true,
          checked: org ? 42 : 3,
        },
      }),
      verifyAuditChain: jest.fn().mockResolvedValue({
        verifiedAt: new Date().toISOString(),
        verifiedBy: 'user:default/admin',
        held: false,
        checked: 7,
        firstBroken: {
          id: 'e8',
          message: 'Event e8 does not match its hash',
        },
      }),
    });
    renderJuanie('/juanie/audit', { api });

    // The whole trail: the platform's chain.
    expect(
      await screen.findByText('Chain held: 3 events checked'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Hash chain of platform events (no organisation)'),
    ).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Organisation'), 'acme');
    expect(
      await screen.findByText('Chain held: 42 events checked'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Last verified 2 hours ago .* by the scheduled verification/),
    ).toBeInTheDocument();
    expect(api.getAuditChainState).toHaveBeenLastCalledWith('acme');

    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    expect(
      await screen.findByText(
        'Chain broken at event e8: Event e8 does not match its hash (7 events checked before it)',
      ),
    ).toBeInTheDocument();
    expect(api.verifyAuditChain).toHaveBeenCalledWith('acme');
    expect(
      screen.getByText(/Last verified just now .* by user:default\/admin/),
    ).toBeInTheDocument();
  });

  it('says when a chain was never verified', async () => {
    renderJuanie('/juanie/audit', { api: fakeJuanieApi() });
    expect(await screen.findByText('Not verified yet')).toBeInTheDocument();
  });
});
