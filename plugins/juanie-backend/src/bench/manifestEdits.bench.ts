import { largeManifest } from '../gitops/testing/largeManifest';
import { runManifestTask } from '../gitops/manifestTasks';
import { ManifestWorkerPool } from '../gitops/ManifestWorkerPool';
import { MAX_FILE_BYTES } from '../gitops/parseYamlDocuments';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { startJuanieTestBackend } from '../testing/testBackend';
import { mib, ms, percentile, report, timeRequests } from './benchUtils';

jest.setTimeout(30 * 60_000);

const EDITS = 5;
const SAMPLES = 100;

function median(samples: number[]) {
  return percentile(samples, 50);
}

async function timed(run: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('bench: manifest edits of large files', () => {
  const databases = createJuanieTestDatabases();

  it('measures a one-field change in a 1 MiB manifest, in-process and on a worker', async () => {
    // A generated 1 MiB bundle (a Deployment and ConfigMaps), just under the size limit.
    const text = largeManifest(MAX_FILE_BYTES - 4096);
    const request = { files: { 'bundle.yaml': text }, change: { replicas: 3 } };
    const inProcess: number[] = [];
    for (let i = 0; i < EDITS; i++)
      inProcess.push(
        await timed(() => runManifestTask({ kind: 'preview', request })),
      );
    const pool = new ManifestWorkerPool({ size: 1 });
    const onWorker: number[] = [];
    try {
      await pool.run({ kind: 'validate', files: { 'x.yaml': 'a: 1\n' } }); // start the worker
      for (let i = 0; i < EDITS; i++)
        onWorker.push(
          await timed(() => pool.run({ kind: 'preview', request })),
        );
    } finally {
      await pool.close();
    }
    report(
      `one-field change (preview: edit + validation) in a ${mib(
        text.length,
      )} manifest of ${
        text.split('\n---').length
      } documents (n=${EDITS}): in-process median ${ms(
        median(inProcess),
      )}, on a worker median ${ms(
        median(onWorker),
      )} (target < 200 ms; was 7.4 s)`,
    );
  });

  it('measures the p95 of other requests while large validations run', async () => {
    const knex = await databases.init('SQLITE_3');
    // The JSON body limit is 1 MB: a 900 KiB manifest is the largest a request carries.
    const files = { 'bundle.yaml': largeManifest(900 * 1024) };
    const results: string[] = [];
    for (const editorWorkers of [2, 0]) {
      const { as, stop } = await startJuanieTestBackend(knex, {
        juanie: { platformAdmins: [], gitops: { editorWorkers } },
      });
      try {
        const carol = as('carol');
        const health = () => carol.get('/health').expect(200);
        const idle = await timeRequests(SAMPLES, health);
        let loading = true;
        let validations = 0;
        const load = (async () => {
          while (loading) {
            await carol.post('/gitops/validate', { files }).expect(200);
            validations++;
          }
        })();
        const busy = await timeRequests(SAMPLES, health);
        loading = false;
        await load;
        const where = editorWorkers
          ? `${editorWorkers} workers`
          : 'in-process (editorWorkers: 0)';
        results.push(
          `GET /health p95 while 900 KiB manifests are validated, ${where}: ${ms(
            busy.p95,
          )} vs ${ms(idle.p95)} idle (${(busy.p95 / idle.p95).toFixed(
            1,
          )}×, ${validations} validations ran, n=${SAMPLES})`,
        );
      } finally {
        await stop();
      }
    }
    results.forEach(report);
  });
});
