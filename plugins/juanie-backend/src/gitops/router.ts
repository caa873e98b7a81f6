import { manifestValidationRequestSchema } from '@juanie/plugin-juanie-common';
import Router from 'express-promise-router';
import { Callers } from '../access/Callers';
import { parseInput } from '../shared/validation';
import { ManifestWork } from './ManifestWorkerPool';

/**
 * `POST /gitops/validate`: YAML syntax, Kubernetes shape, alias bombs and oversized documents,
 * with the line and column of each error. It reads and changes nothing of Juanie's, so any
 * signed-in user may call it (editors and CI checks use it before they open a deployment).
 */
export function createGitOpsRouter(deps: {
  callers: Callers;
  manifests: ManifestWork;
}) {
  const router = Router();
  router.post('/gitops/validate', async (req, res) => {
    await deps.callers.of(req);
    const { files } = parseInput(
      manifestValidationRequestSchema,
      req.body,
      'manifests',
    );
    // Parsing runs on a manifest worker: a large file does not hold other requests.
    res.json(await deps.manifests.run({ kind: 'validate', files }));
  });
  return router;
}
