// End-to-end tests in a real VS Code: code-server (VS Code 1.100 in the browser) driven by Chromium.
//   1. the in-host mocha suite (out/test/e2e/suite) runs inside the extension host against the extension
//      installed from the packaged VSIX;
//   2. a small UI smoke test clicks through the workbench and saves screenshots to test-results/e2e/.
// Ends with "e2e: N passed, M failed" and exits non-zero on any failure, setup failures included.
// Environment: ENVOY_LENS_E2E_VSIX=<file> tests that VSIX instead of building one; E2E_GREP=<text> runs
// only matching in-host tests; E2E_KEEP=1 keeps the run folder (logs, profiles) under .cache/e2e/runs/;
// E2E_VERBOSE=1 echoes everything the workbench logs; E2E_TIMEOUT_S overrides the 8-minute hard limit.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './install-code-server.mjs';
import { runUiSmoke } from './ui-smoke.mjs';
import { runUiViews } from './ui-views.mjs';

const OVERALL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_S ?? 480) * 1000;
const SUITE_TIMEOUT_MS = 4 * 60_000;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'window.restoreWindows': 'none',
  // The workspaces live inside this repository; keep Git from offering to open it.
  'git.openRepositoryInParentFolders': 'never',
  'git.autoRepositoryDetection': false,
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotDir = join(repoRoot, 'test-results', 'e2e');
const runDir = join(repoRoot, '.cache', 'e2e', 'runs', `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
const verbose = process.env.E2E_VERBOSE === '1';
const started = Date.now();

const results = [];
let codeServer;
let browser;
let finishing = false;
let stage = 'start';

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (line) => console.log(`[e2e ${elapsed()}] ${line}`);

function record(name, ok, detail = '') {
  // After a timeout or signal, whatever was still running fails in cascade; the cause is already recorded.
  if (finishing) return;
  detail = detail.split('\n')[0].slice(0, 400);
  results.push({ name, ok, detail });
  console.log(`  ${ok ? 'pass' : 'FAIL'}  ${name}${detail ? `${ok ? ' ' : ': '}${detail}` : ''}`);
}

function sh(label, command, args, options = {}) {
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${label} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
  log(`${label} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return result;
}

/** The environment code-server and its children get: no leaks from a VS Code this may run inside of. */
function cleanEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  return {
    ...env,
    // code-server keeps logs and state under the XDG folders; keep them inside this run.
    XDG_DATA_HOME: join(runDir, 'xdg-data'),
    XDG_CONFIG_HOME: join(runDir, 'xdg-config'),
    XDG_CACHE_HOME: join(runDir, 'xdg-cache'),
    ...extra,
  };
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** The suite is compiled by `tsc -p .`; compile here too when run alone and the output is stale. */
function ensureSuiteCompiled() {
  const entry = join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(join(repoRoot, 'test', 'e2e', 'suite'))) return entry;
  const result = spawnSync('npx', ['tsc', '-p', '.'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) log(`tsc reported errors (continuing with what it emitted):\n${result.stdout}`);
  if (!existsSync(entry)) throw new Error(`the in-host suite was not compiled: ${entry} is missing`);
  return entry;
}

