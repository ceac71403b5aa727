// Writes schemas/envoy-api-deps.json: the .proto files outside Envoy's own tree (xds, udpa, validate, googleapis)
// that the bundled model was built with. A user's Envoy API folder often holds Envoy's files only; at run time these
// stand in for its missing dependencies, since @grpc/grpc-js-xds is a build-time package and not in the VSIX.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const API_PACKAGE = '@grpc/grpc-js-xds';
const ENVOY_ROOT = 'deps/envoy-api';
const DEPENDENCY_ROOTS = ['deps/xds', 'deps/googleapis', 'deps/protoc-gen-validate'];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function loadLoader() {
  const tempDir = mkdtempSync(join(tmpdir(), 'envoy-lens-deps-'));
  const bundlePath = join(tempDir, 'loadProtos.cjs');
  try {
    await build({
      entryPoints: [join(repoRoot, 'server/src/core/model/proto/loadProtos.ts')],
      outfile: bundlePath, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
    });
    return createRequire(import.meta.url)(bundlePath);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

const requireFromRepo = createRequire(join(repoRoot, 'package.json'));
const packageDir = dirname(requireFromRepo.resolve(`${API_PACKAGE}/package.json`));
const packageVersion = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
const { loadProtoFiles } = await loadLoader();

const dependencyRoots = DEPENDENCY_ROOTS.map((root) => join(packageDir, root));
const loaded = loadProtoFiles([join(packageDir, ENVOY_ROOT), ...dependencyRoots]);
const files = {};
for (const [importPath, text] of [...loaded.files].sort(([a], [b]) => a.localeCompare(b))) {
  // Only real files from the dependency roots: the well-known types are built into the loader already.
  if (dependencyRoots.some((root) => existsSync(join(root, importPath)))) files[importPath] = text;
}
const json = JSON.stringify({ format: 1, source: { package: API_PACKAGE, packageVersion }, files });
writeFileSync(join(repoRoot, 'schemas', 'envoy-api-deps.json'), `${json}\n`);
console.log(`  wrote schemas/envoy-api-deps.json: ${Object.keys(files).length} files, ${(json.length / 1024).toFixed(0)} KiB, ` +
  `${(gzipSync(json, { level: 9 }).length / 1024).toFixed(0)} KiB gzipped`);
