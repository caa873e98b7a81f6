import {
  createEnvironmentSchema,
  CreateEnvironmentRequest,
  ENVIRONMENT_KINDS,
} from '@juanie/plugin-juanie-common';
import { z as zv3 } from 'zod/v3';

type Zod = typeof zv3;
import { parseJuanieInput } from './juanieCalls';

/**
 * The fields of one environment as templates give them: flat, so a template form can offer
 * each one; the approval rule is gathered into Juanie's `approval` object.
 */
export const environmentFields = {
  slug: (z: Zod) =>
    z.string({ description: 'Slug of the environment, e.g. dev' }),
  title: (z: Zod) =>
    z.string({ description: 'Human name; defaults to the slug' }).optional(),
  description: (z: Zod) =>
    z.string({ description: 'What the environment is for' }).optional(),
  kind: (z: Zod) =>
    z.enum(ENVIRONMENT_KINDS, {
      description: 'development, staging or production',
    }),
  cluster: (z: Zod) =>
    z
      .string({
        description:
          "Cluster the environment runs in; Juanie's first cluster when absent",
      })
      .optional(),
  namespace: (z: Zod) =>
    z
      .string({ description: 'Kubernetes namespace of the environment' })
      .optional(),
  requiredApprovals: (z: Zod) =>
    z
      .number({ description: 'Approvals a deployment needs (0: none)' })
      .int()
      .optional(),
  approvers: (z: Zod) =>
    z
      .array(z.string(), {
        description:
          'Who may approve: user:default/bob, group:default/web-team or team:<slug>',
      })
      .optional(),
  allowSelfApproval: (z: Zod) =>
    z
      .boolean({
        description: 'Whether requesters may approve their own deployments',
      })
      .optional(),
  expiresAfter: (z: Zod) =>
    z
      .string({
        description:
          'How long a request waits for approval (ISO 8601, default P3D)',
      })
      .optional(),
};

/** {@link environmentFields} as one object schema, for lists of environments. */
export const environmentObject = (z: Zod) =>
  z.object(
    Object.fromEntries(
      Object.entries(environmentFields).map(([key, field]) => [key, field(z)]),
    ) as {
      [K in keyof typeof environmentFields]: ReturnType<
        (typeof environmentFields)[K]
      >;
    },
  );

/** One environment as {@link environmentFields} describe it. */
export type EnvironmentInput = {
  slug: string;
  title?: string;
  description?: string;
  kind: (typeof ENVIRONMENT_KINDS)[number];
  cluster?: string;
  namespace?: string;
  requiredApprovals?: number;
  approvers?: string[];
  allowSelfApproval?: boolean;
  expiresAfter?: string;
};

/** The body of `POST .../environments`, checked with Juanie's own schema before any call. */
export function toCreateEnvironmentRequest(
  env: EnvironmentInput,
  order?: number,
): CreateEnvironmentRequest {
  const approval = {
    requiredApprovals: env.requiredApprovals ?? 0,
    approvers: env.approvers ?? [],
    ...(env.allowSelfApproval !== undefined
      ? { allowSelfApproval: env.allowSelfApproval }
      : {}),
    ...(env.expiresAfter !== undefined
      ? { expiresAfter: env.expiresAfter }
      : {}),
  };
  return parseJuanieInput(
    createEnvironmentSchema,
    {
      slug: env.slug,
      title: env.title ?? env.slug,
      description: env.description,
      kind: env.kind,
      order,
      cluster: env.cluster,
      namespace: env.namespace,
      approval,
    },
    `environment ${env.slug}`,
  );
}

/** Team slugs named as approvers (`team:<slug>`), which must exist in the organisation. */
export function approverTeams(envs: CreateEnvironmentRequest[]): string[] {
  const teams = envs.flatMap(env =>
    (env.approval?.approvers ?? [])
      .filter(ref => ref.startsWith('team:'))
      .map(ref => ref.slice('team:'.length)),
  );
  return [...new Set(teams)];
}
