import { z } from 'zod';
import { descriptionSchema, slugSchema, timestampSchema, titleSchema } from './common';
import { ENVIRONMENT_KINDS } from './environments';

/** What happens to a deployment that breaks a policy. @public */
export const POLICY_ENFORCEMENTS = ['enforce', 'warn'] as const;
/** `enforce` refuses the deployment; `warn` lets it through with the violation shown. @public */
export type PolicyEnforcement = (typeof POLICY_ENFORCEMENTS)[number];

/**
 * Where a policy applies: an organisation, one of its projects, or one environment of a
 * project. A policy applies to everything below its scope.
 * @public
 */
export const policyScopeSchema = z
  .object({ org: slugSchema, project: slugSchema.optional(), environment: slugSchema.optional() })
  .strict()
  .refine(scope => scope.environment === undefined || scope.project !== undefined, {
    message: 'an environment scope needs its project',
    path: ['environment'],
  });
/** @public */
export type PolicyScope = z.output<typeof policyScopeSchema>;

// Built-in rule types and their parameters.

const noParams = z.object({}).strict().default({});

/** `noLatestTag`: every image names a version (a tag other than `latest`, or a digest). @public */
export const noLatestTagParamsSchema = noParams;
/** `requireDigest`: every image is pinned by `@sha256:` digest. @public */
export const requireDigestParamsSchema = noParams;

const registryPattern = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^[A-Za-z0-9.*_:/-]+$/,
    'must be an image name pattern such as ghcr.io/acme/* (letters, digits, . _ - / : and *)',
  );

/**
 * `allowedRegistries`: every image comes from a repository matching one of the patterns.
 * `*` matches within one path segment, `**` across segments; Docker Hub names are also
 * matched in full (`nginx` is `docker.io/library/nginx`).
 * @public
 */
export const allowedRegistriesParamsSchema = z
  .object({
    patterns: z
      .array(registryPattern)
      .min(1, 'must list at least one pattern')
      .max(100)
      .describe('Image name patterns, e.g. ghcr.io/acme/*: * matches within one path segment, ** across segments'),
  })
  .strict();

const RESOURCE_NAMES = ['cpu', 'memory'] as const;
const resourceList = z
  .array(z.enum(RESOURCE_NAMES))
  .max(2)
  .refine(list => new Set(list).size === list.length, 'must not repeat a resource');

/** `requireResources`: every container sets these requests and limits. @public */
export const requireResourcesParamsSchema = z
  .object({
    requests: resourceList.optional().describe('The resources every container must request'),
    limits: resourceList.optional().describe('The resources every container must limit'),
  })
  .strict()
  .refine(p => (p.requests?.length ?? 0) + (p.limits?.length ?? 0) > 0, {
    message: 'must require at least one of requests or limits (cpu, memory)',
  });

/** `maxReplicas`: no workload, autoscaler or override asks for more replicas. @public */
export const maxReplicasParamsSchema = z
  .object({
    max: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .describe('The most replicas a workload, an autoscaler (maxReplicas) or a replicas override may ask for'),
  })
  .strict();

const labelKey = z
  .string()
  .max(317)
  .regex(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    'must be a Kubernetes label key such as app.kubernetes.io/name',
  );

/** `requiredLabels`: workloads and their pod templates carry these label keys. @public */
export const requiredLabelsParamsSchema = z
  .object({
    labels: z
      .array(labelKey)
      .min(1, 'must list at least one label')
      .max(50)
      .describe('Label keys every workload and its pod template carry, e.g. app.kubernetes.io/name'),
  })
  .strict();

/** Days of a weekly freeze window. @public */
export const WEEK_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** @public */
export type WeekDay = (typeof WEEK_DAYS)[number];

/** True for an IANA time zone name the runtime knows, such as `Europe/Paris`. @public */
export function isTimeZone(name: string): boolean {
  try {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0 && format.resolvedOptions().timeZone !== '';
  } catch {
    return false;
  }
}

const clockTime = (allowEndOfDay: boolean) =>
  z
    .string()
    .regex(
      allowEndOfDay ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/,
      allowEndOfDay ? 'must be a time HH:mm between 00:00 and 24:00' : 'must be a time HH:mm',
    );
const localOrOffsetTime = z.iso.datetime({
  local: true,
  offset: true,
  message: 'must be an ISO 8601 date and time, e.g. 2026-12-24T18:00 (in timeZone) or with an offset',
});

/**
 * `freezeWindow`: no deployment is requested inside the window. Either one-off (`start`,
 * `end`; times without an offset are read in `timeZone`) or weekly (`days`, `from`, `to` in
 * `timeZone`; a `to` at or before `from` ends the next day).
 * @public
 */
