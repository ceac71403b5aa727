/**
 * npm run fuzz [-- --count N] [--seed S] [--only I] [--no-heavy] [--build] [--server PATH] : drives the real language server
 * (dist/server.js over stdio) with mutated and hostile documents and reports every crash, hang, slow answer, error
 * log and memory blow-up, each with the document saved under .cache/fuzz-failures/ and the command to replay it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { findSchemasDir } from '../../../server/src/runtime/models';
import { makeDocument, type Schedule } from './documents';
import { FailureLog, type Failure } from './failures';
import { LspSession } from './lspClient';
import { planFromCapabilities, type ProbePlan } from './probes';
import { Runner } from './runner';
import { loadSeeds } from './seeds';

const DEFAULT_SEED = 20_241_121;
const repoRoot = dirname(findSchemasDir());

interface Options {
  count: number;
  seed: number;
  only?: number;
  heavyEvery: number;
  slowHeavy: number;
  build: boolean;
  maxRssMb: number;
  budgetMs: number;
  server?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { count: 10_000, seed: DEFAULT_SEED, heavyEvery: 500, slowHeavy: 2, build: false, maxRssMb: 2048, budgetMs: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const next = Number(argv[++i]);
      if (!Number.isFinite(next)) throw new Error(`${argv[i - 1]} needs a number`);
      return next;
    };
    switch (argv[i]) {
      case '--count': options.count = value(); break;
      case '--seed': options.seed = value(); break;
      case '--only': options.only = value(); break;
      case '--heavy-every': options.heavyEvery = value(); break;
      case '--slow-heavy': options.slowHeavy = value(); break;
      case '--no-heavy': options.heavyEvery = 0; break;
      case '--max-rss-mb': options.maxRssMb = value(); break;
      case '--build': options.build = true; break;
      case '--server': options.server = argv[++i]; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return options;
}

async function startServer(serverPath: string): Promise<{ session: LspSession; plan: ProbePlan }> {
  const session = new LspSession(serverPath);
  const init = await session.initialize();
  if (!init.result) throw new Error(`the server did not initialize: ${init.error ?? 'timed out'}\n${session.stderr}`);
  return { session, plan: planFromCapabilities(session.capabilities, 10_000) };
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const serverPath = options.server ? resolve(options.server) : join(repoRoot, 'dist', 'server.js');
  if (!options.server && (options.build || !existsSync(serverPath))) {
    console.log('building dist/ with node scripts/build.mjs');
    if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  }
  const seeds = loadSeeds(repoRoot);
  const schedule: Schedule = { count: options.count, heavyEvery: options.heavyEvery, slowHeavy: options.slowHeavy };
  const failures = new FailureLog(join(repoRoot, '.cache', 'fuzz-failures'));
  let { session, plan } = await startServer(serverPath);
  console.log(`machine: ${cpus().length} cores, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`fuzz: seed ${options.seed}, ${options.only !== undefined ? `document ${options.only} only` : `${options.count} documents`}, ${seeds.length} seed files, heavy every ${options.heavyEvery || '—'}`);
  console.log(`server ${relative(repoRoot, serverPath)} advertises: ${plan.methods.length ? plan.methods.join(', ') : 'no document requests (only diagnostics are exercised)'}`);

  const report = (failure: Failure) => {
    console.log(`FAIL [${failure.kind}] seed=${failure.seed} doc=${failure.document} origin=${failure.origin} mutations=${failure.mutations.join(',') || '—'}`);
    console.log(`     ${failure.detail.split('\n').slice(0, 6).join('\n     ')}`);
    if (failure.file) console.log(`     saved ${relative(repoRoot, failure.file)}; replay: npm run fuzz -- --seed ${failure.seed} --only ${failure.document}`);
  };
  const runner = new Runner(session, plan, failures, { seed: options.seed, budgetMs: options.budgetMs, diagnosticsTimeoutMs: 10_000, heavyTimeoutMs: 120_000, window: 6 }, report);

  let crashes = 0;
  /** from servers replaced after a crash or hang */
  let emptyAtDeadline = 0;
  let hangs = 0;
  let peakRss = 0;
  let lastRss = 0;
  const started = performance.now();
  const indexes = options.only !== undefined ? [options.only] : Array.from({ length: options.count }, (_, i) => i);
  for (const index of indexes) {
    const document = makeDocument(options.seed, index, seeds, schedule);
    await runner.run(document);
    const memory = session.memory();
    if (memory) {
      lastRss = memory.rss;
      peakRss = Math.max(peakRss, memory.peakRss);
      if (memory.rss > options.maxRssMb * 1024 * 1024) {
        report(failures.record({ seed: options.seed, document: index, origin: document.origin, mutations: document.mutations, kind: 'memory', detail: `server RSS ${mb(memory.rss)} after this document` }, document.text, document.extension));
      }
    }
    if (runner.hung && session.alive) {
      hangs++;
      console.log(`     the server stopped answering on doc ${index}: killed it and started a new one`);
      await session.kill();
      emptyAtDeadline += session.emptyAtDeadline;
      ({ session, plan } = await startServer(serverPath));
      runner.replaceSession(session, plan);
    } else if (!session.alive) {
      crashes++;
      const exit = session.exit!;
      report(failures.record({ seed: options.seed, document: index, origin: document.origin, mutations: document.mutations, kind: 'crash', detail: `server exited (code ${exit.code}, signal ${exit.signal})\n${session.stderr.slice(-3000)}` }, document.text, document.extension));
      emptyAtDeadline += session.emptyAtDeadline;
      ({ session, plan } = await startServer(serverPath));
      runner.replaceSession(session, plan);
    }
    if ((index + 1) % 1000 === 0) {
      const seconds = (performance.now() - started) / 1000;
      console.log(`… ${index + 1} documents, ${runner.stats.requests} requests, ${failures.count()} failures, RSS ${mb(lastRss)}, ${seconds.toFixed(0)} s`);
    }
  }
  await runner.closeAll();
  const final = session.memory();
  if (final) peakRss = Math.max(peakRss, final.peakRss);
  await session.shutdown();

  const { stats } = runner;
  const seconds = (performance.now() - started) / 1000;
  const hardKinds: Failure['kind'][] = ['crash', 'timeout', 'error-response', 'error-log', 'stderr', 'memory', 'no-diagnostics'];
  const hard = hardKinds.reduce((sum, kind) => sum + failures.count(kind), 0);
  const byKind = hardKinds.map((kind) => `${kind} ${failures.count(kind)}`).join(', ');
  console.log('\n## fuzz totals');
  console.log(`documents        ${stats.documents} (seed ${options.seed}) in ${seconds.toFixed(0)} s`);
  console.log(`requests         ${stats.requests} (${plan.methods.length ? plan.methods.join(', ') : 'none advertised'}) + ${stats.documents * 2} validations`);
  console.log(`crashes          ${crashes}; hangs (server killed and restarted) ${hangs}`);
  console.log(`failures         ${hard} (${byKind})`);
  console.log(`over ${options.budgetMs} ms       ${failures.count('slow')} answers (load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores)`);
  console.log(`empty at deadline ${emptyAtDeadline + session.emptyAtDeadline} answers (a large document's analysis was still running; the server says so in its log)`);
  console.log(`slowest answer   ${stats.slowest ? `${stats.slowest.ms.toFixed(1)} ms — ${stats.slowest.method} on doc ${stats.slowest.document} (${stats.slowest.origin})` : 'no requests'}`);
  console.log(`slowest open→diagnostics ${stats.slowestDiagnostics ? `${stats.slowestDiagnostics.ms.toFixed(0)} ms — doc ${stats.slowestDiagnostics.document} (${stats.slowestDiagnostics.origin})` : '—'}`);
  console.log(`peak RSS         ${mb(peakRss)} (server, VmHWM); RSS at the end ${mb(lastRss)}`);
  // Slow answers are listed but do not fail the run: on a shared machine they come and go with the load.
  return hard === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`fuzz failed: ${(error as Error).stack ?? error}`);
    process.exitCode = 2;
  },
);
