import { mockServices } from '@backstage/backend-test-utils';
import { readIntegrationGrants } from './integrationGrants';

const grantsOf = (integrationGrants?: object[]) =>
  readIntegrationGrants(mockServices.rootConfig({ data: { juanie: { integrationGrants } } }));

describe('readIntegrationGrants', () => {
  const grants = grantsOf([
    { host: 'github.com', organizations: ['acme'] },
    { host: 'gitlab.example.com:8443', organizations: ['acme', 'globex'] },
    { host: 'git.internal', organizations: ['*'] },
  ]);

  it('gives a host only to the organisations granted it', () => {
    expect(grants.allows('github.com', 'acme')).toBe(true);
    expect(grants.allows('GitHub.com', 'acme')).toBe(true);
    expect(grants.allows('github.com', 'globex')).toBe(false);
    expect(grants.allows('gitlab.example.com:8443', 'globex')).toBe(true);
    expect(grants.allows('gitlab.example.com', 'globex')).toBe(false);
  });

  it("gives a host granted to '*' to every organisation, and none to a call for no organisation", () => {
    expect(grants.allows('git.internal', 'anyone')).toBe(true);
    expect(grants.allows('git.internal', undefined)).toBe(false);
  });

  it('gives no host without a grant to anyone', () => {
    expect(grants.allows('ghe.example.com', 'acme')).toBe(false);
    expect(grantsOf(undefined).allows('github.com', 'acme')).toBe(false);
  });
});
