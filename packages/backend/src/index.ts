/*
 * Juanie's backend: Backstage's standard plugins plus the Juanie plugins.
 * Local runs use app-config.yaml (SQLite on disk, demo sign-in); production
 * layers app-config.production.yaml on top (PostgreSQL, GitHub/GitLab sign-in).
 */

import { createBackend } from '@backstage/backend-defaults';
import { eventsModuleJuanieFlux } from '@juanie/plugin-juanie-backend';
import { authModuleJuanieDemoProvider } from './auth/demoAuthProvider';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin: GitHub and GitLab for production, the demo door for local use
// (the demo module is there only while auth.environment is development).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-gitlab-provider'));
backend.add(authModuleJuanieDemoProvider);

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin; the policy is Juanie's (see the Juanie plugins below)
backend.add(import('@backstage/plugin-permission-backend'));

// events: webhooks from GitHub and GitLab arrive at /api/events/http/<topic>
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.add(import('@backstage/plugin-events-backend-module-gitlab'));

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine: PostgreSQL when the database is PostgreSQL; on SQLite this
// module steps aside and search falls back to the in-memory Lunr engine.
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Juanie
backend.add(import('@juanie/plugin-juanie-backend'));
// Local tools: the simulated cluster (juanie.clusters[].simulated) and the demo seed
// (juanie.demo.seed) of app-config.yaml. A production backend leaves this module out.
backend.add(import('@juanie/plugin-juanie-backend-module-dev'));
// Flux events at /api/events/http/flux, signed ones only (juanie.fluxEvents.hmacSecret)
backend.add(eventsModuleJuanieFlux);
backend.add(import('@juanie/plugin-permission-backend-module-juanie'));
backend.add(import('@juanie/plugin-scaffolder-backend-module-juanie'));
backend.add(import('@juanie/plugin-catalog-backend-module-juanie'));

backend.start();
