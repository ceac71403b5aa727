import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, fileUri, positionOf, repoRoot } from './lspClient';

const workspace = join(repoRoot, 'test', 'fixtures', 'navigation');
const frontProxyPath = join(workspace, 'front-proxy.yaml');
const edgeListenerPath = join(workspace, 'edge-listener.yaml');
const meshClustersPath = join(workspace, 'mesh-clusters.yaml');
const frontProxy = readFileSync(frontProxyPath, 'utf8');
const edgeListener = readFileSync(edgeListenerPath, 'utf8');
const meshClusters = readFileSync(meshClustersPath, 'utf8');

let client: LspClient;
let capabilities: any;

before(async () => {
  client = new LspClient();
  capabilities = (await client.initialize({ rootPath: workspace })).capabilities;
  client.open(frontProxyPath);
  client.open(edgeListenerPath);
  client.open(meshClustersPath);
  await client.waitForDiagnostics(fileUri(frontProxyPath));
});

after(async () => {
  const code = await client.shutdown();
  assert.equal(code, 0, client.stderr);
});

async function hover(path: string, text: string, needle: string, occurrence = 0): Promise<string> {
  const result = await client.request('textDocument/hover', { textDocument: { uri: fileUri(path) }, position: positionOf(text, needle, 1, occurrence) });
  assert.ok(result, `a hover at "${needle}"`);
  assert.equal(result.contents.kind, 'markdown');
  return result.contents.value as string;
}

/** Workspace results arrive once the background scan is done; poll instead of guessing a delay. */
async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the server advertises the navigation features', () => {
  assert.equal(capabilities.hoverProvider, true);
  assert.equal(capabilities.definitionProvider, true);
  assert.equal(capabilities.referencesProvider, true);
  assert.ok(capabilities.documentSymbolProvider);
  assert.equal(capabilities.workspaceSymbolProvider, true);
  assert.ok(capabilities.completionProvider);
});

