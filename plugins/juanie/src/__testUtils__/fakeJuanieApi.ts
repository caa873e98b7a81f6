import type {
  ClusterStatus,
  Deployment,
  DeploymentDetail,
  DeploymentPreview,
  Environment,
  EnvironmentGitOpsStatus,
  FluxObjectStatus,
  Organization,
  Policy,
  Project,
  Repository,
} from '@juanie/plugin-juanie-common';
import type { JuanieApi } from '../api/JuanieApi';

const NOW = '2026-01-15T10:00:00.000Z';
const emptyPage = async () => ({ items: [] });

/** An organisation as the API answers it. */
export const acme: Organization = {
  slug: 'acme',
  title: 'Acme',
  description: 'Rockets and anvils',
  quota: { maxProjects: 10, maxEnvironmentsPerProject: 5, maxMembers: null },
  createdAt: NOW,
  updatedAt: NOW,
  myRole: 'owner',
};

/** A project of {@link acme}. */
export const webShop: Project = {
  org: 'acme',
  slug: 'web-shop',
  title: 'Web shop',
  description: 'Sells anvils',
  archivedAt: null,
  createdAt: NOW,
  updatedAt: NOW,
  myRole: 'maintainer',
};

/** The GitOps repository of {@link webShop}. */
export const gitopsRepository: Repository = {
  id: '3f1c8a52-5a4e-4c7b-9d59-2b1f6f0b6a11',
  org: 'acme',
  project: 'web-shop',
  provider: 'github',
  purpose: 'gitops',
  url: 'https://github.com/acme/web-gitops',
  defaultBranch: 'main',
  headCommit: '0123456789abcdef',
  syncedAt: NOW,
  status: 'synced',
  statusReason: null,
  statusMessage: null,
  statusChangedAt: NOW,
  createdAt: NOW,
};

/** An environment of {@link webShop}; override what the test cares about. */
export function environment(overrides: Partial<Environment>): Environment {
  return {
    org: 'acme',
    project: 'web-shop',
    slug: 'dev',
    title: 'Development',
    description: '',
    kind: 'development',
    order: 0,
    cluster: null,
    namespace: null,
    approval: {
      requiredApprovals: 0,
      approvers: [],
      allowSelfApproval: false,
      expiresAfter: 'P3D',
    },
    gitops: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

/** A deployment of {@link webShop} to staging, waiting for one approval. */
export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: '7d4f1c2a-3b5e-4f60-8a71-9c0d1e2f3a4b',
    org: 'acme',
    project: 'web-shop',
    environment: 'staging',
    method: 'juanie',
    status: 'pending_approval',
    statusReason: null,
    statusMessage: null,
    statusChangedAt: NOW,
    requestedBy: 'user:default/alice',
    workload: null,
    changes: { image: { tag: '1.4.2' } },
    rollbackOf: null,
    message: 'Ship anvils 1.4.2',
    baseRevision: '0123456789abcdef0123456789abcdef01234567',
    commitSha: null,
    commitUrl: null,
    expiresAt: '2026-01-18T10:00:00.000Z',
    approvalRule: {
      requiredApprovals: 1,
      approvers: ['team:sre'],
      allowSelfApproval: false,
      expiresAfter: 'P3D',
    },
    approvalsReceived: 0,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

/** {@link deployment} as `GET /deployments/{id}` answers it. */
export function deploymentDetail(
  overrides: Partial<DeploymentDetail> = {},
): DeploymentDetail {
  return {
    ...deployment(),
    approvals: [],
    timeline: [
      {
        id: 1,
        occurredAt: NOW,
        type: 'requested',
        actorRef: 'user:default/alice',
        status: 'pending_approval',
        message: 'Ship anvils 1.4.2',
      },
    ],
    conflicts: [],
    allowedActions: { vote: false, cancel: false, rollback: false },
    ...overrides,
  };
}

/** An enforced noLatestTag policy of {@link acme}; override what the test cares about. */
export function policy(overrides: Partial<Policy> = {}): Policy {
  return {
    id: '5b0e5b0e-0000-4000-8000-000000000001',
    scope: { org: 'acme' },
    title: 'Images name a version',
    description: 'No latest or untagged images',
    type: 'noLatestTag',
    params: {},
    enforcement: 'enforce',
    enabled: true,
    createdBy: 'user:default/carol',
    createdAt: NOW,
    updatedBy: 'user:default/carol',
    updatedAt: NOW,
    ...overrides,
  };
}

const APPLIED_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

/** A Flux object that applied {@link APPLIED_SHA} and is ready. */
export function fluxObject(
  overrides: Partial<FluxObjectStatus> = {},
): FluxObjectStatus {
  return {
    cluster: 'kind-dev',
    kind: 'Kustomization',
    namespace: 'flux-system',
    name: 'web-shop-staging',
    state: 'Ready',
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: `Applied revision: main@sha1:${APPLIED_SHA}`,
        lastTransitionTime: NOW,
      },
    ],
    suspended: false,
    lastAppliedRevision: `main@sha1:${APPLIED_SHA}`,
    lastAttemptedRevision: `main@sha1:${APPLIED_SHA}`,
    lastAppliedCommit: APPLIED_SHA,
    lastAppliedCommitUrl: `https://github.com/acme/web-gitops/commit/${APPLIED_SHA}`,
    lastAppliedAt: NOW,
    current: true,
    message: `Applied revision: main@sha1:${APPLIED_SHA}`,
    observedAt: NOW,
    ...overrides,
  };
}

