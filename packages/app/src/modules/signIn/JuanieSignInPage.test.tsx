import { renderInTestApp } from '@backstage/frontend-test-utils';
import { IdentityApi } from '@backstage/core-plugin-api';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { JuanieSignInPage } from './JuanieSignInPage';
import { loadDemoUser, saveDemoUser } from './demoUserStorage';

// app.title and backend.baseUrl are required by the app's own parts.
const demoConfig = {
  app: { title: 'Juanie' },
  backend: { baseUrl: 'http://localhost:7007' },
  auth: {
    environment: 'development',
    providers: {
      demo: {
        users: ['alice', 'bob'],
        hints: { alice: 'Developer in web-team' },
      },
    },
  },
};

function tokenFor(userName: string) {
  const payload = btoa(
    JSON.stringify({ sub: `user:default/${userName}`, exp: 4102444800 }),
  );
  return `e30.${payload}.sig`;
}

/** Answers the demo provider's refresh endpoint like the back end would. */
function mockDemoBackend() {
  return jest.fn(async (_url: string, init: RequestInit) => {
    const userName = new Headers(init.headers).get('x-juanie-demo-user')!;
    return new Response(
      JSON.stringify({
        profile: { displayName: userName },
        backstageIdentity: {
          token: tokenFor(userName),
          identity: {
            type: 'user',
            userEntityRef: `user:default/${userName}`,
            ownershipEntityRefs: [`user:default/${userName}`],
          },
        },
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  });
}

describe('JuanieSignInPage', () => {
  const originalFetch = global.fetch;
  let fetchMock: ReturnType<typeof mockDemoBackend>;

  beforeEach(() => {
    window.localStorage.clear();
    fetchMock = mockDemoBackend();
    global.fetch = fetchMock as unknown as typeof fetch;
  });

  afterEach(() => {
    global.fetch = originalFetch;
  });

  it('offers one button per demo user, with their hint', async () => {
    await renderInTestApp(<JuanieSignInPage onSignInSuccess={jest.fn()} />, {
      config: demoConfig,
    });

    expect(
      await screen.findByRole('button', { name: 'Sign in as alice' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Developer in web-team')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as bob' }),
    ).toBeInTheDocument();
  });

  it('signs in through the demo provider as the chosen user and remembers the choice', async () => {
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <JuanieSignInPage onSignInSuccess={onSignInSuccess} />,
      { config: demoConfig },
    );

    fireEvent.click(
      await screen.findByRole('button', { name: 'Sign in as bob' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/bob',
    });
    expect(fetchMock).toHaveBeenCalledWith(
      expect.stringMatching(/\/api\/auth\/demo\/refresh$/),
      expect.anything(),
    );
    expect(loadDemoUser()).toBe('bob');

    await identity.signOut();
    expect(loadDemoUser()).toBeUndefined();
  });

  it('signs the remembered user in again after a reload, without asking', async () => {
    saveDemoUser('alice');
    const onSignInSuccess = jest.fn();

    await renderInTestApp(
      <JuanieSignInPage onSignInSuccess={onSignInSuccess} />,
      { config: demoConfig },
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/alice',
    });
  });

  it('tries again by itself while the back end restarts', async () => {
    saveDemoUser('alice');
    fetchMock.mockImplementationOnce(
      async () => new Response('restarting', { status: 503 }),
    );
    const onSignInSuccess = jest.fn();

    await renderInTestApp(
      <JuanieSignInPage onSignInSuccess={onSignInSuccess} />,
      { config: demoConfig },
    );

    expect(
      await screen.findByText(
        'Error: Could not sign in as alice; trying again shortly',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1), {
      timeout: 5000,
    });
  });

  it('lets the user try again after a refusal', async () => {
    saveDemoUser('alice');
    const answer = fetchMock.getMockImplementation()!;
    fetchMock.mockImplementation(
      async () => new Response('not yet', { status: 404 }),
    );
    const onSignInSuccess = jest.fn();

    await renderInTestApp(
      <JuanieSignInPage onSignInSuccess={onSignInSuccess} />,
      { config: demoConfig },
    );
    expect(
      await screen.findByText('Error: Could not sign in as alice'),
    ).toBeInTheDocument();

    fetchMock.mockImplementation(answer);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
  });

  it('offers GitHub and GitLab, and no demo users, in production', async () => {
    saveDemoUser('alice');

    await renderInTestApp(<JuanieSignInPage onSignInSuccess={jest.fn()} />, {
      config: {
        ...demoConfig,
        auth: { ...demoConfig.auth, environment: 'production' },
      },
    });

    expect(await screen.findByText('GitHub')).toBeInTheDocument();
    expect(screen.getByText('GitLab')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Sign in as alice' }),
    ).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
