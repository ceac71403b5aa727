import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DumpStore } from '../../../server/src/lsp/dumpStore';
import { DumpTreeItems } from '../../../server/src/lsp/dumpTreeItems';
import { toExplainResult } from '../../../server/src/lsp/explainConvert';
import { innermostListener } from '../../../server/src/lsp/documentDumps';
import type { FetchedText } from '../../../server/src/lsp/dumpSources';
import { explainListener } from '../../../server/src/core/explain';
import { parseDocumentText } from '../../../server/src/core/document/parse';
import type { TreeItemData } from '../../../server/src/protocol';
import { readFixture } from '../../helpers/fixtures';
import { HOSTILE, injectionDumpJson } from '../../helpers/injectionDump';

const fixture = (name: string): Extract<FetchedText, { ok: true }> => ({ ok: true, text: readFixture('dumps', name), label: name, key: `file:${name}` });

test('store: loads dumps side by side with versions from the node; a failed load keeps the others', () => {
  const store = new DumpStore();
  const sidecar = store.add(fixture('istio-sidecar.json'));
  assert.ok(sidecar.ok);
  assert.equal(sidecar.dump.istioVersion, '1.22.1');
  assert.equal(sidecar.dump.envoyVersion, '1.30.2');
  assert.match(sidecar.dump.summary, /Istio sidecar.*7 listeners.*Istio 1\.22\.1, Envoy 1\.30\.2/);
  const gateway = store.add(fixture('istio-gateway.json'));
  assert.ok(gateway.ok);
  assert.notEqual(gateway.dump.id, sidecar.dump.id);

  const broken = store.add(fixture('truncated.json'));
  assert.deepEqual(broken, { ok: false, message: 'truncated.json: truncated JSON at line 727 column 40: Unterminated string' });
  const unreachable = store.add({ ok: false, message: 'connection refused at 127.0.0.1:15000 — is a port-forward running?' });
  assert.equal(unreachable.ok, false);
  assert.deepEqual(store.list().map((stored) => stored.info.label), ['istio-sidecar.json', 'istio-gateway.json']);

  const again = store.add(fixture('istio-sidecar.json'));
  assert.ok(again.ok);
  assert.equal(again.dump.id, sidecar.dump.id, 'loading the same source again replaces it');
  assert.equal(store.list().length, 2);
  assert.ok(store.remove(gateway.dump.id));
  assert.deepEqual(store.list().map((stored) => stored.info.id), [sidecar.dump.id]);
});

test('tree: one root per dump, ids unique across dumps, targets carry the dump id', () => {
  const store = new DumpStore();
  const tree = new DumpTreeItems(store);
  const first = store.add(fixture('istio-sidecar.json'));
  const second = store.add({ ...fixture('istio-sidecar.json'), key: 'admin:other', label: '127.0.0.1:15000/config_dump' });
  assert.ok(first.ok && second.ok);
  const roots = tree.children(undefined);
  assert.deepEqual(roots.map((root) => [root.kind, root.label]), [['dump', 'istio-sidecar.json'], ['dump', '127.0.0.1:15000/config_dump']]);
  assert.ok(roots.every((root) => root.hasChildren && root.description?.includes('7 listeners')));

  const seen = new Set<string>();
  const walk = (items: TreeItemData[], depth: number) => {
    for (const item of items) {
      assert.ok(!seen.has(item.id), `duplicate id ${item.id}`);
      seen.add(item.id);
      if (item.target && item.kind !== 'dump') assert.ok(item.id.startsWith(`${item.target.dumpId}|`));
      if (item.hasChildren && depth < 4) walk(tree.children(item.id), depth + 1);
    }
  };
  walk(roots, 0);
  assert.ok(seen.size > 100, `walked ${seen.size} items`);

  const sections = tree.children(first.dump.id);
  const listeners = tree.children(sections.find((item) => item.label === 'Listeners')!.id);
  const outbound = listeners.find((item) => item.label === '0.0.0.0_9080')!;
  assert.deepEqual(outbound.target, { dumpId: first.dump.id, kind: 'listener', name: '0.0.0.0_9080' });
  assert.equal(outbound.reference, undefined, 'a listener in its section is the object itself');
});

