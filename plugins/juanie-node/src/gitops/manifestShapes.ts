import { z } from 'zod';

/**
 * Loose shapes of the manifests Juanie edits: fields it knows must have the right type,
 * everything else passes through (the cluster's own validation has the last word).
 */

const required = (what: string) => ({
  error: (issue: { input: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`,
});
const dnsSubdomain =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const quantity = z.union(
  [
    z.number(),
    z
      .string()
      .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/),
  ],
  { error: 'must be a quantity such as 100m, 0.5, 256Mi' },
);

const metadata = z.looseObject(
  {
    name: z
      .string(required('a string'))
      .max(253)
      .regex(
        dnsSubdomain,
        'must be lower-case letters, digits, "-" and "." (a DNS name)',
      ),
    namespace: z.string().regex(dnsLabel, 'must be a DNS label').optional(),
    labels: z
      .record(z.string(), z.string({ error: 'label values must be strings' }))
      .optional(),
    annotations: z
      .record(
        z.string(),
        z.string({ error: 'annotation values must be strings' }),
      )
      .optional(),
  },
  required('a map'),
);

/** Every Kubernetes object. */
export const kubernetesObjectShape = z.looseObject({
  apiVersion: z.string(required('a string')).min(1),
  kind: z.string(required('a string')).min(1),
  metadata,
});

const container = z.looseObject({
  name: z.string(required('a string')).regex(dnsLabel, 'must be a DNS label'),
  image: z.string().min(1).optional(),
  env: z
    .array(
      z.looseObject({
        name: z.string(required('a string')).min(1),
        // Kubernetes refuses `value: 8080`; quote it.
        value: z
          .string({ error: 'must be a string (quote numbers and booleans)' })
          .optional(),
        valueFrom: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
  resources: z
    .looseObject({
      requests: z.record(z.string(), quantity).optional(),
      limits: z.record(z.string(), quantity).optional(),
    })
    .optional(),
  ports: z
    .array(
      z.looseObject({
        containerPort: z.number().int().min(1).max(65535).optional(),
      }),
    )
    .optional(),
});

const podTemplate = z.looseObject({
  spec: z.looseObject({
    containers: z.array(container, required('a list')),
    initContainers: z.array(container).optional(),
  }),
});

const replicated = z.looseObject({
  spec: z.looseObject({
    replicas: z.number().int().min(0).optional(),
    template: podTemplate,
  }),
});

const daemonSet = z.looseObject({
  spec: z.looseObject({ template: podTemplate }),
});

const helmRelease = z.looseObject({
  spec: z
    .looseObject({
      chart: z
        .looseObject({
          spec: z.looseObject({ chart: z.string(required('a string')) }),
        })
        .optional(),
      chartRef: z
        .looseObject({ kind: z.string(), name: z.string() })
        .optional(),
      values: z
        .looseObject({ replicaCount: z.number().int().min(0).optional() })
        .optional(),
      suspend: z.boolean().optional(),
    })
    .refine(spec => spec.chart || spec.chartRef, 'needs chart or chartRef'),
});

/** Shapes checked per kind, on top of {@link kubernetesObjectShape}. */
export const kindShapes: Record<string, z.ZodType> = {
  Deployment: replicated,
  StatefulSet: replicated,
  DaemonSet: daemonSet,
  HelmRelease: helmRelease,
};

const stringList = z.array(z.string({ error: 'entries must be strings' }));

/** A kustomization.yaml. */
export const kustomizationShape = z.looseObject({
  resources: stringList.optional(),
  bases: stringList.optional(),
  components: stringList.optional(),
  namespace: z.string().optional(),
  images: z
    .array(
      z.looseObject({
        name: z.string(required('a string')),
        newName: z.string().optional(),
        newTag: z
          .string({ error: 'must be a string (quote tags such as "1.0")' })
          .optional(),
        digest: z
          .string()
          .regex(/^sha256:[a-f0-9]{64}$/, 'must be sha256:<64 hex>')
          .optional(),
      }),
    )
    .optional(),
  patches: z
    .array(
      z
        .looseObject({
          path: z.string().optional(),
          patch: z.string().optional(),
        })
        .refine(
          p => p.path !== undefined || p.patch !== undefined,
          'needs path or patch',
        ),
    )
    .optional(),
});

/** A JSON 6902 patch: a list of operations. */
export const jsonPatchShape = z.array(
  z.looseObject({
    op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
    path: z
      .string(required('a string'))
      .startsWith('/', 'must be a JSON pointer'),
  }),
);