function packageVsix() {
  if (process.env.ENVOY_LENS_E2E_VSIX) return resolve(process.env.ENVOY_LENS_E2E_VSIX);
  const vsix = join(repoRoot, '.cache', 'e2e', 'envoy-lens.vsix');
  mkdirSync(dirname(vsix), { recursive: true });
  rmSync(vsix, { force: true });
  sh('build (production)', process.execPath, ['scripts/build.mjs', '--production']);
  // --skip-license: without a LICENSE file vsce would ask on stdin, which nobody answers here.
  const args = ['vsce', 'package', '--no-dependencies', '--skip-license', '-o', vsix];
  if (!existsSync(join(repoRoot, '.vscodeignore'))) {
    // Without an ignore file vsce would pack the whole tree, .cache/ included (hundreds of MB).
    const fallback = join(repoRoot, '.cache', 'e2e', 'vscodeignore');
    writeFileSync(fallback, ['**', '!dist/**', '!images/**', '!schemas/**', '!syntaxes/**', '!README.md', '!LICENSE*', '!CHANGELOG.md', ''].join('\n'));
    log('no .vscodeignore in the repository: packaging with a fallback allow-list (dist, images, schemas, syntaxes)');
    args.push('--ignoreFile', fallback);
  }
  sh('vsce package', 'npx', args, { timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const size = statSync(vsix).size;
  log(`VSIX ${(size / 1024).toFixed(0)} KiB`);
  if (size > 30 * 1024 * 1024) throw new Error(`the VSIX is ${(size / 1048576).toFixed(0)} MiB: check .vscodeignore`);
  return vsix;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (codeServer?.exitCode !== null && codeServer?.exitCode !== undefined) {
      throw new Error(`code-server exited with ${codeServer.exitCode} before answering`);
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function copyWorkspace(name) {
  const target = join(runDir, name);
  cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), target, { recursive: true });
  return target;
}

/** Runs the mocha suite inside the extension host and returns how it went. */
async function runInHostSuite({ baseUrl, port, extensionDir, suiteEntry, resultsFile }) {
  const workspace = copyWorkspace('workspace-suite');
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const logLines = [];
  let exited;
  const exitCode = new Promise((resolveExit) => (exited = resolveExit));
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = String(message);
    logLines.push(text);
    if (verbose) console.log(`    [host ${level}] ${text}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => exited(Number(code)));
  page.on('pageerror', (error) => verbose && console.log(`    [page error] ${error.message}`));
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDir)],
    ['extensionTestsPath', remote(suiteEntry)],
  ];
  const url = `${baseUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log('in-host suite: opening the workbench');
  await page.goto(url);
  const code = await Promise.race([
    exitCode,
    new Promise((r) => setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS)),
  ]);
  await page.screenshot({ path: join(screenshotDir, 'in-host-suite.png') }).catch(() => {});
  await page.close().catch(() => {});
  return { code, logLines };
}

function countInHostResults({ code, logLines }, resultsFile) {
  let report;
  if (existsSync(resultsFile)) {
    report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } else {
    // The results file is the main channel; the forwarded log lines are a fallback.
    const tests = [];
    for (const line of logLines) {
      const match = line.match(/\[e2e\] (pass|fail) (.*?)(?: \(\d+ ms\)|: (.*))?$/);
      if (match) tests.push({ title: match[2], state: match[1] === 'pass' ? 'passed' : 'failed', error: match[3] });
    }
    if (tests.length) report = { tests };
  }
  if (!report) {
    const hint = code === 'timeout' ? `no exit within ${SUITE_TIMEOUT_MS / 1000}s` : `exit code ${code}`;
    record('in-host suite', false, `no test results came back (${hint})`);
    return;
  }
  for (const test of report.tests) record(`in-host: ${test.title}`, test.state === 'passed', test.error ?? '');
  const failed = report.tests.filter((t) => t.state !== 'passed').length;
  if (code === 'timeout') record('in-host suite', false, `did not finish within ${SUITE_TIMEOUT_MS / 1000}s`);
  else if (code !== 0 && failed === 0) record('in-host suite', false, `exited with ${code} although no test failed`);
}

/** Run folders survive only when a run was killed outright; drop those older than a few hours. */
function pruneOldRuns() {
  const runs = dirname(runDir);
  if (!existsSync(runs)) return;
  for (const name of readdirSync(runs)) {
    const path = join(runs, name);
    if (Date.now() - statSync(path).mtimeMs > 6 * 3600_000) rmSync(path, { recursive: true, force: true });
  }
}

async function main() {
  pruneOldRuns();
  mkdirSync(runDir, { recursive: true });
  mkdirSync(screenshotDir, { recursive: true });
  for (const name of readdirSync(screenshotDir)) if (name.endsWith('.png')) rmSync(join(screenshotDir, name));

  stage = 'code-server, Chromium and rg';
  log(`checking ${stage}`);
  const { entry: codeServerEntry, chromium } = ensureCodeServer((line) => log(line));
  stage = 'compiling the in-host suite';
  const suiteEntry = ensureSuiteCompiled();
  stage = 'building and packaging the VSIX';
  const vsix = packageVsix();
  stage = 'installing the VSIX';

  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  const common = ['--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  sh('install the VSIX', process.execPath, [codeServerEntry, ...common, '--install-extension', vsix], { env: cleanEnv() });
  const installed = readdirSync(extensionsDir).find((name) => name.startsWith('envoy-lens.envoy-lens-'));
  if (!installed) throw new Error(`the VSIX did not install into ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);
  const extensionDir = join(extensionsDir, installed);

  stage = 'starting code-server';
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const resultsFile = join(runDir, 'in-host-results.json');
  const serverLog = join(runDir, 'code-server.log');
  const logFd = openSync(serverLog, 'a');
  codeServer = spawn(
    process.execPath,
    [
      codeServerEntry,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    { cwd: runDir, detached: true, stdio: ['ignore', logFd, logFd], env: cleanEnv({ E2E_RESULTS_FILE: resultsFile }) },
  );
  await waitForHealth(baseUrl, 30_000);
  log(`code-server ${installed} on ${baseUrl}`);

  stage = 'launching Chromium';
  const { chromium: launcher } = await import('playwright-core');
  browser = await launcher.launch({
    executablePath: chromium,
    // Playwright gives every launch its own fresh temporary profile.
    args: CHROMIUM_ARGS,
    chromiumSandbox: false,
    timeout: 60_000,
  });

  stage = 'in-host suite';
  try {
    const outcome = await runInHostSuite({ baseUrl, port, extensionDir, suiteEntry, resultsFile });
    countInHostResults(outcome, resultsFile);
  } catch (error) {
    record('in-host suite', false, error.message);
  }

  stage = 'UI smoke test';
  log(stage);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const uiWorkspace = copyWorkspace('workspace-ui');
  await runUiSmoke({ page, baseUrl, workspace: uiWorkspace, screenshotDir, record, log });
  await runUiViews({ page, workspace: uiWorkspace, screenshotDir, record });
  await page.close().catch(() => {});
}

async function cleanup() {
  if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  if (codeServer?.pid && codeServer.exitCode === null) {
    // The whole group: code-server forks extension hosts and our language server under it.
    for (const signal of ['SIGTERM', 'SIGKILL']) {
      try {
        process.kill(-codeServer.pid, signal);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, signal === 'SIGTERM' ? 1500 : 0));
    }
  }
  const failed = results.some((r) => !r.ok);
  if (process.env.E2E_KEEP === '1') log(`run folder kept: ${runDir}`);
  else if (failed && codeServer) console.log(`--- code-server log (tail) ---\n${tail(join(runDir, 'code-server.log'))}`);
  if (process.env.E2E_KEEP !== '1') rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}

async function finish() {
  if (finishing) return;
  finishing = true;
  await Promise.race([cleanup(), new Promise((r) => setTimeout(r, 20_000))]);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed || (passed === 0 ? 1 : 0);
  log(`done in ${elapsed()}; screenshots in test-results/e2e/`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

const overall = setTimeout(() => {
  record('e2e run', false, `overall timeout of ${OVERALL_TIMEOUT_MS / 1000}s reached during: ${stage}`);
  finish();
}, OVERALL_TIMEOUT_MS);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    record('e2e run', false, `interrupted by ${signal}`);
    finish();
  });
}

try {
  await main();
} catch (error) {
  record(`e2e ${/suite|smoke/.test(stage) ? `run (${stage})` : `setup (${stage})`}`, false, error.message);
} finally {
  clearTimeout(overall);
  await finish();
}