/** Staging of {@link webShop} as Flux reconciles it: a ready Kustomization and GitRepository. */
export function environmentGitOps(
  overrides: Partial<EnvironmentGitOpsStatus> = {},
): EnvironmentGitOpsStatus {
  return {
    environment: 'staging',
    cluster: 'kind-dev',
    repositoryId: gitopsRepository.id,
    branch: 'main',
    path: 'apps/web/staging',
    workload: fluxObject(),
    source: fluxObject({
      kind: 'GitRepository',
      name: 'web-gitops',
      message: `stored artifact for revision 'main@sha1:${APPLIED_SHA}'`,
    }),
    canOperate: true,
    ...overrides,
  };
}

/** A reachable cluster with a healthy Flux. */
export function cluster(overrides: Partial<ClusterStatus> = {}): ClusterStatus {
  return {
    name: 'kind-dev',
    simulated: false,
    reachable: true,
    error: null,
    checkedAt: NOW,
    flux: {
      controllers: [
        { name: 'source-controller', ready: true, message: null },
        { name: 'kustomize-controller', ready: true, message: null },
      ],
      crds: [
        {
          name: 'kustomizations.kustomize.toolkit.fluxcd.io',
          versions: ['v1'],
        },
        {
          name: 'gitrepositories.source.toolkit.fluxcd.io',
          versions: ['v1', 'v1beta2'],
        },
      ],
      healthy: true,
    },
    objects: { Kustomization: 3, GitRepository: 1 },
    ...overrides,
  };
}

const DEPLOYMENT_YAML_BEFORE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: ghcr.io/acme/web:1.4.1',
  '',
].join('\n');

/** What the back end previews for an image tag change to 1.4.2 on staging. */
export const imageTagPreview: DeploymentPreview = {
  baseRevision: '0123456789abcdef0123456789abcdef01234567',
  files: {
    'deployment.yaml': DEPLOYMENT_YAML_BEFORE.replace('1.4.1', '1.4.2'),
  },
  filesBefore: { 'deployment.yaml': DEPLOYMENT_YAML_BEFORE },
  changes: [
    {
      file: 'deployment.yaml',
      document: 'Deployment/web',
      path: 'spec.template.spec.containers[0].image',
      old: 'ghcr.io/acme/web:1.4.1',
      new: 'ghcr.io/acme/web:1.4.2',
    },
  ],
  diff: [
    '--- a/apps/web/staging/deployment.yaml',
    '+++ b/apps/web/staging/deployment.yaml',
    '@@ -8,3 +8,3 @@',
    '       containers:',
    '         - name: web',
    '-          image: ghcr.io/acme/web:1.4.1',
    '+          image: ghcr.io/acme/web:1.4.2',
    '',
  ].join('\n'),
  validation: { valid: true, errors: [] },
  notes: [],
  violations: [],
  enforced: false,
};

/**
 * A JuanieApi whose every method is a jest mock: lists are empty, reads answer
 * the fixtures above, writes echo what they were given.
 */
