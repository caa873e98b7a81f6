import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => (await import('./JuanieSignInPage')).JuanieSignInPage,
  },
});

/** Replaces the app's sign-in page with Juanie's (demo users or GitHub/GitLab). */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
