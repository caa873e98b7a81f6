// Tests here run real git, real databases and in-process HTTP servers. On a busy two-core CI
// machine a hook that clones a repository can take longer than Jest's 5 s default; a time-out
// is not what these tests check (performance is measured by `yarn bench`), so give them room.
jest.setTimeout(60_000);

export {};
