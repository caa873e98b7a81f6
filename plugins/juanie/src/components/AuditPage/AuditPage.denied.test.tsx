import { screen } from '@testing-library/react';
import { fakeJuanieApi } from '../../__testUtils__/fakeJuanieApi';
import { renderJuanie } from '../../__testUtils__/renderJuanie';

// In its own file: usePermission caches decisions for the life of the module.
describe('AuditPage for an organisation auditor', () => {
  it('reads the organisation trail but offers no chain verification', async () => {
    const api = fakeJuanieApi();
    renderJuanie('/juanie/audit?org=acme', {
      api,
      allow: name => name !== 'juanie.audit.read-all',
    });
    expect(await screen.findByText('No audit events')).toBeInTheDocument();
    expect(api.listAuditEvents).toHaveBeenCalledWith(
      { org: 'acme' },
      { cursor: undefined, limit: 100 },
    );
    expect(
      screen.queryByRole('button', { name: 'Verify chain' }),
    ).not.toBeInTheDocument();
  });
});
