import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDumpTree, filterDumpTree, getDumpTreeChildren, loadConfigDump, objectJson, type ConfigDump, type DumpTreeNode } from '../../../server/src/core/dump';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/dumps', name), 'utf8');

function load(name: string): ConfigDump {
  const result = loadConfigDump(fixture(name), { fileName: name });
  if (!result.ok) assert.fail(result.error);
  return result.dump;
}

function child(dump: ConfigDump, parent: DumpTreeNode, label: string | RegExp): DumpTreeNode {
  const children = getDumpTreeChildren(dump, parent.id);
  const found = children.find((node) => (typeof label === 'string' ? node.label === label : label.test(node.label)));
  if (!found) assert.fail(`no child ${String(label)} under ${parent.label}: ${children.map((node) => node.label).join(', ')}`);
  return found;
}

test('roots carry counts and stay lazy', () => {
  const dump = load('istio-sidecar.json');
  const roots = buildDumpTree(dump);
  assert.deepEqual(
    roots.map((root) => [root.label, root.description]),
    [
      ['Bootstrap', 'sidecar · Istio 1.22.1 · Envoy 1.30.2'],
      ['Listeners', '7 (2 static, 4 active, 1 warming)'],
      ['Route configs', '1'],
      ['Clusters', '10 (2 static, 8 active)'],
      ['Secrets', '2'],
    ],
  );
  assert.ok(roots.every((root) => root.children === 'lazy'));
});

test('listener → filter chain → HCM → RDS route config name', () => {
  const dump = load('istio-sidecar.json');
  const listeners = buildDumpTree(dump).find((root) => root.label === 'Listeners');
  assert.ok(listeners);
  const listener = child(dump, listeners, '0.0.0.0_9080');
  assert.equal(listener.description, '0.0.0.0:9080 · 2 chains · not bound');
  assert.deepEqual(listener.target, { kind: 'listener', name: '0.0.0.0_9080' });
  const chain = child(dump, listener, 'chain 0');
  assert.equal(chain.description, 'plaintext, ALPN http/1.1, h2c');
  const hcm = child(dump, chain, /http_connection_manager/);
  assert.equal(hcm.description, 'RDS 9080');
  const hcmChildren = getDumpTreeChildren(dump, hcm.id);
  assert.deepEqual(hcmChildren.filter((node) => node.kind === 'httpFilter').map((node) => node.label), ['istio.metadata_exchange', 'envoy.filters.http.fault', 'istio.stats', 'envoy.filters.http.router']);
  const routes = hcmChildren.find((node) => node.kind === 'routeConfig');
  assert.deepEqual(routes?.target, { kind: 'routeConfig', name: '9080' });
  assert.equal(routes?.description, 'RDS · 3 virtual hosts');
  const fallback = child(dump, listener, /^default chain/);
  assert.equal(child(dump, fallback, /tcp_proxy/).description, 'PassthroughCluster');
});

test('inline route config inside a listener expands to virtual hosts and routes', () => {
  const dump = load('istio-sidecar.json');
  const listeners = buildDumpTree(dump).find((root) => root.label === 'Listeners');
  assert.ok(listeners);
  const inbound = child(dump, listeners, 'virtualInbound');
  const chain = child(dump, inbound, '0.0.0.0_9080');
  assert.equal(chain.description, 'port 9080, TLS, ALPN istio-http/1.0, istio-http/1.1, istio-h2');
  const hcm = child(dump, chain, /http_connection_manager/);
  const routeConfig = child(dump, hcm, 'routes: inbound|9080||');
  const vhost = child(dump, routeConfig, 'inbound|http|9080');
  const [route] = getDumpTreeChildren(dump, vhost.id);
  assert.equal(route.label, 'any path (prefix /)');
  assert.deepEqual(route.target, { kind: 'cluster', name: 'inbound|9080||' });
});

test('route configs → virtual hosts → routes, with weighted actions', () => {
  const dump = load('istio-sidecar.json');
  const routes = buildDumpTree(dump).find((root) => root.label === 'Route configs');
  assert.ok(routes);
  const routeConfig = child(dump, routes, '9080');
  const reviews = child(dump, routeConfig, 'reviews.default.svc.cluster.local:9080');
  assert.equal(reviews.description, 'reviews.default.svc.cluster.local, reviews, 10.96.77.8 · 2 routes');
  const [byHeader, weighted] = getDumpTreeChildren(dump, reviews.id);
  assert.equal(byHeader.label, 'path prefix /api/v2, header end-user = "jason"');
  assert.match(weighted.description ?? '', /weighted: outbound\|9080\|v1\|reviews.default.svc.cluster.local 80, outbound\|9080\|v2\|reviews.default.svc.cluster.local 20/);
});

