/** Measurements that need a fresh process: model cold start, the server's cold start, heap used by one validation. */
import { spawnSync } from 'node:child_process';
import { LspSession } from '../fuzz/lspClient';
import { median, percentile } from './stats';

/** Wall time of `node ARGS` from spawn to exit, median of `runs`. */
export function processMs(args: string[], runs: number): { median: number; failures: number } {
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - start);
    // The CLI exits 1 when it finds errors; only a crash (2 or a signal) counts as a failed run.
    if (result.status === null || result.status > 1) failures++;
  }
  return { median: median(times), failures };
}

export interface HeapResult {
  analysisHeapBytes: number;
  totalHeapBytes: number;
  peakRssGrowthBytes: number;
  ms: number;
  findings: number;
}

/** Runs this same tool as `--child-heap FILE` under --expose-gc and reads its one-line JSON answer. */
export function heapOfValidation(selfPath: string, file: string): HeapResult | { error: string } {
  const result = spawnSync(process.execPath, ['--expose-gc', selfPath, '--child-heap', file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as HeapResult;
  } catch {
    return { error: `child exited ${result.status}: ${result.stderr.slice(-500)}` };
  }
}

export interface ServerStart {
  initializeMs: number;
  firstDiagnosticsMs: number;
}

/** Spawn → initialize answered, and spawn → first publishDiagnostics for a small bootstrap, median of `runs`. */
export async function serverColdStart(serverPath: string, bootstrapText: string, runs: number): Promise<ServerStart | { error: string }> {
  const initialize: number[] = [];
  const diagnostics: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const session = new LspSession(serverPath);
    const init = await session.initialize();
    if (!init.result) {
      await session.shutdown();
      return { error: init.error ?? 'initialize timed out' };
    }
    initialize.push(performance.now() - start);
    const uri = 'file:///bench/bootstrap.yaml';
    const published = session.waitForDiagnostics(uri, 1, 30_000);
    session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: bootstrapText } });
    if (!(await published)) {
      await session.shutdown();
      return { error: 'no diagnostics within 30 s' };
    }
    diagnostics.push(performance.now() - start);
    await session.shutdown();
  }
  return { initializeMs: median(initialize), firstDiagnosticsMs: median(diagnostics) };
}

export interface LspNavigation {
  hover?: { p50: number; p95: number };
  definition?: { p50: number; p95: number };
  openMs: number;
}

/** Hover and definition over LSP on a large file, at the given offsets; a provider the server lacks is left out. */
export async function lspNavigation(serverPath: string, text: string, positions: { line: number; character: number }[]): Promise<LspNavigation | { error: string }> {
  const session = new LspSession(serverPath);
  try {
    const init = await session.initialize();
    if (!init.result) return { error: init.error ?? 'initialize timed out' };
    const uri = 'file:///bench/config_dump.json';
    const start = performance.now();
    const published = session.waitForDiagnostics(uri, 1, 120_000);
    session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    if (!(await published)) return { error: 'no diagnostics within 120 s' };
    const openMs = performance.now() - start;
    const measure = async (method: string) => {
      const times: number[] = [];
      for (const position of positions) {
        const response = await session.request(method, { textDocument: { uri }, position }, 10_000);
        if (response.error || response.timedOut) return undefined;
        times.push(response.ms);
      }
      return { p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    const result: LspNavigation = { openMs };
    if (session.capabilities.hoverProvider) result.hover = await measure('textDocument/hover');
    if (session.capabilities.definitionProvider) result.definition = await measure('textDocument/definition');
    return result;
  } finally {
    await session.shutdown();
  }
}

export interface BusyServer {
  /** open → diagnostics of the large document */
  largeOpenMs: number;
  /** hovers on the small document answered while the large one was being analysed */
  hovers: number;
  slowestHoverMs: number;
}

/**
 * What a user editing a small file feels while a large dump is opened beside it: hovers on the small file, one
 * after another, from the large file's didOpen until its diagnostics arrive. The floor is that analysis itself,
 * which a server analysing on its one thread would make every hover wait for.
 */
export async function hoversWhileLargeOpens(serverPath: string, largeText: string, smallText: string, smallPosition: { line: number; character: number }): Promise<BusyServer | { error: string }> {
  const session = new LspSession(serverPath);
  try {
    const init = await session.initialize();
    if (!init.result) return { error: init.error ?? 'initialize timed out' };
    const smallUri = 'file:///bench/bootstrap.yaml';
    const smallReady = session.waitForDiagnostics(smallUri, 1, 30_000);
    session.notify('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'yaml', version: 1, text: smallText } });
    if (!(await smallReady)) return { error: 'no diagnostics for the small file' };
    const largeUri = 'file:///bench/large_config_dump.json';
    let done = false;
    const start = performance.now();
    const largeReady = session.waitForDiagnostics(largeUri, 1, 300_000).then((ok) => ((done = true), ok));
    session.notify('textDocument/didOpen', { textDocument: { uri: largeUri, languageId: 'json', version: 1, text: largeText } });
    const times: number[] = [];
    while (!done) {
      const response = await session.request('textDocument/hover', { textDocument: { uri: smallUri }, position: smallPosition }, 300_000);
      if (response.error || response.timedOut) return { error: `hover: ${response.error ?? 'timed out'}` };
      times.push(response.ms);
    }
    if (!(await largeReady)) return { error: 'no diagnostics for the large file' };
    return { largeOpenMs: performance.now() - start, hovers: times.length, slowestHoverMs: Math.max(...times) };
  } finally {
    await session.shutdown();
  }
}