test('hover on connect_timeout shows the API documentation, default, constraint and link', async () => {
  const markdown = await hover(frontProxyPath, frontProxy, 'connect_timeout');
  assert.match(markdown, /The timeout for new network connections to hosts in the cluster/);
  assert.match(markdown, /Default: 5s/);
  assert.match(markdown, /Constraints: > 0s/);
  assert.match(markdown, /https:\/\/www\.envoyproxy\.io\/docs\/envoy\/latest\/api-v3\/config\/cluster\/v3\/cluster\.proto#envoy-v3-api-field-config-cluster-v3-cluster-connect-timeout/);
});

test('hover on typed_config names the current @type and its extension', async () => {
  const markdown = await hover(frontProxyPath, frontProxy, 'typed_config');
  assert.match(markdown, /`@type` is `envoy\.extensions\.filters\.network\.http_connection_manager\.v3\.HttpConnectionManager`/);
  assert.match(markdown, /extension `envoy\.filters\.network\.http_connection_manager`/);
  assert.match(markdown, /Filter specific configuration/);
});

test('hover on transport_socket_matches explains each entry of this cluster', async () => {
  const markdown = await hover(meshClustersPath, meshClusters, 'transport_socket_matches');
  assert.match(markdown, /1\. `tlsMode-istio`: .*`tlsMode: istio`.*Istio mutual TLS/);
  assert.match(markdown, /2\. `tunnel-http`: .*`tunnel: http`.*`internal_upstream`/);
  assert.match(markdown, /3\. `tlsMode-disabled`: any endpoint .*plaintext/);
  assert.match(markdown, /Configuration to use different transport sockets for different endpoints/);
});

test('hover on retry_policy lists the conditions and limits written in the document', async () => {
  const markdown = await hover(frontProxyPath, frontProxy, 'retry_policy');
  assert.match(markdown, /up to 3 retries per request/);
  assert.match(markdown, /`connect-failure`: the connection to the upstream host fails/);
  assert.match(markdown, /each attempt times out after 1s/);
  assert.match(markdown, /from 0\.1s up to 1s/);
  assert.match(markdown, /Indicates that the route has a retry policy/);
});

test('hover on a file that is not Envoy configuration returns null', async () => {
  const notesPath = join(workspace, 'notes.yaml');
  const notes = readFileSync(notesPath, 'utf8');
  client.open(notesPath);
  const result = await client.request('textDocument/hover', { textDocument: { uri: fileUri(notesPath) }, position: positionOf(notes, 'cluster', 1, 1) });
  assert.equal(result, null);
});

test('definition: route cluster → cluster in the same file', async () => {
  const locations = await client.request('textDocument/definition', { textDocument: { uri: fileUri(frontProxyPath) }, position: positionOf(frontProxy, 'cluster: cart_service', 10) });
  assert.equal(locations.length, 1);
  assert.equal(locations[0].uri, fileUri(frontProxyPath));
  assert.deepEqual(locations[0].range.start, positionOf(frontProxy, 'name: cart_service', 6));
});

test('definition: route cluster → cluster in another workspace file', async () => {
  const locations = await client.request('textDocument/definition', { textDocument: { uri: fileUri(frontProxyPath) }, position: positionOf(frontProxy, 'cluster: shared_backend', 10) });
  assert.equal(locations.length, 1);
  assert.equal(locations[0].uri, fileUri(meshClustersPath));
  assert.deepEqual(locations[0].range.start, positionOf(meshClusters, 'name: shared_backend', 6));
});

test('definition: RDS route_config_name → the route configuration in a file that is not open', async () => {
  const routesPath = join(workspace, 'edge-routes.yaml');
  const locations = await eventually(
    () => client.request('textDocument/definition', { textDocument: { uri: fileUri(edgeListenerPath) }, position: positionOf(edgeListener, 'edge_routes', 2) }),
    (found: any) => Array.isArray(found) && found.length > 0,
  );
  assert.equal(locations[0].uri, fileUri(routesPath));
  assert.deepEqual(locations[0].range.start, positionOf(readFileSync(routesPath, 'utf8'), 'edge_routes'));
});

test('references of a cluster span the workspace', async () => {
  const locations = await eventually(
    () => client.request('textDocument/references', { textDocument: { uri: fileUri(meshClustersPath) }, position: positionOf(meshClusters, 'name: shared_backend', 8), context: { includeDeclaration: false } }),
    (found: any[]) => found.length >= 3,
  );
  const uris = locations.map((l: any) => l.uri.split('/').pop()).sort();
  // a tcp_proxy, an RDS route table on disk only, and a route in the open front proxy
  assert.deepEqual(uris, ['edge-listener.yaml', 'edge-routes.yaml', 'front-proxy.yaml']);
  const withDeclaration = await client.request('textDocument/references', {
    textDocument: { uri: fileUri(meshClustersPath) },
    position: positionOf(meshClusters, 'name: shared_backend', 8),
    context: { includeDeclaration: true },
  });
  assert.equal(withDeclaration.length, 4);
  assert.equal(withDeclaration[0].uri, fileUri(meshClustersPath));
});

test('document symbols outline listeners, route tables, virtual hosts, routes and clusters', async () => {
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: fileUri(frontProxyPath) } });
  const names = symbols.map((s: any) => s.name);
  assert.deepEqual(names, ['ingress_http', 'cart_service', 'catalog_v1', 'catalog_v2', 'xds_cluster']);
  const routeTable = symbols[0].children[0].children[0].children[0];
  assert.equal(routeTable.name, 'front_routes');
  assert.equal(routeTable.children[0].name, 'storefront');
  assert.deepEqual(routeTable.children[0].children.map((r: any) => r.name), ['prefix /api/cart', 'prefix /api/catalog', 'prefix /']);
});

test('workspace symbols find definitions in files never opened', async () => {
  const symbols = await eventually(() => client.request('workspace/symbol', { query: 'edge_rou' }), (found: any[]) => found.length > 0);
  assert.equal(symbols[0].name, 'edge_routes');
  assert.match(symbols[0].location.uri, /edge-routes\.yaml$/);
});

