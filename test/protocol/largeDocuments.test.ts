import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LspClient, fileUri, positionOf } from './lspClient';

/** A bootstrap with a listener routing to `payments` (defined in another file) and to its own clusters. */
function largeBootstrap(clusterCount: number, prefix: string): string {
  const lines = [
    'static_resources:',
    '  listeners:',
    '  - name: ingress',
    '    address:',
    '      socket_address: { address: 0.0.0.0, port_value: 8080 }',
    '    filter_chains:',
    '    - filters:',
    '      - name: envoy.filters.network.http_connection_manager',
    '        typed_config:',
    '          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
    '          stat_prefix: ingress',
    '          http_filters:',
    '          - name: envoy.filters.http.router',
    '            typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router }',
    '          route_config:',
    '            virtual_hosts:',
    '            - name: all',
    '              domains: ["*"]',
    '              routes:',
    '              - match: { prefix: /pay }',
    '                route: { cluster: payments }',
    '              - match: { prefix: / }',
    `                route: { cluster: ${prefix}-17 }`,
    '  clusters:',
  ];
  for (let i = 0; i < clusterCount; i++) {
    lines.push(
      `  - name: ${prefix}-${i}`,
      '    connect_timeout: 1s',
      '    type: STRICT_DNS',
      '    load_assignment:',
      `      cluster_name: ${prefix}-${i}`,
      `      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: ${prefix}-${i}.shop.internal, port_value: 8080 } } } }] }]`,
    );
  }
  lines.push('  - name: last', '    conect_timeout: 1s', '    type: STATIC', '');
  return lines.join('\n');
}

const smallClusters = `static_resources:
  clusters:
  - name: payments
    connect_timeout: 2s
    type: STRICT_DNS
    load_assignment:
      cluster_name: payments
      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: payments.shop.internal, port_value: 8443 } } } }] }]
`;

const smallRoutes = `name: shop
virtual_hosts:
- name: shop
  domains: ["shop.example.com"]
  routes:
  - match: { prefix: /catalog }
    route: { cluster: disk-42 }
  - match: { prefix: / }
    route: { cluster: nowhere }
`;

let workspace: string;
let client: LspClient;
const bigText = largeBootstrap(6000, 'c');

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'envoy-lens-large-'));
  writeFileSync(join(workspace, 'clusters.yaml'), smallClusters);
  writeFileSync(join(workspace, 'routes.yaml'), smallRoutes);
  // larger than the worker threshold, on disk only: indexed by the worker during the workspace scan
  writeFileSync(join(workspace, 'disk-clusters.yaml'), largeBootstrap(3000, 'disk'));
  client = new LspClient();
  await client.initialize({ rootPath: workspace });
});

after(async () => {
  assert.equal(await client.shutdown(), 0, client.stderr);
  rmSync(workspace, { recursive: true, force: true });
});

const unknownClusters = (params: { diagnostics: any[] }) => params.diagnostics.filter((d) => d.code === 'envoy-unknown-cluster').map((d) => /"([^"]+)"/.exec(d.message)?.[1]);

test('a cluster defined only in a large file on disk is known to the files that route to it', async () => {
  const routesUri = client.open(join(workspace, 'routes.yaml'), smallRoutes);
  const settled = await client.waitForNotification<{ uri: string; diagnostics: any[] }>(
    'textDocument/publishDiagnostics', (params) => params.uri === routesUri && unknownClusters(params).join() === 'nowhere', 30_000);
  assert.deepEqual(unknownClusters(settled), ['nowhere']);
});

test('while a large document is analysed, requests on other documents are answered first', async () => {
  const routesUri = fileUri(join(workspace, 'routes.yaml'));
  const bigPath = join(workspace, 'opened-bootstrap.yaml');
  const order: string[] = [];
  const bigDiagnostics = client.waitForDiagnostics(fileUri(bigPath), 60_000).then((params) => (order.push('large document diagnostics'), params));
  client.open(bigPath, bigText);
  const hover = client.request('textDocument/hover', { textDocument: { uri: routesUri }, position: positionOf(smallRoutes, 'prefix: /catalog') }).then((result) => (order.push('hover on another document'), result));
  const [published, answered] = await Promise.all([bigDiagnostics, hover]);
  assert.deepEqual(order, ['hover on another document', 'large document diagnostics']);
  assert.ok(answered, 'the hover has content');
  const typo = published.diagnostics.find((d: any) => d.code === 'envoy-unknown-field');
  assert.ok(typo, JSON.stringify(published.diagnostics.slice(0, 5)));
  assert.deepEqual(typo.range.start, positionOf(bigText, 'conect_timeout'));
});

test('hover, outline and go to definition in a large document', async () => {
  const bigUri = fileUri(join(workspace, 'opened-bootstrap.yaml'));
  const textDocument = { uri: bigUri };
  const hover = await client.request('textDocument/hover', { textDocument, position: positionOf(bigText, 'connect_timeout', 2, 100) });
  assert.match(hover?.contents?.value ?? '', /connect_timeout/);

  const symbols: any[] = await client.request('textDocument/documentSymbol', { textDocument });
  const count = (list: any[]): number => list.reduce((sum, symbol) => sum + 1 + count(symbol.children ?? []), 0);
  assert.equal(count(symbols), 5000, 'the outline stops at 5,000 entries');

  const own = await client.request('textDocument/definition', { textDocument, position: positionOf(bigText, 'cluster: c-17', 10) });
  assert.deepEqual(own.map((l: any) => [l.uri, l.range.start]), [[bigUri, positionOf(bigText, 'c-17', 0, 1)]]);
  const elsewhere = await client.request('textDocument/definition', { textDocument, position: positionOf(bigText, 'cluster: payments', 10) });
  assert.deepEqual(elsewhere.map((l: any) => [l.uri, l.range.start]), [[fileUri(join(workspace, 'clusters.yaml')), positionOf(smallClusters, 'payments')]]);
});
