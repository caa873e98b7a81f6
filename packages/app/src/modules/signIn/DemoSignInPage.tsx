import { useCallback, useState } from 'react';
import { ProxiedSignInPage } from '@backstage/core-components';
import { IdentityApi, SignInPageProps } from '@backstage/core-plugin-api';
import { DEMO_USER_HEADER, DemoUser } from './demoSignInConfig';
import { DemoSignInError } from './DemoSignInError';
import { DemoUserPicker } from './DemoUserPicker';
import { forgetDemoUser, loadDemoUser, saveDemoUser } from './demoUserStorage';

/** About 20 seconds of automatic retries: long enough for a back-end restart. */
const MAX_AUTO_RETRIES = 10;

/** Sign-out also forgets the remembered user, so the picker shows again. */
function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      forgetDemoUser();
      await identity.signOut();
    },
  };
}

/**
 * Local sign-in: pick a demo user, then sign in through the back end's `demo`
 * proxy provider. The choice is remembered, so reloads (and token refreshes)
 * stay signed in as the same user.
 */
export function DemoSignInPage(
  props: SignInPageProps & { title: string; users: DemoUser[] },
) {
  const { onSignInSuccess, title, users } = props;
  // Each retry gets a new key, so ProxiedSignInPage asks the back end again.
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt(n => n + 1), []);
  const [userName, setUserName] = useState<string | undefined>(() => {
    const remembered = loadDemoUser();
    return users.some(user => user.name === remembered)
      ? remembered
      : undefined;
  });

  if (!userName) {
    return (
      <DemoUserPicker
        title={title}
        users={users}
        onPick={name => {
          saveDemoUser(name);
          setUserName(name);
        }}
      />
    );
  }

  const chooseAgain = () => {
    forgetDemoUser();
    setUserName(undefined);
  };

  return (
    <ProxiedSignInPage
      key={`${userName}#${attempt}`}
      provider="demo"
      headers={{ [DEMO_USER_HEADER]: userName }}
      onSignInSuccess={identity =>
        onSignInSuccess(forgettingOnSignOut(identity))
      }
      ErrorComponent={({ error }) => (
        <DemoSignInError
          title={title}
          userName={userName}
          error={error}
          autoRetry={attempt < MAX_AUTO_RETRIES}
          onRetry={retry}
          onChooseAgain={chooseAgain}
        />
      )}
    />
  );
}