export const freezeWindowParamsSchema = z
  .object({
    timeZone: z
      .string()
      .max(100)
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris')
      .describe('The IANA time zone the window is read in, e.g. Europe/Paris'),
    start: localOrOffsetTime.optional().describe('A one-off window starts here, e.g. 2026-12-24T18:00'),
    end: localOrOffsetTime.optional().describe('A one-off window ends here, e.g. 2027-01-02T08:00'),
    days: z
      .array(z.enum(WEEK_DAYS))
      .min(1)
      .max(7)
      .refine(days => new Set(days).size === days.length, 'must not repeat a day')
      .optional()
      .describe('A weekly window recurs on these days'),
    from: clockTime(false).optional().describe('A weekly window starts at this time (HH:mm)'),
    to: clockTime(true)
      .optional()
      .describe('A weekly window ends at this time (HH:mm; at or before from ends the next day)'),
  })
  .strict()
  .superRefine((p, ctx) => {
    const oneOff = p.start !== undefined || p.end !== undefined;
    const weekly = p.days !== undefined || p.from !== undefined || p.to !== undefined;
    const form = 'give either start and end (a one-off window) or days, from and to (a weekly window)';
    if (oneOff === weekly) {
      ctx.addIssue({ code: 'custom', message: form });
    } else if (oneOff && (p.start === undefined || p.end === undefined)) {
      ctx.addIssue({ code: 'custom', message: `a one-off window needs both start and end`, path: [p.start ? 'end' : 'start'] });
    } else if (weekly && (!p.days || !p.from || !p.to)) {
      const missing = (['days', 'from', 'to'] as const).filter(key => p[key] === undefined);
      ctx.addIssue({ code: 'custom', message: `a weekly window needs ${missing.join(', ')}`, path: [missing[0]] });
    } else if (weekly && p.from === p.to) {
      ctx.addIssue({ code: 'custom', message: 'must differ from from (a whole day is 00:00 to 24:00)', path: ['to'] });
    }
  });
/** @public */
export type FreezeWindowParams = z.output<typeof freezeWindowParamsSchema>;

const approvalCount = z.number().int().min(0).max(20);

/** `minApprovals`: environments of a kind require at least this many approvals. @public */
export const minApprovalsParamsSchema = z
  .object({
    byKind: z
      .object({ production: approvalCount, staging: approvalCount, development: approvalCount })
      .partial()
      .strict()
      .refine(byKind => Object.keys(byKind).length > 0, `must name at least one of ${ENVIRONMENT_KINDS.join(', ')}`)
      .describe("The least number of approvals an environment's approval rule must require, by kind of environment"),
    forbidSelfApproval: z
      .array(z.enum(ENVIRONMENT_KINDS))
      .max(ENVIRONMENT_KINDS.length)
      .optional()
      .describe('Kinds of environment whose approval rule must not let requesters approve their own deployments'),
  })
  .strict();

/** The parameters of every built-in rule type, by type. @public */
export const builtInPolicyRuleParamsSchemas = {
  noLatestTag: noLatestTagParamsSchema,
  requireDigest: requireDigestParamsSchema,
  allowedRegistries: allowedRegistriesParamsSchema,
  requireResources: requireResourcesParamsSchema,
  maxReplicas: maxReplicasParamsSchema,
  requiredLabels: requiredLabelsParamsSchema,
  freezeWindow: freezeWindowParamsSchema,
  minApprovals: minApprovalsParamsSchema,
} as const;

/** @public */
export type BuiltInPolicyRuleType = keyof typeof builtInPolicyRuleParamsSchemas;

/** The built-in rules as one union on `type`, for clients that build policies. @public */
export const builtInPolicyRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('noLatestTag'), params: noLatestTagParamsSchema }).strict(),
  z.object({ type: z.literal('requireDigest'), params: requireDigestParamsSchema }).strict(),
  z.object({ type: z.literal('allowedRegistries'), params: allowedRegistriesParamsSchema }).strict(),
  z.object({ type: z.literal('requireResources'), params: requireResourcesParamsSchema }).strict(),
  z.object({ type: z.literal('maxReplicas'), params: maxReplicasParamsSchema }).strict(),
  z.object({ type: z.literal('requiredLabels'), params: requiredLabelsParamsSchema }).strict(),
  z.object({ type: z.literal('freezeWindow'), params: freezeWindowParamsSchema }).strict(),
  z.object({ type: z.literal('minApprovals'), params: minApprovalsParamsSchema }).strict(),
]);
/** @public */
export type BuiltInPolicyRule = z.input<typeof builtInPolicyRuleSchema>;

/**
 * A rule type's name: built-in ones are listed in {@link builtInPolicyRuleParamsSchemas};
 * backend modules add more (e.g. `acme.noPrivileged`).
 * @public
 */
export const policyRuleTypeNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9._-]{0,99}$/, 'must be a rule type name such as noLatestTag');

// Requests and responses.

/**
 * `POST /policies`. `params` is checked against the rule type's own schema by the server,
 * since backend modules can add rule types.
 * @public
 */
export const createPolicySchema = z
  .object({
    scope: policyScopeSchema,
    title: titleSchema,
    description: descriptionSchema.optional(),
    type: policyRuleTypeNameSchema,
    params: z.unknown().optional(),
    enforcement: z.enum(POLICY_ENFORCEMENTS).default('enforce'),
    enabled: z.boolean().default(true),
  })
  .strict();
