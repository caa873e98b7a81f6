import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { backendUrl } from './portal';

const execFileAsync = promisify(execFile);

/** Runs a command as a developer would, in a shell set up by the toolchain. */
function runInToolchainShell(command: string) {
  return execFileAsync(
    'bash',
    ['-c', `source scripts/toolchain.sh && ${command}`],
    { env: { ...process.env, JUANIE_BACKEND_URL: backendUrl } },
  );
}

test('`yarn --silent demo-token carol` prints a bearer token for carol', async () => {
  const { stdout } = await runInToolchainShell(
    'yarn --silent demo-token carol',
  );
  const token = stdout.trim();
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  const res = await fetch(`${backendUrl}/api/juanie/me`, {
    headers: { authorization: `Bearer ${token}` },
  });

  expect(res.status).toBe(200);
  const me = await res.json();
  expect(me.userEntityRef).toBe('user:default/carol');
  expect(me.ownershipEntityRefs).toEqual(
    expect.arrayContaining(['group:default/platform-team']),
  );
});

test('`yarn --silent demo-token` refuses a user who is not a demo user', async () => {
  const result = await runInToolchainShell(
    'yarn --silent demo-token mallory',
  ).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => error,
  );

  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain("'mallory' is not a demo user");
});
