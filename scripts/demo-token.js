#!/usr/bin/env node
// Prints a Backstage bearer token for a demo user of the running local portal:
//   yarn --silent demo-token alice
// It asks the auth back end's `demo` provider, exactly as the sign-in page does.
// JUANIE_BACKEND_URL overrides the back end's address (default http://localhost:7007).

const DEMO_USER_HEADER = 'x-juanie-demo-user';

async function main() {
  const [userName] = process.argv.slice(2);
  const backendUrl = (
    process.env.JUANIE_BACKEND_URL ?? 'http://localhost:7007'
  ).replace(/\/+$/, '');
  if (!userName || userName.startsWith('-')) {
    throw new Error('usage: yarn --silent demo-token <user>   (e.g. alice)');
  }

  const url = `${backendUrl}/api/auth/demo/refresh`;
  let response;
  try {
    response = await fetch(url, {
      headers: {
        [DEMO_USER_HEADER]: userName,
        'x-requested-with': 'XMLHttpRequest',
      },
    });
  } catch (error) {
    throw new Error(
      `cannot reach the portal at ${backendUrl} (${
        error.cause?.code ?? error.message
      }); start it with ./scripts/start.sh`,
    );
  }

  const body = await response.text();
  if (!response.ok) {
    let message = body;
    try {
      message = JSON.parse(body).error?.message ?? body;
    } catch {
      // not JSON: show it as it is
    }
    throw new Error(
      `no token for '${userName}': HTTP ${response.status} from ${url}: ${message}`,
    );
  }
  const token = JSON.parse(body).backstageIdentity?.token;
  if (!token) {
    throw new Error(`no token for '${userName}': the answer had none`);
  }
  process.stdout.write(`${token}\n`);
}

main().catch(error => {
  process.stderr.write(`demo-token: ${error.message}\n`);
  process.exit(1);
});
