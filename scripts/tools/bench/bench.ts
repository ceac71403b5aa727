/**
 * npm run bench [-- --package] [--quick] [--keep] : one run prints every performance number we track, each against
 * a peer or a floor, and ends with a Markdown table. Inputs are generated into a temp dir; ../shared/corpus is used
 * when present. Timings are medians (percentiles for hover/definition) because the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeText } from '../../../server/src/core/analyze';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { findSchemasDir } from '../../../server/src/runtime/models';
import { benchDumpLoad, type DumpRow } from './dumpBench';
import { generateDumpOfSize } from './generateDump';
import { generateEnvoyFilters } from './generateEnvoyFilter';
import { benchNavigation, clusterReferenceOffsets } from './navigationBench';
import { heapOfValidation, hoversWhileLargeOpens, lspNavigation, processMs, serverColdStart, type HeapResult } from './processBench';
import { markdownTable, type TableRow } from './report';
import { factor, formatMb, formatMs, median, sample } from './stats';
import { benchValidation, type ValidationRow } from './validationBench';
import { createPeerValidator } from './yamlLanguageServer';
import { benchWorkspaceIndexing } from './workspaceBench';

const MB = 1024 * 1024;
const repoRoot = dirname(findSchemasDir());
const corpusDump = join(repoRoot, '..', 'shared', 'corpus', 'config-dumps', 'istio-sidecar', 'deathstarbench-hr2-geo-sidecar-istio1.18.json');

const SMALL_BOOTSTRAP = `static_resources:
  listeners:
  - name: ingress
    address:
      socket_address: { address: 0.0.0.0, port_value: 8080 }
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: ingress
          route_config:
            virtual_hosts:
            - name: all
              domains: ["*"]
              routes:
              - match: { prefix: "/" }
                route: { cluster: backend, timeout: 5s }
          http_filters:
          - name: envoy.filters.http.router
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
  clusters:
  - name: backend
    type: STRICT_DNS
    connect_timeout: 1s
    load_assignment:
      cluster_name: backend
      endpoints:
      - lb_endpoints:
        - endpoint:
            address:
              socket_address: { address: backend.local, port_value: 80 }
`;

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** The child side of the heap measurement: validate one file and print what it cost, as JSON. */
function childHeap(file: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const text = readFileSync(file, 'utf8');
  const checkers = loadCheckers();
  gc();
  const before = process.memoryUsage();
  const start = performance.now();
  const analysis = analyzeText({ text, fileName: file }, checkers);
  const ms = performance.now() - start;
  gc();
  const after = process.memoryUsage().heapUsed;
  const result: HeapResult = {
    analysisHeapBytes: after - before.heapUsed,
    totalHeapBytes: after,
    // The process-lifetime peak less the resident size just before: an upper bound on what validation needed at once.
    peakRssGrowthBytes: Math.max(0, process.resourceUsage().maxRSS * 1024 - before.rss),
    ms,
    findings: analysis.findings.length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function ensureServerBundle(): string {
  const server = join(repoRoot, 'dist', 'server.js');
  if (!existsSync(server) || !existsSync(join(repoRoot, 'dist', 'cli.js'))) {
    log('dist/ is missing: building it with node scripts/build.mjs');
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('node scripts/build.mjs failed');
  }
  return server;
}

function vsixSize(buildIt: boolean): { file: string; bytes: number } | undefined {
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const file = `envoy-lens-${version}.vsix`;
  if (buildIt) spawnSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  const path = join(repoRoot, file);
  return existsSync(path) ? { file, bytes: statSync(path).size } : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child-heap') return childHeap(args[1]);
  const quick = args.includes('--quick');
  const cpu = cpus();
  log(`# envoy-lens bench — ${new Date().toISOString()}`);
  log(`machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown cpu'}), ${formatMb(totalmem())} RAM, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log('every time is a median of repeated runs on a shared machine; hover/definition are percentiles over many probes');

  const work = mkdtempSync(join(tmpdir(), 'envoy-lens-bench-'));
  const rows: TableRow[] = [];
  try {
    const efSizes = quick ? [2_000, 20_000] : [2_000, 20_000, 100_000];
    const dumpSizes = quick ? [3] : [3, 14, 43];
    const efFiles = efSizes.map((lines) => {
      const path = join(work, `envoyfilter-${lines / 1000}k.yaml`);
      writeFileSync(path, generateEnvoyFilters(lines));
      return { label: `${lines / 1000}k lines`, path };
    });
    const dumpFiles = dumpSizes.map((mb) => {
      const path = join(work, `config_dump-${mb}mb.json`);
      const dump = generateDumpOfSize(mb * MB);
      writeFileSync(path, dump.text);
      return { label: `generated ${formatMb(dump.text.length)} (${dump.services} services)`, path, mb };
    });
    const haveCorpus = existsSync(corpusDump);
    log(`inputs in ${work}; ../shared corpus dump: ${haveCorpus ? 'present' : 'absent (using generated dumps only)'}`);

    // ── validation vs yaml-language-server
    log('\n## EnvoyFilter re-validation (warm): analyzeText + all checkers vs yaml-language-server doValidation');
    const checkers = loadCheckers();
    const peer = createPeerValidator(repoRoot, findSchemasDir());
    const validation: ValidationRow[] = [];
    for (const file of efFiles) {
      const row = await benchValidation(file.label, readFileSync(file.path, 'utf8'), checkers, peer);
      validation.push(row);
      log(
        `${row.label.padEnd(11)} (${row.lines} lines, ${row.runs} runs): ours ${formatMs(row.oursMs)} (${row.ourFindings} findings), ` +
          `yaml-language-server ${peer.version} ${formatMs(row.peerMs)} (${row.peerDiagnostics} diagnostics) → ${factor(row.peerMs, row.oursMs)} faster`,
      );
    }
    const targets: Record<number, number> = { 2_000: 15, 20_000: 120 };
    validation.forEach((row, i) => {
      const budget = targets[efSizes[i]];
      const speedup = row.peerMs / row.oursMs;
      rows.push({
        metric: `EnvoyFilter re-validation, ${row.label}`,
        ours: formatMs(row.oursMs),
        peer: `${formatMs(row.peerMs)} (yaml-ls)`,
        ratio: `${factor(row.peerMs, row.oursMs)} faster`,
        target: budget ? `≤ ${budget} ms, ≥ 3× faster` : '≥ 3× faster',
        met: (budget === undefined || row.oursMs <= budget) && speedup >= 3,
      });
    });

    // ── config dump load
    log('\n## Config dump load + root tree (loadConfigDump + buildDumpTree) vs JSON.parse');
    const dumpInputs = [...(haveCorpus ? [{ label: 'corpus sidecar 2.4 MB', path: corpusDump, mb: 2.4 }] : []), ...dumpFiles];
    const dumpRows: DumpRow[] = [];
    for (const input of dumpInputs) {
      const row = benchDumpLoad(input.label, readFileSync(input.path, 'utf8'));
      dumpRows.push(row);
      log(`${row.label}: ${formatMb(row.bytes)}, ${row.runs} runs: load+tree ${formatMs(row.loadMs)}, JSON.parse ${formatMs(row.parseMs)} → ${factor(row.loadMs, row.parseMs)} the floor`);
      log(`  tree: ${row.summary}`);
      rows.push({
        metric: `dump load + tree, ${row.label}`,
        ours: formatMs(row.loadMs),
        peer: `${formatMs(row.parseMs)} (JSON.parse)`,
        ratio: factor(row.loadMs, row.parseMs),
        target: input.mb === 14 ? '≤ 1 s' : '',
        met: input.mb === 14 ? row.loadMs <= 1000 : undefined,
      });
    }

    // ── heap of one validation
    log('\n## Validating a 2.4 MB dump (fresh process, --expose-gc)');
    let heapFile = corpusDump;
    if (!haveCorpus) {
      heapFile = join(work, 'config_dump-2.4mb.json');
      writeFileSync(heapFile, generateDumpOfSize(2.4 * MB).text);
    }
    const heapText = readFileSync(heapFile, 'utf8');
    const warmValidation = median(sample(() => analyzeText({ text: heapText, fileName: heapFile }, checkers), 3, 1));
    log(`warm, in-process (median of 3): ${formatMs(warmValidation)}`);
    rows.push({ metric: 'validate 2.4 MB dump: time (warm)', ours: formatMs(warmValidation), peer: '', ratio: '', target: '' });
    const heap = heapOfValidation(process.argv[1], heapFile);
    if ('error' in heap) {
      log(`failed: ${heap.error}`);
      rows.push({ metric: 'validate 2.4 MB dump: heap', ours: 'failed', peer: '', ratio: '', target: '≤ 150 MB', met: false });
    } else {
      log(`${haveCorpus ? 'corpus' : 'generated'} dump: ${formatMs(heap.ms)} (one run in a fresh process), ${heap.findings} findings; heap retained by the analysis ${formatMb(heap.analysisHeapBytes)}, total heap after ${formatMb(heap.totalHeapBytes)}, peak RSS growth while validating ${formatMb(heap.peakRssGrowthBytes)}`);
      rows.push({ metric: 'validate 2.4 MB dump: time (fresh process, 1 run)', ours: formatMs(heap.ms), peer: '', ratio: '', target: '' });
      rows.push({ metric: 'validate 2.4 MB dump: heap held by the analysis', ours: formatMb(heap.analysisHeapBytes), peer: `${formatMb(heap.totalHeapBytes)} (whole heap)`, ratio: '', target: '≤ 150 MB', met: heap.analysisHeapBytes <= 150 * MB });
      rows.push({ metric: 'validate 2.4 MB dump: peak RSS growth', ours: formatMb(heap.peakRssGrowthBytes), peer: '', ratio: '', target: '≤ 150 MB', met: heap.peakRssGrowthBytes <= 150 * MB });
    }

    // ── cold starts
    const serverPath = ensureServerBundle();
    const bootstrapPath = join(work, 'bootstrap.yaml');
    writeFileSync(bootstrapPath, SMALL_BOOTSTRAP);
    log('\n## Model cold start: fresh `node dist/cli.js validate bootstrap.yaml` vs `node -e 0` (median of 9)');
    const bare = processMs(['-e', '0'], 9);
    const cli = processMs([join(repoRoot, 'dist', 'cli.js'), 'validate', bootstrapPath], 9);
    log(`cli validate ${formatMs(cli.median)}${cli.failures ? ` (${cli.failures} runs failed)` : ''}, node -e 0 ${formatMs(bare.median)} → ${formatMs(cli.median - bare.median)} above the floor`);
    rows.push({ metric: 'model cold start (CLI validates a small bootstrap)', ours: formatMs(cli.median), peer: `${formatMs(bare.median)} (node -e 0)`, ratio: factor(cli.median, bare.median), target: '≤ 300 ms', met: cli.median <= 300 && cli.failures === 0 });

    log('\n## Language server cold start: spawn → initialize answered → first publishDiagnostics (small bootstrap, median of 5)');
    const server = await serverColdStart(serverPath, SMALL_BOOTSTRAP, 5);
    if ('error' in server) {
      log(`failed: ${server.error}`);
    } else {
      log(`initialize ${formatMs(server.initializeMs)}, first diagnostics ${formatMs(server.firstDiagnosticsMs)}`);
      rows.push({ metric: 'server start → initialize answered', ours: formatMs(server.initializeMs), peer: `${formatMs(bare.median)} (node -e 0)`, ratio: factor(server.initializeMs, bare.median), target: '' });
      rows.push({ metric: 'server start → first diagnostics', ours: formatMs(server.firstDiagnosticsMs), peer: `${formatMs(bare.median)} (node -e 0)`, ratio: factor(server.firstDiagnosticsMs, bare.median), target: '' });
    }

    // ── hover / definition
    const navFile = haveCorpus ? corpusDump : dumpFiles[0].path;
    const navLabel = haveCorpus ? '2.4 MB corpus dump' : '3 MB generated dump';
    const navText = readFileSync(navFile, 'utf8');
    log(`\n## Hover and definition on the ${navLabel} (route cluster references), in-process core`);
    const nav = benchNavigation(navText, checkers);
    log(`${nav.probes} probes; first hover (builds the object graph) ${formatMs(nav.firstHoverMs)}`);
    log(`hover p50 ${formatMs(nav.hover.p50)} p95 ${formatMs(nav.hover.p95)} (${nav.hover.answered} of ${nav.probes / 5} answered); definition p50 ${formatMs(nav.definition.p50)} p95 ${formatMs(nav.definition.p95)} (${nav.definition.answered} answered)`);
    rows.push({ metric: `hover p50 / p95, ${navLabel}`, ours: `${formatMs(nav.hover.p50)} / ${formatMs(nav.hover.p95)}`, peer: '', ratio: '', target: 'p95 ≤ 5 ms', met: nav.hover.p95 <= 5 });
    rows.push({ metric: `definition p50 / p95, ${navLabel}`, ours: `${formatMs(nav.definition.p50)} / ${formatMs(nav.definition.p95)}`, peer: '', ratio: '', target: 'p95 ≤ 5 ms', met: nav.definition.p95 <= 5 });

    log(`\n## The same over LSP (dist/server.js)`);
    const lineStarts = [0];
    for (let i = 0; i < navText.length; i++) if (navText.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const positions = clusterReferenceOffsets(navText, 40).map((offset) => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: offset - lineStarts[lo] };
    });
    const overLsp = await lspNavigation(serverPath, navText, positions);
    if ('error' in overLsp) log(`failed: ${overLsp.error}`);
    else {
      log(`didOpen → diagnostics ${formatMs(overLsp.openMs)}`);
      log(`hover: ${overLsp.hover ? `p50 ${formatMs(overLsp.hover.p50)} p95 ${formatMs(overLsp.hover.p95)}` : 'not available (the server does not advertise hoverProvider)'}`);
      log(`definition: ${overLsp.definition ? `p50 ${formatMs(overLsp.definition.p50)} p95 ${formatMs(overLsp.definition.p95)}` : 'not available (the server does not advertise definitionProvider)'}`);
      const cell = (m?: { p50: number; p95: number }) => (m ? `${formatMs(m.p50)} / ${formatMs(m.p95)}` : 'not available');
      rows.push({ metric: `hover p50 / p95 over LSP, ${navLabel}`, ours: cell(overLsp.hover), peer: '', ratio: '', target: 'p95 ≤ 5 ms', met: overLsp.hover ? overLsp.hover.p95 <= 5 : undefined });
      rows.push({ metric: `definition p50 / p95 over LSP, ${navLabel}`, ours: cell(overLsp.definition), peer: '', ratio: '', target: 'p95 ≤ 5 ms', met: overLsp.definition ? overLsp.definition.p95 <= 5 : undefined });
    }

    const largeDump = dumpFiles.find((file) => file.mb === 14) ?? dumpFiles[dumpFiles.length - 1];
    log(`\n## Hovers on a small bootstrap while a ${largeDump.mb} MB dump is opened beside it, over LSP`);
    const busy = await hoversWhileLargeOpens(serverPath, readFileSync(largeDump.path, 'utf8'), SMALL_BOOTSTRAP, positionIn(SMALL_BOOTSTRAP, 'connect_timeout'));
    if ('error' in busy) log(`failed: ${busy.error}`);
    else {
      log(`${busy.hovers} hovers answered during the ${formatMs(busy.largeOpenMs)} the dump took to get its diagnostics; slowest ${formatMs(busy.slowestHoverMs)}`);
      rows.push({ metric: `slowest hover on another file while a ${largeDump.mb} MB dump is analysed`, ours: formatMs(busy.slowestHoverMs), peer: `${formatMs(busy.largeOpenMs)} (that analysis)`, ratio: `${factor(busy.largeOpenMs, busy.slowestHoverMs)} shorter`, target: '≤ 500 ms', met: busy.slowestHoverMs <= 500 });
    }

    // ── package size
    log('\n## Workspace index: 1,000 Envoy files read, parsed and indexed (as the server does at start)');
    const workspace = benchWorkspaceIndexing(join(work, 'workspace'), 1000);
    log(`${workspace.files} files indexed, ${workspace.definitions} definitions, in ${formatMs(workspace.ms)}`);
    rows.push({ metric: 'workspace index, 1,000 Envoy files', ours: formatMs(workspace.ms), peer: '', ratio: '', target: '≤ 2 s', met: workspace.ms <= 2000 && workspace.files === 1000 });

    log('\n## VSIX size');
    const vsix = vsixSize(args.includes('--package'));
    if (vsix) log(`${vsix.file}: ${formatMb(vsix.bytes)} of the 3 MB budget`);
    else log('no VSIX in the repository root (npm run bench -- --package builds one)');
    rows.push({ metric: 'VSIX size', ours: vsix ? formatMb(vsix.bytes) : 'not built', peer: '3.0 MB (budget)', ratio: vsix ? `${((vsix.bytes / (3 * MB)) * 100).toFixed(0)}% of budget` : '', target: '≤ 3 MB', met: vsix ? vsix.bytes <= 3 * MB : undefined });

    log('\n## Summary\n');
    log(markdownTable(rows));
  } finally {
    if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
  }
}

function positionIn(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
