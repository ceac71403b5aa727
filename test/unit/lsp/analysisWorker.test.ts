import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AnalysisWorker } from '../../../server/src/lsp/analysisWorker';

// A stand-in worker: answers each job with its kind, and dies (as on running out of memory) on `forget` of "fatal".
const script = `
const { parentPort } = require('node:worker_threads');
let jobs = 0;
parentPort.on('message', ({ id, job }) => {
  jobs++;
  if (job.kind === 'analyze' && job.uri === 'fatal') process.exit(7);
  if (job.kind === 'analyze' && job.uri === 'throws') return parentPort.postMessage({ id, ok: false, message: 'bad input' });
  if (id !== 0) parentPort.postMessage({ id, ok: true, value: { kind: job.kind, jobs } });
});
`;
const dir = mkdtempSync(join(tmpdir(), 'envoy-lens-worker-'));
const scriptPath = join(dir, 'worker.js');
writeFileSync(scriptPath, script);
after(() => rmSync(dir, { recursive: true, force: true }));

const analyze = (uri: string) => ({ kind: 'analyze' as const, uri, version: 1, text: '', languageId: 'yaml' });

test('the analysis worker starts on first use, and again after it dies; the calls it held fail', async () => {
  const logs: string[] = [];
  const worker = new AnalysisWorker(scriptPath, (_level, message) => logs.push(message), () => true);
  assert.equal(worker.running, false);
  const first = await worker.call<{ kind: string; jobs: number }>(analyze('a'));
  assert.deepEqual(first, { kind: 'analyze', jobs: 1 });
  assert.equal(worker.generation, 1);

  await assert.rejects(worker.call(analyze('fatal')), /exited \(code 7\)/);
  assert.equal(worker.running, false);
  assert.match(logs.join('\n'), /1 job\(s\) lost/);

  const again = await worker.call<{ jobs: number }>(analyze('b'));
  assert.equal(again.jobs, 1, 'a new worker, counting from one');
  assert.equal(worker.generation, 2);
  await worker.stop();
});

test('a job the worker refuses fails alone; the configuration reaches every new worker first', async () => {
  const worker = new AnalysisWorker(scriptPath, () => undefined, () => true);
  worker.configure({ kind: 'configure', settings: {} as never, envoyApiPath: '', cacheDir: '', snippets: false });
  await assert.rejects(worker.call(analyze('throws')), /bad input/);
  const after = await worker.call<{ jobs: number }>(analyze('c'));
  assert.equal(after.jobs, 3, 'configure, the refused job, then this one');
  await worker.stop();
});
