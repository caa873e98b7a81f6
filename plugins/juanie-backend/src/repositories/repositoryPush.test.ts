import { parseRepositoryPush, repositoryKeyOf } from './repositoryPush';

const SHA = 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7';

describe('repositoryKeyOf', () => {
  it.each([
    ['https://github.com/Acme/Shop.git', 'github.com/acme/shop'],
    ['https://github.com/acme/shop', 'github.com/acme/shop'],
    ['https://github.com/acme/shop/', 'github.com/acme/shop'],
    ['git@github.com:acme/shop.git', 'github.com/acme/shop'],
    ['ssh://git@github.com:22/acme/shop.git', 'github.com/acme/shop'],
    ['https://gitlab.example.com/group/sub/project.git', 'gitlab.example.com/group/sub/project'],
    ['http://127.0.0.1:8080/origin.git', '127.0.0.1:8080/origin'],
    ['file:///srv/git/shop.git', undefined],
    ['not a url', undefined],
  ])('%s names %s', (url, key) => {
    expect(repositoryKeyOf(url)).toBe(key);
  });
});

describe('parseRepositoryPush', () => {
  const github = {
    ref: 'refs/heads/main',
    before: '0'.repeat(40),
    after: SHA,
    repository: {
      clone_url: 'https://github.com/acme/shop.git',
      html_url: 'https://github.com/acme/shop',
      ssh_url: 'git@github.com:acme/shop.git',
      default_branch: 'main',
    },
    pusher: { name: 'octocat' },
  };
  const gitlab = {
    object_kind: 'push',
    ref: 'refs/heads/release/1.x',
    after: SHA,
    checkout_sha: SHA,
    user_username: 'jsmith',
    project: {
      git_http_url: 'https://gitlab.com/acme/shop.git',
      git_ssh_url: 'git@gitlab.com:acme/shop.git',
      web_url: 'https://gitlab.com/acme/shop',
      default_branch: 'main',
    },
  };

  it('reads a GitHub push', () => {
    expect(parseRepositoryPush('github', github)).toEqual({
      provider: 'github',
      urls: ['https://github.com/acme/shop.git', 'https://github.com/acme/shop', 'git@github.com:acme/shop.git'],
      branch: 'main',
      commit: SHA,
      defaultBranch: 'main',
      pusher: 'octocat',
    });
  });

  it('reads a GitLab push to a branch with a slash in its name', () => {
    expect(parseRepositoryPush('gitlab', gitlab)).toMatchObject({ provider: 'gitlab', branch: 'release/1.x', commit: SHA, pusher: 'jsmith' });
  });

  it.each([
    ['a GitHub tag', 'github', { ...github, ref: 'refs/tags/v1' }],
    ['a deleted GitHub branch', 'github', { ...github, deleted: true, after: '0'.repeat(40) }],
    ['a GitHub push without a commit sha', 'github', { ...github, after: 'main' }],
    ['a GitHub payload without the repository', 'github', { ref: 'refs/heads/main', after: SHA }],
    ['a deleted GitLab branch', 'gitlab', { ...gitlab, checkout_sha: null, after: '0'.repeat(40) }],
    ['a GitLab tag push', 'gitlab', { ...gitlab, object_kind: 'tag_push', ref: 'refs/tags/v1' }],
    ['a GitLab payload without URLs', 'gitlab', { ...gitlab, project: {} }],
    ['something else', 'gitlab', 'hello'],
  ] as const)('ignores %s', (_, provider, payload) => {
    expect(parseRepositoryPush(provider, payload)).toBeUndefined();
  });
});
