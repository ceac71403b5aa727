import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../../../server/src/lsp/analysisCache';
import type { AnalysisWorker } from '../../../server/src/lsp/analysisWorker';
import { LargeDocuments } from '../../../server/src/lsp/largeDocuments';
import type { WorkerJob } from '../../../server/src/worker/messages';

/** A worker whose answers the test gives by hand. */
class ManualWorker {
  running = true;
  generation = 1;
  readonly jobs: { job: WorkerJob; resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  call<T>(job: WorkerJob): Promise<T> {
    return new Promise<T>((resolve, reject) => this.jobs.push({ job, resolve: resolve as (value: unknown) => void, reject }));
  }
  tell(job: WorkerJob): void {
    this.jobs.push({ job, resolve: () => undefined, reject: () => undefined });
  }
}

function setUp() {
  const worker = new ManualWorker();
  let document = { uri: 'file:///big.json', version: 1, languageId: 'json', getText: () => '{}' } as unknown as TextDocument;
  const related = { generation: 0 };
  const cache = { relatedGeneration: () => related.generation, relatedFacts: () => undefined } as unknown as AnalysisCache;
  const late: string[] = [];
  const large = new LargeDocuments(worker as unknown as AnalysisWorker, cache, () => document, (method) => late.push(method));
  const edit = () => (document = { ...document, version: document.version + 1 } as TextDocument);
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { worker, large, edit, current: () => document, settle, late, related };
}

const reply = { recognized: true, readsOtherFiles: true, diagnostics: [], facts: undefined };

test('versions asked for while one is analysed wait for it, and only the newest of them is analysed', async () => {
  const { worker, large, edit, current, settle } = setUp();
  const first = large.analysis(current());
  assert.equal(large.analysis(current()), first, 'the same version is analysed once');
  await settle();
  const second = large.analysis(edit());
  const third = large.analysis(edit());
  await settle();
  assert.deepEqual(worker.jobs.map(({ job }) => (job as { version: number }).version), [1], 'nothing more is sent while version 1 runs');
  worker.jobs[0].resolve(reply);
  assert.deepEqual(await first, reply);
  assert.equal(await second, undefined, 'version 2 was superseded before it started');
  await settle();
  assert.deepEqual(worker.jobs.map(({ job }) => (job as { version: number }).version), [1, 3]);
  worker.jobs[1].resolve(reply);
  assert.deepEqual(await third, reply);
});

test('a version the worker died on is reported on the document and not sent again', async () => {
  const { worker, large, current, settle } = setUp();
  const analysed = large.analysis(current());
  await settle();
  worker.jobs[0].reject(new Error('the analysis worker exited (code 134)'));
  const stopped = await analysed;
  assert.deepEqual(stopped?.diagnostics.map((d) => d.code), ['analysis-stopped']);
  assert.match(String(stopped?.diagnostics[0].message), /code 134/);
  worker.running = false;
  assert.equal(large.analysis(current()), analysed);
  await settle();
  assert.equal(worker.jobs.length, 1);
});

test('a hover the worker has not answered in time is answered with nothing; an outline waits', async () => {
  const { worker, large, current, settle, late } = setUp();
  const hover = large.request(current(), 'hover', { position: { line: 0, character: 0 } });
  const outline = large.request(current(), 'documentSymbol', {});
  await settle();
  worker.jobs[0].resolve(reply);
  await settle();
  assert.deepEqual(worker.jobs.map(({ job }) => job.kind), ['analyze', 'request', 'request']);
  assert.equal(await hover, null, 'no answer within the deadline');
  assert.deepEqual(late, ['hover'], 'and the server is told, to log it');
  worker.jobs[2].resolve([{ name: 'listener' }]);
  assert.deepEqual(await outline, [{ name: 'listener' }]);
});

test('a change in other files analyses a document again only if it reads them (a config dump does not)', async () => {
  const { worker, large, current, settle, related } = setUp();
  const first = large.analysis(current());
  await settle();
  worker.jobs[0].resolve({ ...reply, readsOtherFiles: false });
  await first;
  related.generation++;
  assert.equal(large.analysis(current()), first, 'the dump is not read again');
  await settle();
  assert.equal(worker.jobs.length, 1);

  const other = setUp();
  const bootstrap = other.large.analysis(other.current());
  await other.settle();
  other.worker.jobs[0].resolve(reply);
  await bootstrap;
  other.related.generation++;
  const again = other.large.analysis(other.current());
  assert.notEqual(again, bootstrap);
  await other.settle();
  assert.equal(other.worker.jobs.length, 2, 'a bootstrap is checked again against the new cluster names');
});

