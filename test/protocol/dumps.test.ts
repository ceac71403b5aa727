import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, positionOf, repoRoot } from './lspClient';
import {
  Requests,
  type ExplainResult,
  type ListenerChoice,
  type LoadDumpResult,
  type LoadedDumpInfo,
  type TreeItemData,
} from '../../server/src/protocol';
import { HOSTILE, injectionDumpJson } from '../helpers/injectionDump';

const dumpPath = (name: string) => join(repoRoot, 'test', 'fixtures', 'dumps', name);
/** Key material planted in the fixtures (see test/unit/dump/secrets.test.ts). */
const PLANTED = ['RkFLRS1QUklWQVRFLUtFWS1CWVRFUy1ET05PVExFQUs=', 'GATEWAY-PRIVATE-KEY-DO-NOT-LEAK', 'U0VTU0lPTi1USUNLRVQtS0VZLURPLU5PVC1MRUFL'];

let client: LspClient;
let scratch: string;
const ids: Record<string, string> = {};

async function load(path: string): Promise<LoadedDumpInfo> {
  const result = await client.request<LoadDumpResult>(Requests.loadDump, { source: { kind: 'file', path } });
  if (!result.ok) assert.fail(result.message);
  return result.dump;
}

const tree = (parentId?: string, filter?: string) => client.request<TreeItemData[]>(Requests.dumpTree, { parentId, filter });
const explain = (dumpId: string, listener: string) => client.request<ExplainResult>(Requests.explain, { source: { dumpId }, listener });
const allText = (result: ExplainResult) => (result.sections ?? []).flatMap((section) => [section.heading, ...section.lines.map((line) => line.text)]).join('\n');

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'envoy-lens-dumps-'));
  client = new LspClient();
  await client.initialize({ initializationOptions: { trusted: false } });
});

after(async () => {
  await client.shutdown();
  rmSync(scratch, { recursive: true, force: true });
});

test('loadDump reads fixture files in the server, reports versions and notifies', async () => {
  const sidecar = await load(dumpPath('istio-sidecar.json'));
  assert.equal(sidecar.label, 'istio-sidecar.json');
  assert.equal(sidecar.istioVersion, '1.22.1');
  assert.equal(sidecar.envoyVersion, '1.30.2');
  const changed = await client.waitForNotification<{ dumps: LoadedDumpInfo[] }>('envoyLens/dumpsChanged', (params) => params.dumps.some((dump) => dump.id === sidecar.id));
  assert.ok(changed.dumps.length >= 1);
  ids.sidecar = sidecar.id;
  ids.gateway = (await load(dumpPath('istio-gateway.json'))).id;
  ids.ambient = (await load(dumpPath('ambient-ingress.json'))).id;
  const broken = await client.request<LoadDumpResult>(Requests.loadDump, { source: { kind: 'file', path: dumpPath('truncated.json') } });
  assert.deepEqual(broken, { ok: false, message: 'truncated.json: truncated JSON at line 727 column 40: Unterminated string' });
  const roots = await tree();
  assert.deepEqual(roots.map((root) => root.label), ['istio-sidecar.json', 'istio-gateway.json', 'ambient-ingress.json']);
});

test('dumpTree: roots, sections, listeners, filtered children', async () => {
  const roots = await tree();
  const sidecarRoot = roots.find((root) => root.id === ids.sidecar)!;
  assert.equal(sidecarRoot.kind, 'dump');
  assert.match(sidecarRoot.description ?? '', /7 listeners/);
  const sections = await tree(ids.sidecar);
  assert.deepEqual(sections.filter((item) => item.kind === 'section').map((item) => item.label).slice(0, 3), ['Listeners', 'Route configs', 'Clusters']);
  const listeners = await tree(sections.find((item) => item.label === 'Listeners')!.id);
  assert.ok(listeners.some((item) => item.label === 'virtualInbound' && item.hasChildren && item.target?.dumpId === ids.sidecar));
  const gatewayListeners = await tree((await tree(ids.gateway)).find((item) => item.label === 'Listeners')!.id);
  const everyId = [...listeners, ...gatewayListeners].map((item) => item.id);
  assert.equal(new Set(everyId).size, everyId.length);
  const filtered = await tree(ids.sidecar, 'kube-dns');
  const clusters = await tree(filtered.find((item) => item.label === 'Clusters')!.id, 'kube-dns');
  assert.deepEqual(clusters.map((item) => item.label), ['outbound|53||kube-dns.kube-system.svc.cluster.local']);
});

test('listListeners: every loaded dump, and the bootstrap in the editor with the one at the cursor first', async () => {
  const fromDumps = await client.request<ListenerChoice[]>(Requests.listListeners, {});
  assert.ok(fromDumps.some((choice) => choice.name === 'virtualOutbound' && 'dumpId' in choice.source && choice.source.dumpId === ids.sidecar));
  assert.ok(fromDumps.some((choice) => choice.name === '0.0.0.0_443' && /Istio gateway listener on port 443/.test(choice.description)));
  const path = dumpPath('bootstrap.yaml');
  const text = readFileSync(path, 'utf8');
  const uri = client.open(path, text);
  const atCursor = await client.request<ListenerChoice[]>(Requests.listListeners, { uri, position: positionOf(text, 'filter_chains') });
  assert.deepEqual(atCursor[0], { name: 'https_listener', description: atCursor[0].description, source: { uri }, atCursor: true });
  const explained = await client.request<ExplainResult>(Requests.explain, { source: { uri }, listener: 'https_listener' });
  assert.equal(explained.ok, true);
  assert.match(explained.markdown ?? '', /Listens on `0\.0\.0\.0:10443`/);
});