/** @public */
export type CreatePolicyRequest = z.input<typeof createPolicySchema>;

/** `PATCH /policies/{id}`; the scope of a policy never changes. @public */
export const updatePolicySchema = z
  .object({
    title: titleSchema,
    description: descriptionSchema,
    type: policyRuleTypeNameSchema,
    params: z.unknown(),
    enforcement: z.enum(POLICY_ENFORCEMENTS),
    enabled: z.boolean(),
  })
  .partial()
  .strict();
/** @public */
export type UpdatePolicyRequest = z.input<typeof updatePolicySchema>;

/**
 * `GET /policies`: the policies inside a scope (`org`, optionally `project` and
 * `environment`), or the enabled policies that apply to one environment
 * (`effectiveFor=<org>/<project>/<environment>`), inherited ones first.
 * @public
 */
export const listPoliciesQuerySchema = z
  .object({
    org: slugSchema.optional(),
    project: slugSchema.optional(),
    environment: slugSchema.optional(),
    effectiveFor: z
      .string()
      .max(200)
      .regex(/^[^/]+\/[^/]+\/[^/]+$/, 'must be <org>/<project>/<environment>')
      .transform(value => value.split('/'))
      .pipe(z.tuple([slugSchema, slugSchema, slugSchema]))
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.effectiveFor && (q.org || q.project || q.environment)) {
      ctx.addIssue({ code: 'custom', message: 'use either effectiveFor or org, project and environment', path: ['effectiveFor'] });
    } else if (!q.effectiveFor && !q.org) {
      ctx.addIssue({ code: 'custom', message: 'name the organisation (org) or an environment (effectiveFor)', path: ['org'] });
    } else if (q.environment && !q.project) {
      ctx.addIssue({ code: 'custom', message: 'an environment filter needs its project', path: ['environment'] });
    } else if (q.project && !q.org) {
      ctx.addIssue({ code: 'custom', message: 'a project filter needs its organisation', path: ['project'] });
    }
  });
/** @public */
export type ListPoliciesQuery = z.input<typeof listPoliciesQuerySchema>;

/** A policy as the API answers it. @public */
export const policySchema = z.object({
  id: z.string(),
  scope: policyScopeSchema,
  title: z.string(),
  description: z.string(),
  type: z.string(),
  params: z.unknown(),
  enforcement: z.enum(POLICY_ENFORCEMENTS),
  enabled: z.boolean(),
  /** Set when the stored rule cannot be evaluated (e.g. its module was removed). */
  problem: z.string().optional(),
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedBy: z.string(),
  updatedAt: timestampSchema,
});
/** @public */
export type Policy = z.infer<typeof policySchema>;

/** One thing in a change that breaks a policy. @public */
export const policyViolationSchema = z.object({
  policyId: z.string(),
  policyTitle: z.string(),
  /** The rule type. */
  rule: z.string(),
  enforcement: z.enum(POLICY_ENFORCEMENTS),
  /** The manifest file, relative to the environment's path; null for rules about the request. */
  file: z.string().nullable(),
  /** Where in the document, e.g. `spec.template.spec.containers[0].image`. */
  path: z.string().nullable(),
  message: z.string(),
});
/** @public */
export type PolicyViolation = z.infer<typeof policyViolationSchema>;

/** What the policies of an environment say about a change. @public */
export interface PolicyEvaluation {
  violations: PolicyViolation[];
  /** True when any violation comes from an enforced policy: the change is refused. */
  enforced: boolean;
}

/** `GET /policy-rule-types`: what a policy can check. @public */
export const policyRuleTypeInfoSchema = z.object({
  type: z.string(),
  title: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  /** JSON Schema of the rule's params, when it can be expressed as one. */
  paramsSchema: z.unknown().optional(),
});
/** @public */
export type PolicyRuleTypeInfo = z.infer<typeof policyRuleTypeInfoSchema>;

/** `GET /policies/{id}/decisions`: how many, and optionally one project's only. @public */
export const policyDecisionsQuerySchema = z
  .object({
    project: slugSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
/** What a client sends (the input of `limit` is coerced from the query string). @public */
export type PolicyDecisionsQuery = Partial<z.output<typeof policyDecisionsQuerySchema>>;

/**
 * A deployment request or rollback a policy refused or warned about, as the audit trail
 * recorded it at the time.
 * @public
 */
export const policyDecisionSchema = z.object({
  /** The audit event that recorded the request. */
  auditEventId: z.string(),
  occurredAt: timestampSchema,
  /** `refused` when this policy's findings were enforced, `warned` otherwise. */
  outcome: z.enum(['refused', 'warned']),
  /** `deployment.request` or `deployment.rollback`. */
  action: z.string(),
  actorRef: z.string(),
  org: z.string(),
  project: z.string().nullable(),
  environment: z.string().nullable(),
  /** The deployment that went ahead; null when the request was refused (none was created). */
  deploymentId: z.string().nullable(),
  /** What this policy found in the change. */
  violations: z.array(policyViolationSchema),
});
/** @public */
export type PolicyDecision = z.infer<typeof policyDecisionSchema>;
