import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LspClient, fileUri, positionOf, repoRoot } from './lspClient';
import { Requests, type ExplainResult, type LoadDumpResult, type TreeItemData } from '../../server/src/protocol';

// The server runs with netRecorder.js preloaded, which reports every connection, name lookup and program start on
// stderr. A whole session without a remote source must report none; an admin URL exactly the one connection asked for
// (which also shows the recorder works, so the empty list is not vacuous).
const PREFIX = '[envoy-lens-net] ';
const workspace = join(repoRoot, 'test', 'fixtures', 'navigation');
const frontProxyPath = join(workspace, 'front-proxy.yaml');
const frontProxy = readFileSync(frontProxyPath, 'utf8');
const dumpPath = join(repoRoot, 'test', 'fixtures', 'dumps', 'istio-sidecar.json');

let client: LspClient;

function attempts(): string[] {
  return client.stderr.split('\n').filter((line) => line.startsWith(PREFIX)).map((line) => line.slice(PREFIX.length));
}

before(async () => {
  client = new LspClient(undefined, undefined, ['-r', join(__dirname, 'netRecorder.js')]);
  await client.initialize({ rootPath: workspace, initializationOptions: { trusted: false } });
});

after(async () => {
  await client.shutdown();
});

test('a full editing and dump session opens no connection and starts no program', async () => {
  const uri = client.open(frontProxyPath);
  await client.waitForDiagnostics(uri);
  const at = (needle: string, shift = 1) => ({ textDocument: { uri }, position: positionOf(frontProxy, needle, shift) });
  assert.ok(await client.request('textDocument/hover', at('connect_timeout')));
  assert.ok(await client.request('textDocument/definition', at('cluster: cart_service', 10)));
  await client.request('textDocument/references', { ...at('cluster: cart_service', 10), context: { includeDeclaration: true } });
  await client.request('textDocument/completion', at('lb_policy', 0));
  await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  await client.request('workspace/symbol', { query: 'edge' });

  const loaded = await client.request<LoadDumpResult>(Requests.loadDump, { source: { kind: 'file', path: dumpPath } });
  assert.ok(loaded.ok);
  const sections = await client.request<TreeItemData[]>(Requests.dumpTree, { parentId: loaded.dump.id });
  assert.ok(sections.length > 0);
  const explained = await client.request<ExplainResult>(Requests.explain, { source: { dumpId: loaded.dump.id }, listener: '0.0.0.0_9080' });
  assert.equal(explained.ok, true);
  await client.request(Requests.objectJson, { dumpId: loaded.dump.id, kind: 'listener', name: '0.0.0.0_9080' });
  // Untrusted: asking for a pod's dump is refused before anything runs.
  const refused = await client.request<LoadDumpResult>(Requests.loadDump, {
    source: { kind: 'command', tool: 'kubectl', program: 'kubectl', namespace: 'default', pod: 'productpage-v1' },
  });
  assert.equal(refused.ok, false);
  assert.deepEqual(attempts(), []);
});

test('loading from an admin URL makes exactly one connection, to that address', async () => {
  const body = readFileSync(join(repoRoot, 'test', 'fixtures', 'dumps', 'istio-gateway.json'));
  const server = createServer((_request, response) => response.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const before = attempts().length;
  try {
    const fetched = await client.request<LoadDumpResult>(Requests.loadDump, { source: { kind: 'admin', url: `http://127.0.0.1:${port}/config_dump` } });
    assert.ok(fetched.ok);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  const made = attempts().slice(before);
  const connects = made.filter((line) => line.startsWith('connect '));
  assert.equal(connects.length, 1, made.join('\n'));
  const peer = JSON.parse(connects[0].slice('connect '.length)) as { host?: string; port?: number | string };
  assert.deepEqual({ host: peer.host, port: Number(peer.port) }, { host: '127.0.0.1', port });
  assert.deepEqual(made.filter((line) => line.startsWith('fetch ')), [`fetch http://127.0.0.1:${port}/config_dump`]);
  assert.deepEqual(made.filter((line) => /^(dns|spawn|http|https|tls) /.test(line)), []);
});
