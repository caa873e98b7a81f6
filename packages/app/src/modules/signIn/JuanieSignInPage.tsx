import { useMemo } from 'react';
import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  gitlabAuthApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import { readDemoUsers } from './demoSignInConfig';
import { DemoSignInPage } from './DemoSignInPage';

const productionProviders = [
  {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in using GitHub',
    apiRef: githubAuthApiRef,
  },
  {
    id: 'gitlab-auth-provider',
    title: 'GitLab',
    message: 'Sign in using GitLab',
    apiRef: gitlabAuthApiRef,
  },
];

/**
 * Demo users when `auth.providers.demo` lists some (local use), otherwise
 * GitHub and GitLab sign-in.
 */
export function JuanieSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const demoUsers = useMemo(() => readDemoUsers(config), [config]);
  const title = config.getOptionalString('app.title') ?? 'Juanie';

  if (demoUsers.length > 0) {
    return <DemoSignInPage {...props} title={title} users={demoUsers} />;
  }
  return (
    <SignInPage
      {...props}
      title="Select a sign-in method"
      align="center"
      providers={productionProviders}
    />
  );
}
