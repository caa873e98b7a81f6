import { BackendFeature } from '@backstage/backend-plugin-api';
import path from 'node:path';

/**
 * The backend modules of Backstage's github and gitlab events packages: the webhook ingress
 * that checks signatures (`events.modules.<provider>.webhookSecret`) and the router that
 * republishes `<provider>` events on `<provider>.<event>`. Each package's default export is a
 * feature loader that `import()`s exactly these files, which Jest cannot run in CommonJS
 * without `--experimental-vm-modules`; so tests load the same files directly.
 */
export function githubAndGitlabEventsModules(): BackendFeature[] {
  const load = (pkg: string, file: string): BackendFeature => {
    const root = path.dirname(require.resolve(`${pkg}/package.json`));
    return require(path.join(root, 'dist', 'service', file)).default;
  };
  return [
    load('@backstage/plugin-events-backend-module-github', 'eventsModuleGithubWebhook.cjs.js'),
    load('@backstage/plugin-events-backend-module-github', 'eventsModuleGithubEventRouter.cjs.js'),
    load('@backstage/plugin-events-backend-module-gitlab', 'eventsModuleGitlabWebhook.cjs.js'),
    load('@backstage/plugin-events-backend-module-gitlab', 'eventsModuleGitlabEventRouter.cjs.js'),
  ];
}
