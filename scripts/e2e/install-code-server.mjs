// Installs code-server (VS Code in the browser) into .cache/code-server/ for the end-to-end tests.
// It is never a dependency of the package: its own postinstall downloads from GitHub, which CI cannot
// reach, so the steps that postinstall would do are done here from the npm registry and Debian packages.
// Usage: node scripts/e2e/install-code-server.mjs   (or import { ensureCodeServer } from it)
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM_PATH = '/usr/bin/chromium';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(repoRoot, '.cache', 'code-server');
const markerFile = join(cacheDir, '.installed');
const lockDir = `${cacheDir}.lock`;
const packageDir = join(cacheDir, 'node_modules', 'code-server');
const vscodeDir = join(packageDir, 'lib', 'vscode');
export const codeServerEntry = join(packageDir, 'out', 'node', 'entry.js');

const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'ripgrep'];

class InstallError extends Error {}

function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function step(log, label, command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...options,
    env: { ...process.env, ...options.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new InstallError(
      `${label} failed (${result.error?.message ?? `exit ${result.status}`}) after ${seconds}s:\n${output}`,
    );
  }
  log(`  ${label} (${seconds}s)`);
}

/** Debian packages that are needed now: the browser and rg always, headers and compilers only to build. */
function missingSystemPackages(forBuild) {
  const missing = [];
  if (!existsSync(CHROMIUM_PATH)) missing.push('chromium');
  if (!which('rg')) missing.push('ripgrep');
  if (forBuild) {
    if (!which('pkg-config')) missing.push('pkg-config');
    // The kerberos module in lib/vscode compiles against the GSSAPI headers.
    if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/krb5.h')) missing.push('libkrb5-dev');
    if (!which('make') || !which('g++')) missing.push('build-essential');
    if (!which('python3')) missing.push('python3');
  }
  return missing;
}

function ensureSystemPackages(log, forBuild) {
  const missing = missingSystemPackages(forBuild);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const wanted = [...new Set([...DEBIAN_PACKAGES.filter((p) => missing.includes(p) || forBuild), ...missing])];
  if (!isRoot || !which('apt-get')) {
    throw new InstallError(
      `missing system packages for the e2e tests: ${missing.join(', ')}.\n` +
        `Install them, e.g.: sudo apt-get install -y ${wanted.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${wanted.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  step(log, 'apt-get update', 'apt-get', ['update', '-qq'], { env });
  step(log, 'apt-get install', 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...wanted], { env });
  const still = missingSystemPackages(forBuild);
  if (still.length) throw new InstallError(`still missing after apt-get: ${still.join(', ')}`);
}

function installedVersion() {
  try {
    return readFileSync(markerFile, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function link(target, path) {
  try {
    lstatSync(path);
    rmSync(path, { recursive: true, force: true });
  } catch {
    // nothing there yet
  }
  symlinkSync(target, path);
}

function installCodeServer(log) {
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  // Without its own package.json npm would walk up and install into the repository's node_modules.
  writeFileSync(join(cacheDir, 'package.json'), `${JSON.stringify({ name: 'e2e-code-server', private: true }, null, 2)}\n`);
  const npm = ['--no-audit', '--no-fund', '--loglevel=error'];
  const quiet = { npm_config_update_notifier: 'false' };

  step(log, `npm install code-server@${CODE_SERVER_VERSION}`, 'npm', ['install', ...npm, '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: cacheDir,
    env: quiet,
  });
  // The prebuilt argon2 binary is a download from GitHub; build it from source instead.
  step(log, 'rebuild argon2 from source', 'npm', ['rebuild', ...npm, 'argon2'], {
    cwd: cacheDir,
    env: { ...quiet, npm_config_build_from_source: 'true', JOBS: 'max' },
  });
  step(log, 'install lib/vscode dependencies', 'npm', ['install', ...npm, '--omit=dev', '--ignore-scripts'], {
    cwd: vscodeDir,
    env: quiet,
  });
  // @vscode/ripgrep's postinstall would download rg from GitHub; Debian's rg serves the same purpose.
  const rgTarget = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  mkdirSync(dirname(rgTarget), { recursive: true });
  copyFileSync(which('rg'), rgTarget);
  chmodSync(rgTarget, 0o755);
  // node-pty's install script calls `npx node-gyp`, and npx refuses to prompt without this.
  step(log, 'rebuild lib/vscode native modules', 'npm', ['rebuild', ...npm], {
    cwd: vscodeDir,
    env: { ...quiet, npm_config_yes: 'true', JOBS: 'max' },
  });
  // The links code-server's own postinstall would have made.
  link('node_modules', join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  step(log, 'install built-in extensions dependencies', 'npm', ['install', ...npm, '--omit=dev'], {
    cwd: join(vscodeDir, 'extensions'),
    env: { ...quiet, npm_config_yes: 'true' },
  });
  if (!existsSync(codeServerEntry)) throw new InstallError(`code-server entry point missing: ${codeServerEntry}`);
  step(log, 'code-server --version', process.execPath, [codeServerEntry, '--version'], {});
  writeFileSync(markerFile, `${CODE_SERVER_VERSION}\n`);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Serialises installs when several runs start at once in the same work tree. */
function withLock(log, fn) {
  const deadline = Date.now() + 10 * 60_000;
  mkdirSync(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir, { recursive: false });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(lockDir).mtimeMs;
      } catch {
        continue;
      }
      if (age > 10 * 60_000) {
        log('removing a stale install lock');
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new InstallError(`timed out waiting for the install lock ${lockDir}`);
      sleep(1000);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Makes sure code-server, Chromium and rg are available; returns their paths.
 * Throws an Error with an explanation when something cannot be installed.
 */
export function ensureCodeServer(log = (line) => console.log(line)) {
  const ready = () => installedVersion() === CODE_SERVER_VERSION && missingSystemPackages(false).length === 0;
  if (!ready()) {
    const started = Date.now();
    withLock(log, () => {
      if (ready()) return;
      const needsBuild = installedVersion() !== CODE_SERVER_VERSION;
      ensureSystemPackages(log, needsBuild);
      if (needsBuild) {
        log(`installing code-server ${CODE_SERVER_VERSION} into .cache/code-server`);
        installCodeServer(log);
      }
    });
    log(`code-server setup done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  return { entry: codeServerEntry, chromium: CHROMIUM_PATH, version: CODE_SERVER_VERSION };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { entry } = ensureCodeServer();
    console.log(`code-server ${CODE_SERVER_VERSION} ready: ${entry}`);
  } catch (error) {
    console.error(`code-server install failed: ${error instanceof InstallError ? error.message : error.stack}`);
    process.exit(1);
  }
}
