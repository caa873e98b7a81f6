import { Callers } from '../access/Callers';
import { ManifestWork } from './ManifestWorkerPool';
import { juanieContract } from '@juanie/plugin-juanie-common';
import { operationRouter } from '../service/serveOperation';

/**
 * `POST /gitops/validate`: YAML syntax, Kubernetes shape, alias bombs and oversized documents,
 * with the line and column of each error. It reads and changes nothing of Juanie's, so any
 * signed-in user may call it (editors and CI checks use it before they open a deployment).
 */
export function createGitOpsRouter(deps: {
  callers: Callers;
  manifests: ManifestWork;
}) {
  const { router, serve } = operationRouter();
  serve(juanieContract.validateManifests, async ({ req, body }) => {
    await deps.callers.of(req);
    const { files } = body('manifests');
    // Parsing runs on a manifest worker: a large file does not hold other requests.
    return await deps.manifests.run({ kind: 'validate', files });
  });
  return router;
}
