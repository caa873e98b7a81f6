import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { runManifestTask } from './manifestTasks';
import { ManifestWorkerPool } from './ManifestWorkerPool';
import { MAX_FILE_BYTES, splitYamlSegments } from '@juanie/plugin-juanie-node';
import { ALIAS_BOMB, largeManifest } from './testing/largeManifest';
import { segmentParses } from '@juanie/plugin-juanie-node';

// The module object the editor calls through (a namespace import would be a copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('yaml') as typeof import('yaml');

const kustomization = [
  'apiVersion: kustomize.config.k8s.io/v1beta1',
  'kind: Kustomization',
  'resources:',
  '  - ../base',
  'patches:',
  '  - path: web-patch.yaml',
  '',
].join('\n');

const overlay = (extra: Record<string, string> = {}) => ({
  'kustomization.yaml': kustomization,
  'web-patch.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  replicas: 2 # staging runs two',
    '',
  ].join('\n'),
  '../base/kustomization.yaml': 'resources:\n  - web.yaml\n',
  '../base/web.yaml': largeManifest(64 * 1024),
  ...extra,
});

describe('manifest work: limits, parses and the worker pool', () => {
  let pool: ManifestWorkerPool;
  beforeAll(() => {
    pool = new ManifestWorkerPool({ size: 2 });
  });
  afterAll(() => pool.close());
  afterEach(() => jest.restoreAllMocks());

  it('a 5 MB manifest is refused with 413 naming the file before any edit', async () => {
    const files = overlay({ 'generated.yaml': largeManifest(5 * 1000 * 1000) });
    const parse = jest.spyOn(yaml, 'parseAllDocuments');
    const change = { replicas: 3 };
    expect(() =>
      runManifestTask({ kind: 'edit', request: { files, change } }),
    ).toThrow(
      expect.objectContaining({
        statusCode: 413,
        message: expect.stringMatching(
          new RegExp(
            `^generated\\.yaml is \\d+ bytes; manifests may have at most ${MAX_FILE_BYTES}$`,
          ),
        ),
      }),
    );
    // Refused on its size alone: no file of the path was parsed, nothing was edited.
    expect(parse).not.toHaveBeenCalled();

    // The worker answers the same, with the status the HTTP error handler maps to 413.
    await expect(
      pool.run({ kind: 'edit', request: { files, change } }),
    ).rejects.toMatchObject({
      name: 'ManifestTooLargeError',
      statusCode: 413,
      message: expect.stringContaining('generated.yaml is '),
    });
  });

  it('an alias bomb in any manifest of the path answers 400 naming the file', async () => {
    // In the shared base, in an unrelated file of the overlay, and in the patch being edited.
    for (const file of ['../base/extra.yaml', 'notes.yaml', 'web-patch.yaml']) {
      const files: Record<string, string> = overlay();
      files[file] =
        file === 'web-patch.yaml'
          ? `${files[file]}---\n${ALIAS_BOMB}`
          : ALIAS_BOMB;
      const before = structuredClone(files);
      const error = await pool
        .run({ kind: 'preview', request: { files, change: { replicas: 3 } } })
        .then(
          () => undefined,
          e => e,
        );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `${file}: aliases expand to more than 100 nodes (an alias bomb?); Juanie does not read it`,
      );
      expect(files).toEqual(before);
    }
  });

  it('one field change parses each file once', () => {
    segmentParses.clear(); // parts earlier tests read on this thread would not be parsed at all
    const files = overlay({
      'bundle.yaml': largeManifest(32 * 1024).replace(
        /name: web/g,
        'name: other',
      ),
    });
    const parse = jest.spyOn(yaml, 'parseAllDocuments');
    const { edit, validation } = runManifestTask({
      kind: 'preview',
      request: { files, workload: 'Deployment/web', change: { replicas: 3 } },
    });
    // The preview validated the edited file (issue 13, item 1 is about what it then reports).
    expect(validation.errors.every(e => e.file === 'web-patch.yaml')).toBe(
      true,
    );
    expect(Object.keys(edit.files)).toEqual(['web-patch.yaml']);

    const parsed = parse.mock.calls.map(([text]) => text);
    // Every `---` part of every input file is parsed exactly once (files are read part by part)…
    for (const [file, text] of Object.entries(files)) {
      for (const part of splitYamlSegments(text)) {
        expect({
          file,
          part: part.start,
          parses: parsed.filter(t => t === part.text).length,
        }).toEqual({
          file,
          part: part.start,
          parses: 1,
        });
      }
    }
    // …and the only other parse is the edited file's new text, checked once and then validated
    // from that same parse.
    const inputs = new Set(
      Object.values(files).flatMap(t => splitYamlSegments(t).map(p => p.text)),
    );
    expect(parsed.filter(t => !inputs.has(t))).toEqual([
      edit.files['web-patch.yaml'],
    ]);
  });

  it('the commit after a preview of the same files parses nothing again, and edits the same', () => {
    const files = overlay({
      'bundle.yaml': largeManifest(32 * 1024, 'cached').replace(
        /name: web/g,
        'name: other',
      ),
    });
    const request = {
      files,
      workload: 'Deployment/web',
      change: { replicas: 3, env: { set: { MODE: 'fast' } } },
    };
    const preview = runManifestTask({ kind: 'preview', request });
    const parse = jest.spyOn(yaml, 'parseAllDocuments');
    const commit = runManifestTask({ kind: 'edit', request });
    expect(parse).not.toHaveBeenCalled();
    // The shared parses were read, not changed: the second edit is the first one again.
    expect(commit).toEqual(preview.edit);
    expect(runManifestTask({ kind: 'preview', request })).toEqual(preview);
  });

  it('a large edit does not stall other requests', async () => {
    const big = { 'web.yaml': largeManifest(900 * 1024) };
    const small = { 'web.yaml': largeManifest(1024) };
    const finished: string[] = [];
    let ticks = 0;
    let running = true;
    const loop = async () => {
      while (running) {
        ticks++;
        await new Promise(resolve => setImmediate(resolve));
      }
    };
    const spinning = loop();
    const large = pool
      .run({
        kind: 'preview',
        request: { files: big, change: { replicas: 5 } },
      })
      .then(result => {
        finished.push('large');
        return result;
      });
    const ticksWhenSent = ticks;
    const quick = pool
      .run({ kind: 'edit', request: { files: small, change: { replicas: 2 } } })
      .then(result => {
        finished.push('small');
        return result;
      });
    await quick;
    // The small change, sent after the large one, was answered while the large one still ran,
    // and the event loop kept turning meanwhile.
    expect(finished).toEqual(['small']);
    expect(ticks).toBeGreaterThan(ticksWhenSent);
    const { edit } = await large;
    running = false;
    await spinning;
    expect(finished).toEqual(['small', 'large']);
    expect(edit.changes).toEqual([
      expect.objectContaining({
        file: 'web.yaml',
        document: 'Deployment/web',
        path: 'spec.replicas',
        old: 1,
        new: 5,
      }),
    ]);
    expect(edit.files['web.yaml']).toBe(
      big['web.yaml'].replace('replicas: 1', 'replicas: 5'),
    );
  });

  it('a task over its time budget answers 503, and the pool serves the next one', async () => {
    const strict = new ManifestWorkerPool({ size: 1, timeoutMs: 1 });
    try {
      const big = { 'web.yaml': largeManifest(900 * 1024) };
      await expect(
        strict.run({
          kind: 'edit',
          request: { files: big, change: { replicas: 5 } },
        }),
      ).rejects.toThrow(ServiceUnavailableError);
    } finally {
      await strict.close();
    }
    // A worker that throws fails only its own task.
    await expect(
      pool.run({
        kind: 'edit',
        request: { files: { 'web.yaml': 'a: [1\n' }, change: { replicas: 2 } },
      }),
    ).rejects.toThrow(InputError);
    const result = await pool.run({
      kind: 'validate',
      files: { 'web.yaml': largeManifest(1024) },
    });
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('refuses tasks beyond its queue with 503', async () => {
    const tiny = new ManifestWorkerPool({ size: 1, maxQueued: 1 });
    try {
      const files = { 'web.yaml': largeManifest(200 * 1024) };
      const first = tiny.run({ kind: 'validate', files });
      const second = tiny.run({ kind: 'validate', files });
      await expect(tiny.run({ kind: 'validate', files })).rejects.toThrow(
        ServiceUnavailableError,
      );
      await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    } finally {
      await tiny.close();
    }
  });
});