export function fakeJuanieApi(
  overrides: Partial<JuanieApi> = {},
): jest.Mocked<JuanieApi> {
  const api: JuanieApi = {
    getHealth: async () => ({
      status: 'ok',
      version: '0.1.0',
      database: 'sqlite',
    }),
    getMe: async () => ({
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: ['user:default/alice'],
      isPlatformAdmin: false,
    }),
    getMyAttention: async () => ({ items: [] }),
    listOrganizations: emptyPage,
    createOrganization: async r => ({ ...acme, slug: r.slug, title: r.title }),
    getOrganization: async () => acme,
    updateOrganization: async () => acme,
    deleteOrganization: async () => {},
    getOrganizationQuota: async () => ({
      limits: acme.quota,
      usage: { projects: 0, members: 0, maxEnvironmentsInAProject: 0 },
    }),
    listOrgMembers: emptyPage,
    addOrgMember: async (_org, r) => ({ ...r, createdAt: NOW }),
    updateOrgMember: async (_o, userRef, r) => ({
      userRef,
      ...r,
      createdAt: NOW,
    }),
    removeOrgMember: async () => {},
    listTeams: emptyPage,
    createTeam: async (org, r) => ({
      org,
      description: '',
      ...r,
      memberCount: 0,
      createdAt: NOW,
      updatedAt: NOW,
    }),
    getTeam: async (org, slug) => ({
      org,
      slug,
      title: 'Platform',
      description: 'Runs the platform',
      memberCount: 0,
      createdAt: NOW,
      updatedAt: NOW,
    }),
    updateTeam: jest.fn(),
    deleteTeam: async () => {},
    listTeamMembers: emptyPage,
    addTeamMember: async (_o, _t, r) => ({ ...r, createdAt: NOW }),
    updateTeamMember: async (_o, _t, userRef, r) => ({
      userRef,
      ...r,
      createdAt: NOW,
    }),
    removeTeamMember: async () => {},
    listAllProjects: emptyPage,
    listProjects: emptyPage,
    createProject: async (_org, r) => ({ ...webShop, ...r }),
    getProject: async () => webShop,
    updateProject: async () => webShop,
    deleteProject: async () => {},
    listProjectMembers: emptyPage,
    addProjectMember: async (_o, _p, r) => ({ ...r, createdAt: NOW }),
    updateProjectMember: async (_o, _p, userRef, r) => ({
      userRef,
      ...r,
      createdAt: NOW,
    }),
    removeProjectMember: async () => {},
    listProjectTeams: emptyPage,
    addProjectTeam: async (_o, _p, r) => ({
      ...r,
      title: r.team,
      createdAt: NOW,
    }),
    updateProjectTeam: jest.fn(),
    removeProjectTeam: async () => {},
    listEnvironments: emptyPage,
    createEnvironment: async () => environment({}),
    getEnvironment: async () => environment({}),
    updateEnvironment: async () => environment({}),
    deleteEnvironment: async () => {},
    listRepositories: emptyPage,
    connectRepository: async () => gitopsRepository,
    getRepository: async () => gitopsRepository,
    disconnectRepository: async () => {},
    syncRepository: async () => gitopsRepository,
    getAuditScope: async () => ({
      readAll: true,
      organizations: [{ slug: 'acme', title: 'ACME', mayVerify: true }],
    }),
    listAuditEvents: emptyPage,
    exportAuditEvents: async format => ({
      blob: new Blob(['']),
      filename: `audit.${format}`,
    }),
    verifyAuditChain: async () => ({
      verifiedAt: '2026-01-01T00:00:00.000Z',
      verifiedBy: 'user:default/alice',
      held: true,
      checked: 0,
    }),
    getAuditChainState: async () => ({ lastVerification: null }),
    previewDeployment: async () => imageTagPreview,
    requestDeployment: async () => deploymentDetail(),
    listDeployments: emptyPage,
    getDeployment: async () => deploymentDetail(),
    getDeploymentDiff: async () => ({
      source: 'preview',
      revision: imageTagPreview.baseRevision,
      diff: imageTagPreview.diff,
    }),
    listPendingApprovals: async () => ({ items: [] }),
    voteOnDeployment: async () => deploymentDetail(),
    cancelDeployment: async () => deploymentDetail({ status: 'cancelled' }),
    rollBackDeployment: async () =>
      deploymentDetail({ id: 'b0b0b0b0-0000-4000-8000-000000000002' }),
    getProjectGitOps: async () => ({ items: [] }),
    reconcileGitOps: async () => environmentGitOps(),
    suspendGitOps: async () =>
      environmentGitOps({
        workload: fluxObject({ state: 'Suspended', suspended: true }),
      }),
    resumeGitOps: async () => environmentGitOps(),
    listClusters: async () => ({ items: [] }),
    listPolicies: async () => ({ items: [] }),
    createPolicy: async r => policy({ ...r, description: r.description ?? '' }),
    updatePolicy: async (id, r) => policy({ id, ...r }),
    deletePolicy: async () => {},
    listPolicyRuleTypes: async () => ({ items: [] }),
    listPolicyDecisions: async () => ({ items: [] }),
    ...overrides,
  };
  for (const key of Object.keys(api) as (keyof JuanieApi)[]) {
    const impl = api[key] as (...args: unknown[]) => unknown;
    (api as any)[key] = jest.isMockFunction(impl) ? impl : jest.fn(impl);
  }
  return api as jest.Mocked<JuanieApi>;
}
