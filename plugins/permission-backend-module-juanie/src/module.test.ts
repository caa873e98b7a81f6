import { ConfigReader } from '@backstage/config';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { otherPermissionsPolicy } from './module';

const catalogRead = createPermission({ name: 'catalog.entity.read', attributes: { action: 'read' } });
const decide = (otherPermissions?: string) =>
  otherPermissionsPolicy(new ConfigReader({ juanie: { permissionPolicy: { otherPermissions } } })).handle({
    permission: catalogRead,
  });

describe("the decision for other plugins' permissions", () => {
  it('is the configured one', async () => {
    await expect(decide('allow')).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(decide('deny')).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('must be chosen: without it (or with anything else) the module does not start', () => {
    expect(() => otherPermissionsPolicy(new ConfigReader({}))).toThrow(/Set juanie\.permissionPolicy\.otherPermissions to 'allow' or 'deny'/);
    expect(() => decide('maybe')).toThrow(/'allow' or 'deny'/);
  });
});