test('cluster details and endpoints with health and locality', () => {
  const dump = load('istio-sidecar.json');
  const clusters = buildDumpTree(dump).find((root) => root.label === 'Clusters');
  assert.ok(clusters);
  const ratings = child(dump, clusters, 'outbound|9080||ratings.default.svc.cluster.local');
  assert.equal(ratings.description, 'EDS · LEAST_REQUEST');
  const details = getDumpTreeChildren(dump, ratings.id);
  assert.match(details.find((node) => node.label === 'socket match tlsMode-istio')?.description ?? '', /^tlsMode=istio → Istio mTLS/);
  assert.equal(details.find((node) => node.label === 'circuit breakers')?.description, 'connections unlimited, pending_requests unlimited, requests unlimited, retries unlimited');
  const endpoints = details.find((node) => node.kind === 'endpoints');
  assert.equal(endpoints?.description, '2 endpoints, 1 healthy or unknown');
  assert.ok(endpoints);
  const hosts = getDumpTreeChildren(dump, endpoints.id);
  assert.deepEqual(hosts.map((node) => `${node.label} ${node.description}`), [
    '10.244.2.8:9080 HEALTHY · us-east1/us-east1-b · weight 1 · tlsMode=istio',
    '10.244.3.9:9080 UNHEALTHY · us-east1/us-east1-b · weight 1 · tlsMode=istio',
  ]);
  const reviewsV2 = child(dump, clusters, 'outbound|9080|v2|reviews.default.svc.cluster.local');
  assert.equal(getDumpTreeChildren(dump, reviewsV2.id).find((node) => node.label === 'endpoints')?.description, 'EDS not in this dump');
});

test('filter by name finds listeners, clusters, and virtual hosts by domain', () => {
  const dump = load('istio-sidecar.json');
  const filtered = filterDumpTree(dump, 'RATINGS');
  const clusters = filtered.find((root) => root.label === 'Clusters');
  assert.deepEqual((clusters?.children as DumpTreeNode[]).map((node) => node.label), ['outbound|9080||ratings.default.svc.cluster.local']);
  const routes = filtered.find((root) => root.label === 'Route configs');
  const [routeConfig] = routes?.children as DumpTreeNode[];
  assert.deepEqual((routeConfig.children as DumpTreeNode[]).map((node) => node.label), ['ratings.default.svc.cluster.local:9080']);
  assert.equal(filtered.find((root) => root.label === 'Listeners'), undefined);
  assert.deepEqual(filterDumpTree(dump, 'no-such-thing'), []);
  assert.equal(filterDumpTree(dump, '  ').length, buildDumpTree(dump).length);
});

test('several proxies in one file give one root each', () => {
  const dump = load('egctl-two-proxies.json');
  const roots = buildDumpTree(dump);
  assert.deepEqual(roots.map((root) => root.label), ['default/eg-a', 'team-b/eg-b']);
  const sections = getDumpTreeChildren(dump, roots[1].id);
  const clusters = sections.find((node) => node.label === 'Clusters');
  assert.ok(clusters);
  const [cluster] = getDumpTreeChildren(dump, clusters.id);
  assert.equal(cluster.label, 'tcproute/team-b/db/rule/-1');
  const endpoints = getDumpTreeChildren(dump, cluster.id).find((node) => node.kind === 'endpoints');
  assert.ok(endpoints);
  assert.equal(getDumpTreeChildren(dump, endpoints.id)[0].label, '10.2.0.9:5432');
});

test('EDS-only dumps list endpoints at the root', () => {
  const result = loadConfigDump(
    JSON.stringify({ configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump', dynamic_endpoint_configs: [{ endpoint_config: { cluster_name: 'c1', endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.0.1', port_value: 80 } } } }] }] } }] }] }),
  );
  if (!result.ok) assert.fail(result.error);
  const [root] = buildDumpTree(result.dump);
  assert.equal(root.label, 'Endpoints');
  const [entry] = getDumpTreeChildren(result.dump, root.id);
  assert.equal(entry.description, '1 endpoint');
  assert.equal(getDumpTreeChildren(result.dump, entry.id)[0].label, '10.0.0.1:80');
});

test('unknown ids expand to nothing', () => {
  const dump = load('istio-sidecar.json');
  for (const id of ['', 'not json', '["L", 999]', '["C", "x"]', '{"a":1}', '["P", 3]']) assert.deepEqual(getDumpTreeChildren(dump, id), []);
});

test('objectJson gives one object in snake_case, and undefined for unknown names', () => {
  const dump = load('istioctl-camel.yaml');
  const text = objectJson(dump, { kind: 'listener', name: '0.0.0.0_9080' });
  assert.ok(text);
  assert.equal(JSON.parse(text).bind_to_port, false);
  assert.match(objectJson(dump, { kind: 'routeConfig', name: '9080' }) ?? '', /"path_separated_prefix": "\/details"/);
  assert.equal(objectJson(dump, { kind: 'cluster', name: 'nope' }), undefined);
  assert.match(objectJson(dump, { kind: 'bootstrap', name: 'bootstrap' }) ?? '', /"discoveryAddress"/);
});