test('explain: a sidecar, a gateway and an ambient listener', async () => {
  const sidecar = await explain(ids.sidecar, '0.0.0.0_9080');
  assert.equal(sidecar.ok, true);
  assert.match(allText(sidecar), /bind_to_port false: opens no socket of its own/);
  assert.match(sidecar.markdown ?? '', /## Route configuration `9080`/);
  const gateway = await explain(ids.gateway, '0.0.0.0_8443');
  assert.match(allText(gateway), /certificate from SDS kubernetes:\/\/bookinfo-credential/);
  const ambient = await explain(ids.ambient, '0.0.0.0_443');
  assert.deepEqual(ambient.path?.map((hop) => hop.map((part) => part.text).join('')), [
    'listener 0.0.0.0_443',
    'routes http.443',
    'cluster outbound|8080||ch-public.channel.svc.cluster.local',
    'internal listener connect_originate',
    'cluster connect_originate',
  ]);
  assert.match(allText(ambient), /HBONE: Istio mTLS \+ HTTP\/2 to the original destination on port 15008/);
  const missing = await explain(ids.sidecar, '0.0.0.0_908');
  assert.equal(missing.ok, false);
  assert.match(missing.message ?? '', /Similar names: 0\.0\.0\.0_9080/);
});

test('objectJson never carries secret bytes; revealPath finds a cluster’s own item', async () => {
  for (const id of [ids.sidecar, ids.gateway]) {
    const choices = (await client.request<ListenerChoice[]>(Requests.listListeners, {})).filter((choice) => 'dumpId' in choice.source && choice.source.dumpId === id);
    for (const choice of choices) {
      const json = await client.request<string>(Requests.objectJson, { dumpId: id, kind: 'listener', name: choice.name });
      assert.ok(json.startsWith('{'), json);
      for (const secret of PLANTED) assert.ok(!json.includes(secret), `${choice.name} leaks`);
    }
    const bootstrap = await client.request<string>(Requests.objectJson, { dumpId: id, kind: 'bootstrap', name: 'bootstrap' });
    for (const secret of PLANTED) assert.ok(!bootstrap.includes(secret));
  }
  const path = await client.request<TreeItemData[]>(Requests.revealPath, { dumpId: ids.sidecar, kind: 'cluster', name: 'outbound|53||kube-dns.kube-system.svc.cluster.local' });
  assert.deepEqual(path.map((item) => item.kind), ['dump', 'section', 'cluster']);
  assert.match(await client.request<string>(Requests.objectJson, { dumpId: 'dump-999', kind: 'cluster', name: 'x' }), /^\/\/ That config dump is no longer loaded/);
});

test('hostile names come back as plain text in sections, for the webview to escape', async () => {
  const file = join(scratch, 'hostile.json');
  writeFileSync(file, injectionDumpJson());
  const hostile = await load(file);
  const result = await explain(hostile.id, HOSTILE.listener);
  assert.equal(result.ok, true);
  const parts = (result.sections ?? []).flatMap((section) => [...section.headingParts, ...section.lines.flatMap((line) => line.parts)]);
  for (const name of [HOSTILE.listener, HOSTILE.route, HOSTILE.cluster]) {
    assert.ok(parts.some((part) => part.text === name && part.code), `${name} is not a plain code part`);
  }
  const listeners = await tree((await tree(hostile.id)).find((item) => item.label === 'Listeners')!.id);
  assert.equal(listeners[0].label, HOSTILE.listener);
});

test('admin source against a local server; command sources refused in an untrusted workspace', async () => {
  const body = readFileSync(dumpPath('istio-gateway.json'));
  const server = createServer((_request, response) => response.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    const fetched = await client.request<LoadDumpResult>(Requests.loadDump, { source: { kind: 'admin', url: `http://127.0.0.1:${port}/config_dump` } });
    assert.ok(fetched.ok);
    assert.equal(fetched.dump.label, `127.0.0.1:${port}/config_dump`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  const refused = await client.request<LoadDumpResult>(Requests.loadDump, {
    source: { kind: 'command', tool: 'kubectl', program: 'kubectl', namespace: 'default', pod: 'productpage-v1' },
  });
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.message : '', /workspace is not trusted/);
});

test('unloadDump removes one dump and notifies', async () => {
  const before = await tree();
  const removed = await client.request<boolean>(Requests.unloadDump, { dumpId: ids.gateway });
  assert.equal(removed, true);
  const after = await tree();
  assert.deepEqual(after.map((item) => item.id), before.map((item) => item.id).filter((id) => id !== ids.gateway));
  await client.waitForNotification<{ dumps: LoadedDumpInfo[] }>('envoyLens/dumpsChanged', (params) => !params.dumps.some((dump) => dump.id === ids.gateway));
  assert.equal((await explain(ids.gateway, '0.0.0.0_8443')).ok, false);
});
