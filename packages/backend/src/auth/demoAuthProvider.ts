import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthenticationError,
  isError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
  ProfileTransform,
  SignInResolver,
} from '@backstage/plugin-auth-node';

/** The request header that names the demo user to sign in as. */
export const DEMO_USER_HEADER = 'x-juanie-demo-user';

/** What the demo authenticator learns from a request: just the user's name. */
export type DemoAuthResult = { userName: string };

type DemoAuthenticatorContext = {
  allowedUsers: ReadonlySet<string>;
};

/**
 * Reads the demo user from a request header and accepts only the names listed
 * in `auth.providers.demo.users`.
 */
export const demoAuthenticator = createProxyAuthenticator<
  DemoAuthenticatorContext,
  DemoAuthResult,
  undefined
>({
  defaultProfileTransform: async result => ({
    profile: { displayName: result.userName },
  }),
  initialize({ config }) {
    const allowedUsers = new Set(config.getOptionalStringArray('users') ?? []);
    return { allowedUsers };
  },
  async authenticate({ req }, { allowedUsers }) {
    const userName = req.header(DEMO_USER_HEADER)?.trim();
    if (!userName) {
      throw new AuthenticationError(
        `Name the demo user in the '${DEMO_USER_HEADER}' request header`,
      );
    }
    if (!allowedUsers.has(userName)) {
      throw new NotAllowedError(
        `'${userName}' is not a demo user; add it to auth.providers.demo.users (known: ${
          [...allowedUsers].join(', ') || 'none'
        })`,
      );
    }
    return { result: { userName } };
  },
});

function demoUserEntityRef(userName: string): string {
  return stringifyEntityRef({
    kind: 'user',
    namespace: 'default',
    name: userName,
  });
}

/** Takes the display name, e-mail and picture from the user's catalog entity. */
export const demoProfileTransform: ProfileTransform<DemoAuthResult> = async (
  { userName },
  ctx,
) => {
  try {
    const { entity } = await ctx.findCatalogUser({
      entityRef: demoUserEntityRef(userName),
    });
    const profile = (entity.spec?.profile ?? {}) as {
      displayName?: string;
      email?: string;
      picture?: string;
    };
    return {
      profile: {
        displayName: profile.displayName ?? userName,
        email: profile.email,
        picture: profile.picture,
      },
    };
  } catch {
    // The sign-in resolver reports the missing user with a clearer message.
    return { profile: { displayName: userName } };
  }
};

/** Signs in as `user:default/<name>`, so ownership comes from the catalog. */
export const signInAsDemoUser: SignInResolver<DemoAuthResult> = async (
  { result },
  ctx,
) => {
  const entityRef = demoUserEntityRef(result.userName);
  try {
    return await ctx.signInWithCatalogUser({ entityRef });
  } catch (error) {
    if (!isError(error) || error.name !== 'NotFoundError') {
      throw error;
    }
    throw new NotFoundError(
      `Demo user ${entityRef} is not in the catalog (yet); check examples/org.yaml and the catalog's processing logs`,
      error,
    );
  }
};

/**
 * Demo sign-in for local use: provider id `demo`, the user named by the
 * `x-juanie-demo-user` header. Registered only when `auth.environment` is set
 * to `development`: anyone who reaches it gets a token without a password, and
 * production config layered over app-config.yaml would otherwise inherit the
 * demo users.
 */
export const authModuleJuanieDemoProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'juanie-demo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const environment = config.getOptionalString('auth.environment');
        if (environment !== 'development') {
          logger.info(
            `Demo sign-in provider disabled: auth.environment is ${
              environment ? `'${environment}'` : 'not set'
            }, not 'development'`,
          );
          return;
        }
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            profileTransform: demoProfileTransform,
            signInResolver: signInAsDemoUser,
          }),
        });
      },
    });
  },
});
