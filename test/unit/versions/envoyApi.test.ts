import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { describeApiFolder, findIncludeRoots } from '../../../server/src/core/model/apiFolder';
import { loadProtoFiles } from '../../../server/src/core/model/proto/loadProtos';
import { envoyApiCacheStats, loadEnvoyApi } from '../../../server/src/runtime/envoyApiLoader';
import { useEnvoyApi } from '../../../server/src/runtime/models';
import { fixturePath } from '../../helpers/fixtures';
import { runCliCaptured } from '../../helpers/cli';

const cacheDir = mkdtempSync(join(tmpdir(), 'envoy-lens-api-cache-'));
const older = fixturePath('envoy-api', 'older');
const newer = fixturePath('envoy-api', 'newer');
const document = fixturePath('envoy-api', 'cluster.yaml');

const cli = runCliCaptured;

after(() => {
  useEnvoyApi(undefined);
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('a user Envoy API folder', () => {
  it('finds include roots in each layout and derives an honest version', () => {
    assert.deepEqual(findIncludeRoots(older), [older]);
    assert.deepEqual(findIncludeRoots(join(older, 'envoy')), [older]);
    assert.deepEqual(findIncludeRoots(fixturePath('envoy-api')), [fixturePath('envoy-api', 'incomplete'), newer, older]);
    assert.equal(describeApiFolder(older).label, '1.30.0');
    const unversioned = describeApiFolder(newer);
    assert.match(unversioned.label, /^newer #[0-9a-f]{8}$/);
    assert.match(unversioned.apiVersion, /records no Envoy version/);
  });

  it('is built once with the bundled dependencies filling in, then served from the disk cache', () => {
    const before = { ...envoyApiCacheStats };
    const first = loadEnvoyApi(newer, cacheDir);
    assert.ok(first.ok);
    assert.equal(first.cacheHit, false);
    assert.ok(first.index.message('envoy.config.cluster.v3.Cluster')?.fields.some((f) => f.name === 'dns_jitter'));
    assert.equal(first.index.fields('envoy.config.cluster.v3.Cluster').byName.get('name')?.rules?.minLen, 1, 'validate.proto came from the bundle');
    assert.ok(first.notes.some((note) => /came from the bundled copies/.test(note)));
    const second = loadEnvoyApi(newer, cacheDir);
    assert.ok(second.ok && second.cacheHit);
    assert.deepEqual(second.index.model, first.index.model);
    assert.deepEqual({ hits: envoyApiCacheStats.hits - before.hits, misses: envoyApiCacheStats.misses - before.misses }, { hits: 1, misses: 1 });
  });

  it('an incomplete folder or a missing one is refused with the reason', () => {
    const incomplete = loadEnvoyApi(fixturePath('envoy-api', 'incomplete'), cacheDir);
    assert.ok(!incomplete.ok);
    assert.match(incomplete.message, /incomplete: missing import envoy\/config\/core\/v3\/address\.proto/);
    const missing = loadEnvoyApi(fixturePath('envoy-api', 'nowhere'), cacheDir);
    assert.ok(!missing.ok);
    assert.match(missing.message, /does not exist/);
  });

  it('validate --envoy-api: the unknown-field message names the API version in use', async () => {
    const withOlder = await cli(['validate', '--format', 'json', '--envoy-api', older, '--cache-dir', cacheDir, document]);
    assert.equal(withOlder.code, 0);
    const findings = JSON.parse(withOlder.stdout) as { code: string; message: string }[];
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'envoy-unknown-field');
    assert.match(findings[0].message, /"dns_jitter".*\(Envoy API 1\.30\.0 from folder "older"\)/);
    assert.match(withOlder.stderr, /Envoy API 1\.30\.0 from folder "older" \(built in \d+ ms\)/);

    const withNewer = await cli(['validate', '--format', 'json', '--envoy-api', newer, '--cache-dir', cacheDir, document]);
    assert.deepEqual(JSON.parse(withNewer.stdout), []);
    assert.match(withNewer.stderr, /cache hit/, 'built by the previous test');
  });

  it('validate --envoy-api on an incomplete folder falls back to the bundled API and says so', async () => {
    const result = await cli(['validate', '--envoy-api', fixturePath('envoy-api', 'incomplete'), '--cache-dir', cacheDir, document]);
    assert.match(result.stderr, /warning: using the bundled Envoy API instead: .*incomplete/);
  });

  it('validate --istio-version checks its value', async () => {
    const wrong = await cli(['validate', '--istio-version', '0.8', document]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--istio-version must be latest or one of 1\.29/);
    const envoyFilter = fixturePath('envoyfilter', 'versioned.yaml');
    const old = await cli(['validate', '--format', 'json', '--istio-version', '1.12', envoyFilter]);
    const codes = (JSON.parse(old.stdout) as { code: string }[]).map((f) => f.code);
    assert.ok(codes.includes('envoyfilter-operation-ignored'));
    assert.ok(codes.includes('envoyfilter-not-in-istio-version'));
    assert.equal(old.code, 1);
    const latest = await cli(['validate', '--format', 'json', envoyFilter]);
    assert.ok(!(JSON.parse(latest.stdout) as { code: string }[]).some((f) => f.code === 'envoyfilter-not-in-istio-version'));
  });
});

describe('a compiled descriptor set', () => {
  it('builds a structural model with the same converter', () => {
    // No protoc here: protobufjs's own descriptor extension writes the set from the fixture's parsed protos.
    const descriptor = require('protobufjs/ext/descriptor') as { FileDescriptorSet: { encode(message: unknown): { finish(): Uint8Array } } };
    const loaded = loadProtoFiles([newer], undefined, new Map());
    loaded.root.resolveAll();
    const set = (loaded.root as unknown as { toDescriptor(syntax: string): unknown }).toDescriptor('proto3');
    const file = join(cacheDir, 'api.pb');
    writeFileSync(file, descriptor.FileDescriptorSet.encode(set).finish());
    const result = loadEnvoyApi(file, cacheDir);
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.ok(result.index.fields('envoy.config.cluster.v3.Cluster').byName.has('dns_jitter'));
    assert.match(result.apiVersion, /^descriptor set "api\.pb" #[0-9a-f]{8}/);
    assert.match(result.notes[0], /no comments or validate rules/);
  });
});
