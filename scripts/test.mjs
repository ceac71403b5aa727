// Runs every test layer (or the ones named on the command line) and ends with one line "N passed, M failed".
// Layers: unit (core, node:test), protocol (the bundled server over stdio, node:test), e2e (a real VS Code).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const allLayers = ['unit', 'protocol', 'e2e'];
const requested = process.argv.slice(2);
const layers = requested.length ? requested : allLayers;
for (const layer of layers) {
  if (!allLayers.includes(layer)) {
    console.error(`unknown test layer "${layer}"; expected one of ${allLayers.join(', ')}`);
    process.exit(2);
  }
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...testFiles(path));
    else if (entry.endsWith('.test.js')) found.push(path);
  }
  return found.sort();
}

/** Runs node:test over compiled test files and reads the totals from its TAP summary. */
function runNodeTests(layer) {
  const files = testFiles(join('out', 'test', layer));
  if (files.length === 0) return { passed: 0, failed: 1, note: `no ${layer} test files found` };
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const count = (label) => Number(result.stdout.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  if (result.status !== 0 && failed === 0) return { passed, failed: 1, note: `${layer} runner exited ${result.status}` };
  return { passed, failed };
}

function runE2e() {
  const result = spawnSync(process.execPath, ['scripts/e2e/run.mjs'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const totals = result.stdout.match(/^e2e: (\d+) passed, (\d+) failed$/m);
  if (!totals) return { passed: 0, failed: 1, note: `e2e runner exited ${result.status} without totals` };
  const passed = Number(totals[1]);
  const failed = Number(totals[2]);
  if (result.status !== 0 && failed === 0) return { passed, failed: 1, note: `e2e runner exited ${result.status}` };
  return { passed, failed };
}

// A test file renamed or deleted in the sources must not keep running from an old compile.
rmSync('out', { recursive: true, force: true });
if (run('npx', ['tsc', '-p', '.']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (layers.some((layer) => layer !== 'unit') && run(process.execPath, ['scripts/build.mjs']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
for (const layer of layers) {
  console.log(`\n=== ${layer} tests ===`);
  const totals = layer === 'e2e' ? runE2e() : runNodeTests(layer);
  console.log(`--- ${layer}: ${totals.passed} passed, ${totals.failed} failed${totals.note ? ` (${totals.note})` : ''}`);
  passed += totals.passed;
  failed += totals.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
