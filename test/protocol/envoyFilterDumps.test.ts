import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, positionOf, repoRoot } from './lspClient';
import { Requests, type LoadDumpResult } from '../../server/src/protocol';

const envoyFilterPath = join(repoRoot, 'test', 'fixtures', 'envoyfilter', 'dump-match.yaml');
const envoyFilter = readFileSync(envoyFilterPath, 'utf8');
const sidecarDump = join(repoRoot, 'test', 'fixtures', 'dumps', 'istio-sidecar.json');
const REVIEWS_V2 = 'outbound|9080|v2|reviews.default.svc.cluster.local';
const routesText = `name: local-routes
virtual_hosts:
- name: reviews
  domains: ["*"]
  routes:
  - match: {prefix: /}
    route: {cluster: "${REVIEWS_V2}"}
`;

let client: LspClient;
let scratch: string;
let capabilities: any;
let envoyFilterUri: string;
let routesPath: string;
let dumpId: string;
const lensRefreshes: unknown[] = [];

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'envoy-lens-ef-dumps-'));
  routesPath = join(scratch, 'routes.yaml');
  writeFileSync(routesPath, routesText);
  client = new LspClient();
  client.serverRequestHandlers.set('workspace/codeLens/refresh', (params) => {
    lensRefreshes.push(params);
    return null;
  });
  capabilities = (
    await client.initialize({
      initializationOptions: { trusted: false },
      capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    })
  ).capabilities;
  envoyFilterUri = client.open(envoyFilterPath);
  await client.waitForDiagnostics(envoyFilterUri);
});

after(async () => {
  await client.shutdown();
  rmSync(scratch, { recursive: true, force: true });
});

const matchesNothing = (diagnostics: any[]) => diagnostics.filter((d) => d.code === 'envoyfilter-matches-nothing');

/** The first diagnostics for the EnvoyFilter published after notification number `since` that satisfy `ok`. */
async function diagnosticsAfter(since: number, ok: (diagnostics: any[]) => boolean, timeoutMs = 10000): Promise<any[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = client.notifications
      .slice(since)
      .find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === envoyFilterUri && ok(n.params.diagnostics));
    if (found) return found.params.diagnostics;
    if (Date.now() > until) assert.fail('no matching diagnostics were published');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const lenses = () => client.request<any[]>('textDocument/codeLens', { textDocument: { uri: envoyFilterUri } });

test('without a loaded dump: no dump diagnostics, no code lenses', async () => {
  assert.ok(capabilities.codeLensProvider);
  const published = await client.waitForDiagnostics(envoyFilterUri);
  assert.deepEqual(matchesNothing(published.diagnostics), []);
  assert.deepEqual(await lenses(), []);
});

test('loading a dump revalidates the open EnvoyFilter and asks for fresh code lenses', async () => {
  const seen = client.notifications.length;
  const loaded = await client.request<LoadDumpResult>(Requests.loadDump, { source: { kind: 'file', path: sidecarDump } });
  if (!loaded.ok) assert.fail(loaded.message);
  dumpId = loaded.dump.id;
  const found = matchesNothing(await diagnosticsAfter(seen, (diagnostics) => matchesNothing(diagnostics).length > 0));
  assert.equal(found.length, 6);
  assert.equal(found[0].severity, 2);
  assert.equal(found[0].range.start.line, positionOf(envoyFilter, 'match:', 0, 1).line);
  assert.match(found[0].message, /^this match selects nothing in istio-sidecar\.json: no inbound filter chain for port 8443 in this sidecar/);
  assert.ok(found.some((d) => d.message.includes('the dump has envoy.filters.network.http_connection_manager')));
  assert.ok(lensRefreshes.length >= 1);
});

test('code lenses say what each patch selects, and reveal the first object', async () => {
  const all = await lenses();
  assert.equal(all.length, 12);
  const first = all[0];
  assert.equal(first.range.start.line, positionOf(envoyFilter, 'applyTo: FILTER_CHAIN').line);
  assert.equal(first.command.title, 'applies to 1 filter chain of virtualInbound in istio-sidecar.json');
  assert.equal(first.command.command, 'envoyLens.revealDumpObject');
  assert.deepEqual(first.command.arguments, [{ dumpId, kind: 'listener', name: 'virtualInbound' }]);
  const titles = all.map((lens) => lens.command.title);
  assert.equal(titles[1], 'selects nothing in istio-sidecar.json');
  assert.equal(titles[6], 'applies to 1 cluster in istio-sidecar.json');
  assert.equal(titles[8], 'does not apply to istio-sidecar.json: context GATEWAY does not apply to a sidecar proxy');
});

test('hover on a match key lists what it selects in the loaded dump', async () => {
  const result = await client.request('textDocument/hover', { textDocument: { uri: envoyFilterUri }, position: positionOf(envoyFilter, 'match:', 1, 6) });
  assert.ok(result);
  assert.match(result.contents.value, /\*\*istio-sidecar\.json\*\* \(sidecar\): applies to 1 cluster/);
  assert.match(result.contents.value, new RegExp(REVIEWS_V2.replace(/[|.]/g, '\\$&')));
});

test('go to definition from a cluster name in a file lands on the cluster in the loaded dump', async () => {
  const uri = client.open(routesPath, routesText);
  await client.waitForDiagnostics(uri);
  const locations = await client.request<any[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(routesText, REVIEWS_V2, 3) });
  assert.ok(locations && locations.length === 1, JSON.stringify(locations));
  const target = locations[0];
  assert.match(target.uri, /^envoy-lens-object:\/cluster\/outbound_9080_v2_reviews\.default\.svc\.cluster\.local\.json\?/);
  // The client decodes the URI once (as VS Code's Uri.parse does) and reads the fields from the query.
  const query = new URLSearchParams(decodeURIComponent(target.uri.slice(target.uri.indexOf('?') + 1)));
  assert.deepEqual(Object.fromEntries(query), { dump: dumpId, kind: 'cluster', name: REVIEWS_V2 });
  const json = await client.request<string>(Requests.objectJson, { dumpId: query.get('dump'), kind: query.get('kind'), name: query.get('name') });
  const lines = json.split('\n');
  assert.match(lines[target.range.start.line], new RegExp(`"name": "${REVIEWS_V2.replace(/[|.]/g, '\\$&')}"`));
});

test('workspace symbols include the listeners, route configurations and clusters of loaded dumps', async () => {
  const symbols = await client.request<any[]>('workspace/symbol', { query: 'reviews' });
  const fromDump = symbols.filter((symbol) => symbol.location.uri.startsWith('envoy-lens-object:'));
  assert.ok(fromDump.some((symbol) => symbol.name === REVIEWS_V2 && symbol.containerName === 'cluster · istio-sidecar.json'));
  const listeners = await client.request<any[]>('workspace/symbol', { query: 'virtualInbound' });
  assert.ok(listeners.some((symbol) => symbol.name === 'virtualInbound' && symbol.containerName === 'listener · istio-sidecar.json'));
});

test('unloading the dump takes its diagnostics and code lenses away', async () => {
  const seen = client.notifications.length;
  const refreshes = lensRefreshes.length;
  assert.equal(await client.request<boolean>(Requests.unloadDump, { dumpId }), true);
  await diagnosticsAfter(seen, (diagnostics) => matchesNothing(diagnostics).length === 0);
  assert.ok(lensRefreshes.length > refreshes);
  assert.deepEqual(await lenses(), []);
});
