/** Where CustomObjectsApi finds the GitRepositories of flux-system. */
export const GIT_REPOSITORIES = {
  group: 'source.toolkit.fluxcd.io',
  version: 'v1',
  plural: 'gitrepositories',
  namespace: 'flux-system',
};

/** A GitRepository manifest labelled with a Juanie environment. */
export function gitRepositoryManifest(
  name: string,
  environment = 'acme.shop.dev',
) {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: {
      name,
      namespace: 'flux-system',
      labels: { 'juanie.io/environment': environment },
    },
    spec: { url: 'https://git.example.com/shop.git', ref: { branch: 'main' } },
  };
}

/** The status code and `Status` object of a client call that fails. */
export async function failureOf(call: Promise<unknown>) {
  const error = await call.then(
    () => ({ code: 0, body: '{}' }),
    e => e,
  );
  // Generated clients leave out the body of some codes (401).
  const body =
    typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
  return { code: error.code as number, status: body };
}
