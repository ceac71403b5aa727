import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, fileUri, positionOf, repoRoot } from './lspClient';

const fixture = (...parts: string[]) => join(repoRoot, 'test', 'fixtures', ...parts);
const cacheDir = mkdtempSync(join(tmpdir(), 'envoy-lens-protocol-cache-'));

/** A server whose `envoyLens` section is whatever `config` holds when it asks. */
async function startServer(config: Record<string, unknown>): Promise<LspClient> {
  const client = new LspClient();
  client.serverRequestHandlers.set('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => config));
  await client.initialize({ initializationOptions: { trusted: true, cacheDir } });
  return client;
}

function changeSettings(client: LspClient): void {
  client.notify('workspace/didChangeConfiguration', { settings: null });
}

const logged = (client: LspClient, pattern: RegExp) =>
  client.waitForNotification('window/logMessage', (params: { message: string }) => pattern.test(params.message));

describe('versions over LSP: the Envoy API folder, the Istio version and Red Hat YAML', () => {
  const config: Record<string, unknown> = { envoyApiPath: fixture('envoy-api', 'older'), istioVersion: '1.12' };
  let client: LspClient;

  before(async () => {
    client = await startServer(config);
  });

  after(async () => {
    assert.equal(await client.shutdown(), 0);
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('validates the same document against two API folders, naming the API in the message', async () => {
    const path = fixture('envoy-api', 'cluster.yaml');
    const uri = fileUri(path);
    // Settings arrive just after initialization; a document opened at once may first be checked with the defaults.
    const waiting = client.waitForNotification('textDocument/publishDiagnostics', (p: any) => p.uri === uri && p.diagnostics.some((d: any) => /older/.test(d.message)));
    client.open(path);
    const { diagnostics } = await waiting;
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'envoy-unknown-field');
    assert.match(diagnostics[0].message, /"dns_jitter" .*\(Envoy API 1\.30\.0 from folder "older"\)/);
    const status = await client.request('envoyLens/documentVersions', { uri });
    assert.deepEqual({ label: status.envoyApiLabel, source: status.envoyApiSource, istio: status.istioVersion }, { label: '1.30.0', source: 'user', istio: '1.12' });

    config.envoyApiPath = fixture('envoy-api', 'newer');
    const republished = client.waitForNotification('textDocument/publishDiagnostics', (p: any) => p.uri === uri && p.diagnostics.length === 0);
    const announced = client.waitForNotification('envoyLens/versionsChanged');
    changeSettings(client);
    await Promise.all([republished, announced]);
    const newer = await client.request('envoyLens/documentVersions', { uri });
    assert.match(newer.envoyApiLabel, /^newer #[0-9a-f]{8}$/);
  });

  it('validates an EnvoyFilter against two Istio versions: REPLACE of a virtual host skipped in 1.12, applied in 1.13', async () => {
    const path = fixture('envoyfilter', 'versioned.yaml');
    const uri = fileUri(path);
    const text = readFileSync(path, 'utf8');
    const replaceLine = positionOf(text, 'operation: REPLACE').line;
    const ignoredAtReplace = (p: any) => p.diagnostics.some((d: any) => d.code === 'envoyfilter-operation-ignored' && d.range.start.line === replaceLine);
    config.istioVersion = '1.12';
    changeSettings(client);
    const waiting = client.waitForNotification('textDocument/publishDiagnostics', (p: any) => p.uri === uri && ignoredAtReplace(p));
    client.open(path);
    const { diagnostics } = await waiting;
    assert.match(diagnostics.find((d: any) => d.code === 'envoyfilter-operation-ignored').message, /istiod 1\.12 does not apply REPLACE/);

    config.istioVersion = '1.13';
    const applied = client.waitForNotification('textDocument/publishDiagnostics', (p: any) => p.uri === uri && !ignoredAtReplace(p));
    changeSettings(client);
    await applied;
  });

  it('with preferRedHat and Red Hat YAML validating, leaves CRD-schema mistakes to it', async () => {
    const path = join(tmpdir(), 'envoy-lens-dr.yaml');
    const uri = fileUri(path);
    // v1beta1: the Istio version pinned above (1.13) is checked against the 1.18 API, which has no networking v1.
    const text = 'apiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nmetadata: {name: r}\nspec:\n  host: r\n  trafficPolicy: {loadBalancer: {simple: RANDOMLY}}\n';
    const hasEnum = (p: any) => p.diagnostics.some((d: any) => d.code === 'istio-invalid-enum');
    const first = client.waitForNotification('textDocument/publishDiagnostics', (p: any) => p.uri === uri && hasEnum(p));
    client.open(path, text);
    await first;
    config.redHatYaml = { overlap: 'preferRedHat' };
    changeSettings(client);
    const suppressed = client.waitForNotification('textDocument/publishDiagnostics', (p: any) => p.uri === uri && !hasEnum(p));
    client.notify('envoyLens/neighbours', { redHatYaml: { active: true, validate: true, crdStoreEnabled: true, kubernetesGlobs: ['*.yaml'] } });
    await suppressed;
    const before = client.notifications.length;
    client.notify('envoyLens/neighbours', {});
    await client.waitForNotification('textDocument/publishDiagnostics', (p: any) =>
      p.uri === uri && hasEnum(p) && client.notifications.slice(before).some((n) => n.params === p));
  });

  it('answers hover and completion only on documents it recognises, once per position', async () => {
    const path = fixture('plain', 'deployment.yaml');
    const uri = fileUri(path);
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n';
    const waiting = client.waitForDiagnostics(uri);
    client.open(path, text);
    assert.deepEqual((await waiting).diagnostics, []);
    const position = positionOf(text, 'replicas', 2);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position }), null);
    assert.equal(await client.request('textDocument/completion', { textDocument: { uri }, position }), null);
    assert.equal(await client.request('envoyLens/documentVersions', { uri }), null, 'no status bar item either');
  });

  it('completes Istio fields as the Istio version in use has them', async () => {
    const path = join(tmpdir(), 'envoy-lens-complete-dr.yaml');
    const uri = fileUri(path);
    const text = 'apiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL}\n    \n';
    const position = { line: 7, character: 4 };
    const labels = async () => ((await client.request('textDocument/completion', { textDocument: { uri }, position }))?.items ?? []).map((item: any) => item.label);
    config.istioVersion = '1.18';
    changeSettings(client);
    const opened = client.waitForDiagnostics(uri);
    client.open(path, text);
    await opened;
    const older = await labels();
    assert.ok(older.includes('outlierDetection') && !older.includes('proxyProtocol'), older.join());

    config.istioVersion = 'latest';
    const before = client.notifications.length;
    changeSettings(client);
    await client.waitForNotification('textDocument/publishDiagnostics', (p: any) => p.uri === uri && client.notifications.slice(before).some((n) => n.params === p));
    assert.ok((await labels()).includes('proxyProtocol'));

  });

  it('a second server start reads the built API from the disk cache', async () => {
    const second = await startServer({ envoyApiPath: fixture('envoy-api', 'older') });
    try {
      await logged(second, /Envoy API 1\.30\.0 from folder "older".*: cache hit in \d+ ms/);
    } finally {
      await second.shutdown();
    }
  });

  it('an incomplete folder falls back to the bundled API with a warning', async () => {
    const third = await startServer({ envoyApiPath: fixture('envoy-api', 'incomplete') });
    try {
      const shown = await third.waitForNotification('window/showMessage', (p: { type: number; message: string }) => p.type === 2);
      assert.match(shown.message, /bundled Envoy API instead of envoyLens\.envoyApiPath: .*incomplete: missing import envoy\/config\/core\/v3\/address\.proto/);
      const path = fixture('envoy-api', 'cluster.yaml');
      const waiting = third.waitForDiagnostics(fileUri(path));
      third.open(path);
      assert.match((await waiting).diagnostics[0].message, /Envoy API envoy-api from @grpc\/grpc-js-xds/);
      const status = await third.request('envoyLens/documentVersions', { uri: fileUri(path) });
      assert.equal(status.envoyApiSource, 'fallback');
    } finally {
      await third.shutdown();
    }
  });
});