test('completion offers the missing fields of a cluster while a key is being typed', async () => {
  const text = frontProxy.replace('    lb_policy: LEAST_REQUEST\n', '    lb_policy: LEAST_REQUEST\n    circ\n');
  const uri = fileUri(frontProxyPath);
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
  const result = await client.request('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '    circ', 8) });
  const labels = result.items.map((item: any) => item.label);
  assert.ok(labels.includes('circuit_breakers'), labels.join());
  assert.ok(!labels.includes('lb_policy'), 'fields already present are not offered');
  assert.ok(!labels.includes('connect_timeout'));
  const item = result.items.find((i: any) => i.label === 'circuit_breakers');
  assert.equal(item.textEdit.newText, 'circuit_breakers: ');
  assert.equal(item.textEdit.range.start.character, 4);
  client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: frontProxy }] });
});

/** Opens `text` as a scratch file once it is analysed, and asks for completion at `position`. */
async function completeIn(lsp: LspClient, name: string, text: string, position: { line: number; character: number }): Promise<any> {
  const path = join(tmpdir(), name);
  const uri = fileUri(path);
  const opened = lsp.waitForDiagnostics(uri);
  lsp.open(path, text);
  await opened;
  return lsp.request('textDocument/completion', { textDocument: { uri }, position });
}

test('completion inside an EnvoyFilter patch value offers the fields of the type its applyTo names', async () => {
  const text = 'apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: ratings-timeouts}\nspec:\n  configPatches:\n  - applyTo: CLUSTER\n    match: {context: SIDECAR_OUTBOUND}\n    patch:\n      operation: MERGE\n      value:\n        connect_timeout: 2s\n        \n';
  const result = await completeIn(client, 'envoy-lens-complete-ef.yaml', text, { line: 11, character: 8 });
  const labels = result.items.map((item: any) => item.label);
  assert.ok(labels.includes('circuit_breakers') && labels.includes('lb_policy'), labels.slice(0, 10).join());
  assert.ok(!labels.includes('connect_timeout') && !labels.includes('circuitBreakers'));
});

test('a client that takes snippets gets keys that open their mapping or list, and ask for an enum\'s values', async () => {
  const snippetClient = new LspClient();
  try {
    await snippetClient.initialize({
      rootPath: workspace,
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    });
    const result = await completeIn(snippetClient, 'envoy-lens-snippets.yaml', 'static_resources:\n  clusters:\n  - name: backend\n    \n', { line: 3, character: 4 });
    const item = (label: string) => result.items.find((i: any) => i.label === label);
    assert.deepEqual([item('circuit_breakers').textEdit.newText, item('circuit_breakers').insertTextFormat], ['circuit_breakers:\n  $0', 2]);
    assert.deepEqual([item('transport_socket_matches').textEdit.newText, item('transport_socket_matches').insertTextFormat], ['transport_socket_matches:\n- $0', 2]);
    assert.equal(item('lb_policy').textEdit.newText, 'lb_policy: ');
    assert.equal(item('lb_policy').command?.command, 'editor.action.triggerSuggest');
    assert.deepEqual([item('connect_timeout').textEdit.newText, item('connect_timeout').insertTextFormat], ['connect_timeout: ', 1]);
  } finally {
    await snippetClient.shutdown();
  }
});

test('completion of @type inside an HTTP filter prefers the type of the filter named', async () => {
  const text = frontProxy.replace(
    '"@type": type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors\n',
    '"@type": \n',
  );
  const uri = fileUri(frontProxyPath);
  client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text }] });
  const position = positionOf(text, '"@type": \n', 9, 0);
  const result = await client.request('textDocument/completion', { textDocument: { uri }, position });
  const preselected = result.items.filter((item: any) => item.preselect).map((item: any) => item.label);
  assert.ok(preselected.includes('type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors'), preselected.join());
  const labels = result.items.map((item: any) => item.label);
  assert.ok(labels.includes('type.googleapis.com/envoy.extensions.filters.http.router.v3.Router'));
  assert.ok(!labels.some((label: string) => label.includes('.network.')), 'network filters do not fit an HTTP filter slot');
  client.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: frontProxy }] });
});
