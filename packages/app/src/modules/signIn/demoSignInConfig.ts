import { ConfigApi } from '@backstage/core-plugin-api';

/** A user offered by the demo sign-in page. */
export type DemoUser = { name: string; hint?: string };

/**
 * The demo users from `auth.providers.demo`, or an empty list when demo
 * sign-in is off (not configured, or `auth.environment` is `production`).
 */
export function readDemoUsers(config: ConfigApi): DemoUser[] {
  if (config.getOptionalString('auth.environment') === 'production') {
    return [];
  }
  const demo = config.getOptionalConfig('auth.providers.demo');
  const hints = demo?.getOptionalConfig('hints');
  return (demo?.getOptionalStringArray('users') ?? []).map(name => ({
    name,
    hint: hints?.getOptionalString(name),
  }));
}

/** The header the back end's demo provider reads (see packages/backend/src/auth). */
export const DEMO_USER_HEADER = 'x-juanie-demo-user';