test('tree: filter, references and the reveal path of a route’s cluster', () => {
  const store = new DumpStore();
  const tree = new DumpTreeItems(store);
  const loaded = store.add(fixture('istio-sidecar.json'));
  assert.ok(loaded.ok);
  const id = loaded.dump.id;
  const filtered = tree.children(id, 'ratings');
  assert.ok(filtered.length > 0 && filtered.every((item) => /match/.test(item.description ?? '')));
  const clusters = tree.children(filtered.find((item) => item.label === 'Clusters')!.id, 'ratings');
  assert.ok(clusters.length > 0 && clusters.every((item) => item.label.includes('ratings')));

  const routeConfigs = tree.children(tree.children(id).find((item) => item.label === 'Route configs')!.id);
  const vhosts = tree.children(routeConfigs.find((item) => item.label === '9080')!.id);
  const routes = tree.children(vhosts.find((item) => item.hasChildren)!.id);
  const route = routes.find((item) => item.target?.kind === 'cluster')!;
  assert.equal(route.reference, true);
  const path = tree.revealPath(route.target!);
  assert.deepEqual(path.map((item) => item.kind), ['dump', 'section', 'cluster']);
  assert.equal(path[2].target?.name, route.target!.name);
  assert.deepEqual(tree.revealPath({ dumpId: id, kind: 'cluster', name: 'no-such-cluster' }), []);
});

test('tree: a multi-proxy file tags targets with their proxy', () => {
  const store = new DumpStore();
  const tree = new DumpTreeItems(store);
  const loaded = store.add(fixture('egctl-two-proxies.json'));
  assert.ok(loaded.ok);
  const proxies = tree.children(loaded.dump.id);
  assert.deepEqual(proxies.map((item) => item.label), ['default/eg-a', 'team-b/eg-b']);
  const sections = tree.children(proxies[1].id);
  const withTargets = sections.flatMap((section) => (section.hasChildren ? tree.children(section.id) : [])).filter((item) => item.target);
  assert.ok(withTargets.length > 0);
  assert.ok(withTargets.every((item) => item.target?.proxy === 'team-b/eg-b'));
  assert.ok(store.resolve(loaded.dump.id, 'team-b/eg-b'));
  assert.equal(store.resolve(loaded.dump.id, 'nope'), undefined);
});

test('explain result: hostile names travel as plain text in parts, with links', () => {
  const store = new DumpStore();
  const loaded = store.add({ ok: true, text: injectionDumpJson(), label: 'hostile.json', key: 'file:hostile' });
  assert.ok(loaded.ok, !loaded.ok ? loaded.message : '');
  const result = toExplainResult(explainListener(store.resolve(loaded.dump.id)!, HOSTILE.listener), 'hostile.json');
  assert.equal(result.ok, true);
  const texts = JSON.stringify(result.sections);
  for (const name of Object.values(HOSTILE)) assert.ok(texts.includes(JSON.stringify(name).slice(1, -1)), `missing ${name}`);
  const links = result.sections!.flatMap((section) => section.lines.flatMap((line) => line.links ?? []));
  assert.ok(links.some((link) => link.kind === 'cluster' && link.name === HOSTILE.cluster));
  assert.ok(links.some((link) => link.kind === 'routeConfig' && link.name === HOSTILE.route));
  assert.ok(result.path && result.path.length >= 2);
  const missing = toExplainResult(explainListener(store.resolve(loaded.dump.id)!, 'nope'), 'hostile.json');
  assert.equal(missing.ok, false);
  assert.match(missing.message ?? '', /no listener named "nope"/);
});

test('document: the listener around a position, for a bootstrap in the editor', () => {
  const text = readFixture('dumps', 'bootstrap.yaml');
  const parsed = parseDocumentText(text, 'yaml');
  const names = new Set(['https_listener']);
  const inside = text.indexOf('filter_chains');
  assert.ok(inside > 0);
  assert.equal(innermostListener(parsed.documents[0].root, inside, names), 'https_listener');
  const outside = text.indexOf('clusters:');
  assert.equal(innermostListener(parsed.documents[0].root, outside, names), undefined);
});
