import { layOutDiff } from './layOutDiff';

describe('layOutDiff', () => {
  it('puts each replaced line beside its replacement, with both line numbers', () => {
    const [file] = layOutDiff(
      [
        '--- a/apps/web/prod/deployment.yaml',
        '+++ b/apps/web/prod/deployment.yaml',
        '@@ -10,4 +10,4 @@',
        ' spec:',
        '-  replicas: 2',
        '-  paused: true',
        '+  replicas: 3',
        '   template:',
        '+    # scaled',
        '',
      ].join('\n'),
    )!;

    expect(file.name).toBe('apps/web/prod/deployment.yaml');
    expect(file.change).toBe('modified');
    expect(file.hunks[0].header).toBe('@@ -10,4 +10,4 @@');
    expect(
      file.hunks[0].rows.map(({ left, right }) => [
        left && `${left.number} ${left.kind} ${left.text}`,
        right && `${right.number} ${right.kind} ${right.text}`,
      ]),
    ).toEqual([
      ['10 context spec:', '10 context spec:'],
      ['11 removed   replicas: 2', '11 added   replicas: 3'],
      ['12 removed   paused: true', undefined],
      ['13 context   template:', '12 context   template:'],
      [undefined, '13 added     # scaled'],
    ]);
  });

  it('names added and removed files by the side that exists', () => {
    const files = layOutDiff(
      [
        '--- /dev/null',
        '+++ b/apps/web/prod/config.yaml',
        '@@ -0,0 +1,1 @@',
        '+a: 1',
        '\\ No newline at end of file',
        '--- a/apps/web/prod/old.yaml',
        '+++ /dev/null',
        '@@ -1,1 +0,0 @@',
        '-b: 2',
        '',
      ].join('\n'),
    )!;
    expect(files.map(f => [f.name, f.change])).toEqual([
      ['apps/web/prod/config.yaml', 'added'],
      ['apps/web/prod/old.yaml', 'removed'],
    ]);
    expect(files[0].hunks[0].rows).toEqual([
      { right: { number: 1, text: 'a: 1', kind: 'added' } },
    ]);
  });

  it('has no files for an empty diff, and gives up on text that is no diff', () => {
    expect(layOutDiff('')).toEqual([]);
    expect(layOutDiff('@@ -1,1 +1,1 @@\n?oops\n')).toBeUndefined();
  });
});
