import { unifiedDiff } from './unifiedDiff';

describe('unifiedDiff', () => {
  it('shows changed, added and removed files like git, and skips unchanged ones', () => {
    const before = {
      'a.yaml': 'x: 1\ny: 2\n',
      'same.yaml': 'k: v\n',
      'gone.yaml': 'old: true\n',
    };
    const after = {
      'a.yaml': 'x: 1\ny: 3\n',
      'same.yaml': 'k: v\n',
      'new.yaml': 'fresh: true\n',
    };
    expect(unifiedDiff(before, after, { pathPrefix: 'apps/web/' })).toBe(
      [
        '--- a/apps/web/a.yaml',
        '+++ b/apps/web/a.yaml',
        '@@ -1,2 +1,2 @@',
        ' x: 1',
        '-y: 2',
        '+y: 3',
        '--- a/apps/web/gone.yaml',
        '+++ /dev/null',
        '@@ -1,1 +0,0 @@',
        '-old: true',
        '--- /dev/null',
        '+++ b/apps/web/new.yaml',
        '@@ -0,0 +1,1 @@',
        '+fresh: true',
        '',
      ].join('\n'),
    );
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff({ 'a.yaml': 'x: 1\n' }, { 'a.yaml': 'x: 1\n' })).toBe(
      '',
    );
  });
});
