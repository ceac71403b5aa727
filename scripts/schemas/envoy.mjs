// Writes schemas/envoy-api.json and schemas/envoy-docs.json from the Envoy .proto API shipped in @grpc/grpc-js-xds.
// The converter is TypeScript shared with the server, so it is bundled to a temporary file and loaded from there.
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const API_PACKAGE = '@grpc/grpc-js-xds';
const INCLUDE_ROOTS = ['deps/envoy-api', 'deps/xds', 'deps/googleapis', 'deps/protoc-gen-validate'];
const VERSION_FILES = ['VERSION', 'VERSION.txt', 'API_VERSION', 'API_VERSION.txt'];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(repoRoot, 'schemas');

async function loadConverter() {
  const tempDir = mkdtempSync(join(tmpdir(), 'envoy-lens-schemas-'));
  const bundlePath = join(tempDir, 'fromProto.cjs');
  try {
    await build({
      entryPoints: [join(repoRoot, 'server/src/core/model/fromProto.ts')],
      outfile: bundlePath,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    });
    return createRequire(import.meta.url)(bundlePath);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

/** The Envoy API version, if the package records one; it did not as of 1.14.1, hence the fallback. */
function describeApiVersion(packageDir, packageVersion) {
  for (const folder of [join(packageDir, 'deps/envoy-api'), packageDir]) {
    for (const name of VERSION_FILES) {
      const file = join(folder, name);
      if (existsSync(file)) return `envoy-api ${readFileSync(file, 'utf8').trim()} from ${API_PACKAGE} ${packageVersion}`;
    }
  }
  return `envoy-api from ${API_PACKAGE} ${packageVersion} (no Envoy version or commit recorded in the package)`;
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted = {};
  for (const key of Object.keys(value).sort()) {
    if (value[key] !== undefined) sorted[key] = sortKeys(value[key]);
  }
  return sorted;
}

/** Sorted-key JSON with one line per entry down to `lineDepth`, compact below it, so diffs stay readable. */
function stableJson(value, lineDepth, depth = 0) {
  if (depth >= lineDepth || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return JSON.stringify(sortKeys(value));
  }
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
  if (keys.length === 0) return '{}';
  const indent = ' '.repeat(depth + 1);
  const lines = keys.map((key) => `${indent}${JSON.stringify(key)}: ${stableJson(value[key], lineDepth, depth + 1)}`);
  return `{\n${lines.join(',\n')}\n${' '.repeat(depth)}}`;
}

function writeSchema(fileName, text) {
  const path = join(outDir, fileName);
  writeFileSync(path, `${text}\n`);
  const bytes = Buffer.byteLength(text) + 1;
  const gzipped = gzipSync(Buffer.from(`${text}\n`), { level: 9 }).length;
  console.log(`  wrote schemas/${fileName}: ${(bytes / 1024).toFixed(0)} KiB, ${(gzipped / 1024).toFixed(0)} KiB gzipped`);
}

const started = performance.now();
const requireFromRepo = createRequire(join(repoRoot, 'package.json'));
const packageDir = dirname(requireFromRepo.resolve(`${API_PACKAGE}/package.json`));
const packageVersion = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
const { buildEnvoyModelFromProtoRoots } = await loadConverter();
const bundled = performance.now();

const { model, docs, warnings, stats } = buildEnvoyModelFromProtoRoots({
  roots: INCLUDE_ROOTS.map((root) => join(packageDir, root)),
  source: { package: API_PACKAGE, packageVersion, apiVersion: describeApiVersion(packageDir, packageVersion) },
});

mkdirSync(outDir, { recursive: true });
writeSchema('envoy-api.json', stableJson(model, 2));
writeSchema('envoy-docs.json', stableJson(docs, 1));

const withRules = Object.values(model.messages).reduce(
  (total, message) => total + message.fields.filter((field) => field.rules).length,
  0,
);
console.log(
  `  ${stats.files} files, ${stats.messages} messages, ${stats.enums} enums, ${stats.fields} fields (${withRules} with rules), ` +
    `${Object.keys(docs).length} doc entries`,
);
console.log(
  `  bundle ${Math.round(bundled - started)} ms, load ${stats.loadMs} ms, convert ${stats.convertMs} ms, ` +
    `total ${Math.round(performance.now() - started)} ms`,
);
for (const warning of warnings) console.log(`  warning: ${warning}`);
