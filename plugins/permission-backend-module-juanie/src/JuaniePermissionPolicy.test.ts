import { BackstageCredentials, UserInfoService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  juanieAuditReadAllPermission,
  juanieDeploymentApprovePermission,
  juanieDeploymentCreatePermission,
  juanieOrganizationAuditReadPermission,
  juanieOrganizationAuditVerifyPermission,
  juanieClusterReadPermission,
  juanieOrganizationCreatePermission,
  juanieOrganizationDeletePermission,
  juanieOrganizationManagePermission,
  juanieOrganizationReadPermission,
  juaniePermissions,
  juanieProjectCreatePermission,
  juanieProjectDeletePermission,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
} from '@juanie/plugin-juanie-common';
import { JuaniePermissionPolicy } from './JuaniePermissionPolicy';

/** The groups each test user belongs to, as the catalog would answer them. */
const GROUPS: Record<string, string[]> = {
  'user:default/alice': ['group:default/web-team'],
  'user:default/root': [],
  'user:default/pat': ['group:default/platform'],
};

const userInfo: UserInfoService = {
  async getUserInfo(credentials: BackstageCredentials) {
    const { userEntityRef } = credentials.principal as { userEntityRef: string };
    return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...(GROUPS[userEntityRef] ?? [])] };
  },
};

const userOf = (ref: string): PolicyQueryUser => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
});

const ALICE = userOf('user:default/alice');
const ALICE_CLAIMS = ['user:default/alice', 'group:default/web-team'];

function createPolicy() {
  const fallbackDecision: PolicyDecision = { result: AuthorizeResult.ALLOW };
  const fallback = { handle: jest.fn<ReturnType<PermissionPolicy['handle']>, Parameters<PermissionPolicy['handle']>>(async () => fallbackDecision) };
  const policy = new JuaniePermissionPolicy({
    userInfo,
    platformAdmins: ['user:default/root', 'group:default/platform'],
    fallback,
  });
  return { policy, fallback, fallbackDecision };
}

const decide = (permission: Permission, user?: PolicyQueryUser) =>
  createPolicy().policy.handle({ permission }, user);

/** The claims a conditional decision carries (the user ref, then their ownership refs). */
const claimsOf = (decision: PolicyDecision) =>
  (decision as unknown as { conditions: { params: { claims: string[] } } }).conditions.params.claims;

describe('JuaniePermissionPolicy', () => {
  it.each([
    [juanieOrganizationReadPermission, 'member'],
    [juanieOrganizationManagePermission, 'admin'],
    [juanieProjectCreatePermission, 'admin'],
    [juanieOrganizationAuditReadPermission, 'admin'],
    [juanieOrganizationAuditVerifyPermission, 'owner'],
    [juanieOrganizationDeletePermission, 'owner'],
  ].map(([permission, role]) => [(permission as Permission).name, role as string, permission as Permission] as const))(
    'makes %s conditional on the organisation role %s, with the caller’s claims',
    async (_name, minimumRole, permission) => {
      const decision = await decide(permission, ALICE);

      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'juanie',
        resourceType: 'juanie-organization',
        conditions: {
          rule: 'HAS_ORGANIZATION_ROLE',
          resourceType: 'juanie-organization',
          params: { claims: expect.any(Array), minimumRole },
        },
      });
      expect(new Set(claimsOf(decision))).toEqual(new Set(ALICE_CLAIMS));
    },
  );

  it.each([
    [juanieProjectReadPermission, 'viewer'],
    [juanieDeploymentCreatePermission, 'developer'],
    [juanieDeploymentApprovePermission, 'viewer'],
    [juanieProjectManagePermission, 'maintainer'],
    [juanieProjectDeletePermission, 'owner'],
  ].map(([permission, role]) => [(permission as Permission).name, role as string, permission as Permission] as const))(
    'makes %s conditional on the project role %s, with the caller’s claims',
    async (_name, minimumRole, permission) => {
      const decision = await decide(permission, ALICE);

      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'juanie',
        resourceType: 'juanie-project',
        conditions: {
          rule: 'HAS_PROJECT_ROLE',
          resourceType: 'juanie-project',
          params: { claims: expect.any(Array), minimumRole },
        },
      });
      expect(new Set(claimsOf(decision))).toEqual(new Set(ALICE_CLAIMS));
    },
  );

  it('lets any signed-in user create an organisation', async () => {
    expect(await decide(juanieOrganizationCreatePermission, ALICE)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets any signed-in user see the clusters', async () => {
    expect(await decide(juanieClusterReadPermission, ALICE)).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies the whole audit trail to everyone but platform admins', async () => {
    expect(await decide(juanieAuditReadAllPermission, ALICE)).toEqual({ result: AuthorizeResult.DENY });
  });

  it.each(juaniePermissions.map(permission => [permission.name, permission]))(
    'allows platform admins %s, by user ref or through a group',
    async (_name, permission) => {
      expect(await decide(permission, userOf('user:default/root'))).toEqual({ result: AuthorizeResult.ALLOW });
      expect(await decide(permission, userOf('user:default/pat'))).toEqual({ result: AuthorizeResult.ALLOW });
    },
  );

  it.each([
    ['an unknown basic permission', createPermission({ name: 'juanie.cluster.reboot', attributes: {} })],
    [
      'an unknown project permission',
      createPermission({ name: 'juanie.project.frobnicate', attributes: {}, resourceType: 'juanie-project' }),
    ],
    [
      'a Juanie permission on a foreign resource type',
      createPermission({ name: 'juanie.entity.read', attributes: {}, resourceType: 'catalog-entity' }),
    ],
  ])('denies %s', async (_what, permission) => {
    const { policy, fallback } = createPolicy();

    expect(await policy.handle({ permission }, ALICE)).toEqual({ result: AuthorizeResult.DENY });
    expect(fallback.handle).not.toHaveBeenCalled();
  });

  it('denies Juanie permissions to callers without a user', async () => {
    expect(await decide(juanieProjectReadPermission)).toEqual({ result: AuthorizeResult.DENY });
  });

  it('hands every other permission to the fallback policy, platform admins included', async () => {
    const { policy, fallback, fallbackDecision } = createPolicy();
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    const root = userOf('user:default/root');

    expect(await policy.handle({ permission: catalogRead }, ALICE)).toBe(fallbackDecision);
    expect(await policy.handle({ permission: catalogRead }, root)).toBe(fallbackDecision);
    expect(fallback.handle.mock.calls).toEqual([
      [{ permission: catalogRead }, ALICE],
      [{ permission: catalogRead }, root],
    ]);
  });
});
