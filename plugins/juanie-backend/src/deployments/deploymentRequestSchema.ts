import { z } from 'zod';
import { manifestChangeSchema } from '../gitops';

/** `POST .../environments/{env}/deployments/preview` (and, later, the request itself). */
export const deploymentPreviewSchema = z
  .object({
    changes: manifestChangeSchema,
    /** `Kind/name` of the workload; optional when the path has exactly one. */
    workload: z
      .string()
      .regex(/^[A-Za-z]+\/[a-z0-9][a-z0-9.-]{0,252}$/, 'must be Kind/name, e.g. Deployment/web')
      .optional(),
    message: z.string().max(2000).optional(),
    baseRevision: z
      .string()
      .regex(/^[0-9a-f]{40}$/, 'must be a full commit sha')
      .optional(),
  })
  .strict();
