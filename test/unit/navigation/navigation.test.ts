import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitionAt, referencesAt } from '../../../server/src/core/navigation/definition';
import { documentSymbols, type OutlineSymbol } from '../../../server/src/core/navigation/symbols';
import { WorkspaceIndex } from '../../../server/src/core/navigation/workspaceIndex';
import { loadEnvoyIndex } from '../../../server/src/runtime/models';
import { fixture, offsetOf } from './fixtures';

const index = loadEnvoyIndex();
const front = fixture('front-proxy.yaml');
const mesh = fixture('mesh-clusters.yaml');
const listener = fixture('edge-listener.yaml');
const routes = fixture('edge-routes.yaml');

function workspaceOf(...files: { uri: string; text: string }[]): WorkspaceIndex {
  const workspace = new WorkspaceIndex(() => index);
  for (const file of files) assert.equal(workspace.setText(file.uri, file.text), true, file.uri);
  return workspace;
}

function at(file: typeof front, needle: string, shift: number, occurrence = 0) {
  return { analysis: file.analysis, uri: file.uri, offset: offsetOf(file.text, needle, shift, occurrence), index };
}

function nameAt(file: typeof front, location: { offset: number; length: number }): string {
  return file.text.slice(location.offset, location.offset + location.length);
}

test('definition: route cluster, weighted cluster and gRPC cluster_name → the cluster in the same file', () => {
  for (const [needle, shift] of [['cluster: cart_service', 10], ['name: catalog_v2', 7], ['cluster_name: xds_cluster', 15]] as const) {
    const [target] = definitionAt(at(front, needle, shift));
    assert.ok(target, needle);
    assert.equal(target.uri, front.uri);
    assert.equal(front.text.slice(target.offset - 6, target.offset), 'name: ', needle);
  }
});

test('definition across the workspace: route and tcp_proxy clusters, RDS route tables, EDS service names', () => {
  const workspace = workspaceOf(front, mesh, listener, routes);
  const [fromRoute] = definitionAt({ ...at(front, 'cluster: shared_backend', 10), workspace });
  assert.equal(fromRoute.uri, mesh.uri);
  assert.equal(nameAt(mesh, fromRoute), 'shared_backend');
  const [fromTcp] = definitionAt({ ...at(listener, 'cluster: shared_backend', 10), workspace });
  assert.equal(fromTcp.uri, mesh.uri);
  const [fromRds] = definitionAt({ ...at(listener, 'edge_routes', 2), workspace });
  assert.equal(fromRds.uri, routes.uri);
  assert.equal(nameAt(routes, fromRds), 'edge_routes');
  const [fromEds] = definitionAt({ ...at(mesh, 'service_name: outbound', 15), workspace });
  assert.equal(fromEds.uri, mesh.uri, 'with no ClusterLoadAssignment at hand, the cluster of that name');
  assert.equal(nameAt(mesh, fromEds), 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local');
});

test('definition: a typed_per_filter_config key → the HTTP filter of that name in the enclosing connection manager', () => {
  const [target] = definitionAt(at(front, 'envoy.filters.http.cors:', 3));
  assert.ok(target);
  assert.equal(front.text.slice(target.offset - 8, target.offset + target.length), '- name: envoy.filters.http.cors');
});

test('definition on plain values gives nothing', () => {
  assert.deepEqual(definitionAt(at(front, 'stat_prefix: ingress_http', 15)), []);
  assert.deepEqual(definitionAt(at(fixture('notes.yaml'), 'cluster: staging', 10)), []);
});

test('references: every naming of a cluster in the file and the workspace, with or without the declaration', () => {
  const workspace = workspaceOf(front, mesh, listener, routes);
  const found = referencesAt({ ...at(mesh, 'name: shared_backend', 8), workspace }, false);
  assert.deepEqual(found.map((r) => r.uri.split('/').pop()).sort(), ['edge-listener.yaml', 'edge-routes.yaml', 'front-proxy.yaml']);
  const withDeclaration = referencesAt({ ...at(front, 'cluster: shared_backend', 10), workspace }, true);
  assert.equal(withDeclaration[0].uri, mesh.uri);
  assert.equal(withDeclaration.length, 4);
  const catalog = referencesAt(at(front, 'name: catalog_v1', 7, 1), false);
  assert.equal(catalog.length, 1, 'the weighted cluster entry');
});

test('the workspace index: updates, removal, unchanged text, fuzzy search, unrecognised files', () => {
  const workspace = workspaceOf(mesh, routes);
  assert.equal(workspace.definitions('cluster', 'shared_backend').length, 1);
  assert.equal(workspace.setText(mesh.uri, mesh.text.replace('name: shared_backend', 'name: renamed_backend')), true);
  assert.equal(workspace.definitions('cluster', 'shared_backend').length, 0);
  assert.equal(workspace.definitions('cluster', 'renamed_backend')[0].cluster?.discovery, 'STRICT_DNS');
  assert.deepEqual(workspace.search('edgrts').map((d) => d.name), ['edge_routes']);
  assert.equal(workspace.references('cluster', 'shared_backend').length, 1);
  workspace.remove(routes.uri);
  assert.equal(workspace.references('cluster', 'shared_backend').length, 0);
  assert.equal(workspace.setText('file:///ws/notes.yaml', fixture('notes.yaml').text), false);
  assert.equal(workspace.fileCount, 1);
  assert.deepEqual(workspace.lines(mesh.uri)?.positionAt(workspace.definitions('cluster', 'renamed_backend')[0].offset), { line: 3, character: 8 });
});

function shape(symbols: OutlineSymbol[], depth = 6): unknown[] {
  return symbols.map((s) => (s.children.length && depth > 0 ? { [`${s.kind} ${s.name}`]: shape(s.children, depth - 1) } : `${s.kind} ${s.name}`));
}

test('outline of a bootstrap: listener → chain → connection manager → route table → virtual host → routes; clusters', () => {
  const symbols = documentSymbols(front.analysis, index);
  assert.deepEqual(shape(symbols), [
    {
      'listener ingress_http': [
        { 'filterChain filter chain': [{ 'filter envoy.filters.network.http_connection_manager': [{ 'routeConfig front_routes': [{ 'virtualHost storefront': ['route prefix /api/cart', 'route prefix /api/catalog', 'route prefix /'] }] }] }] },
      ],
    },
    'cluster cart_service',
    'cluster catalog_v1',
    'cluster catalog_v2',
    'cluster xds_cluster',
  ]);
  assert.equal(symbols[0].detail, '0.0.0.0:8080');
  assert.match(symbols[1].detail ?? '', /STRICT_DNS · lb LEAST_REQUEST · 2 endpoints · TLS/);
  const route = symbols[0].children[0].children[0].children[0].children[0].children[0];
  assert.equal(route.detail, '→ cart_service');
});

test('outline of a config dump groups by dump section; of an Istio resource by kind, name and spec sections', () => {
  const dump = fixture('dump/sidecar-config-dump.json');
  assert.deepEqual(shape(documentSymbols(dump.analysis, index), 2), [
    { 'section ClustersConfigDump': ['cluster outbound|8080||ratings.bookinfo.svc.cluster.local', 'cluster BlackHoleCluster'] },
    { 'section EndpointsConfigDump': ['endpoints outbound|8080||ratings.bookinfo.svc.cluster.local'] },
    { 'section ListenersConfigDump': [{ 'listener virtualOutbound': ['filterChain PassthroughFilterChain'] }] },
    { 'section RoutesConfigDump': [{ 'routeConfig 8080': ['virtualHost ratings.bookinfo.svc.cluster.local:8080'] }] },
  ]);
  const vs = fixture('reviews-virtualservice.yaml');
  assert.deepEqual(shape(documentSymbols(vs.analysis, index)), [{ 'resource VirtualService reviews': ['section hosts', { 'section http': ['field reviews-v1'] }] }]);
  assert.deepEqual(documentSymbols(fixture('notes.yaml').analysis, index), []);
});
