import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCluster, findEndpoints, findListener, findRouteConfig, loadConfigDump, type ConfigDump, type LoadResult } from '../../../server/src/core/dump';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/dumps', name), 'utf8');

function loaded(result: LoadResult): ConfigDump {
  if (!result.ok) assert.fail(`expected a dump, got: ${result.error}`);
  return result.dump;
}

test('admin JSON with include_eds: every section, states and node facts', () => {
  const dump = loaded(loadConfigDump(fixture('istio-sidecar.json'), { fileName: 'istio-sidecar.json' }));
  assert.equal(dump.format, 'admin-config-dump');
  assert.deepEqual(
    dump.listeners.map((entry) => `${entry.name}:${entry.state}`),
    ['listener at 0.0.0.0:15090:static', 'listener at 0.0.0.0:15021:static', '10.96.0.10_53:active', '0.0.0.0_9080:active', 'virtualOutbound:active', 'virtualInbound:active', '0.0.0.0_9090:warming'],
  );
  assert.equal(dump.clusters.length, 10);
  assert.equal(dump.routeConfigs.length, 1);
  assert.deepEqual(dump.node && { id: dump.node.id, type: dump.node.istioProxyType, istio: dump.node.istioVersion, envoy: dump.node.envoyVersion }, {
    id: 'sidecar~10.244.1.5~productpage-v1-6b746f74dc-9stvs.default~default.svc.cluster.local',
    type: 'sidecar',
    istio: '1.22.1',
    envoy: '1.30.2',
  });
  assert.deepEqual(dump.secrets.map((secret) => [secret.name, secret.kinds.join('+')]), [['default', 'tls_certificate'], ['ROOTCA', 'validation_context']]);
  assert.equal(findListener(dump, '0.0.0.0_9090')?.state, 'warming');
  assert.equal(findListener(dump, '0.0.0.0_9080')?.versionInfo, '2024-05-01T10:00:00Z/12');
});

test('endpoints: EDS by service name, and a static cluster’s load_assignment only when EDS has none', () => {
  const dump = loaded(loadConfigDump(fixture('istio-sidecar.json')));
  const ratings = findEndpoints(dump, 'outbound|9080||ratings.default.svc.cluster.local');
  assert.equal(ratings?.origin, 'dynamic');
  assert.equal((ratings?.config.endpoints as unknown[]).length, 1);
  assert.equal(findEndpoints(dump, 'prometheus_stats')?.origin, 'static');
  assert.equal(findEndpoints(dump, 'agent')?.origin, 'inline');
  assert.equal(findEndpoints(dump, 'outbound|9080|v2|reviews.default.svc.cluster.local'), undefined);
});

test('camelCase YAML is read as snake_case, but Struct and metadata keys are kept as written', () => {
  const dump = loaded(loadConfigDump(fixture('istioctl-camel.yaml'), { fileName: 'dump.yaml' }));
  const listener = findListener(dump, '0.0.0.0_9080');
  assert.equal(listener?.config.bind_to_port, false);
  assert.ok(Array.isArray(listener?.config.filter_chains));
  assert.ok(listener?.config.default_filter_chain);
  assert.equal(findRouteConfig(dump, '9080')?.config.validate_clusters, false);
  const proxyConfig = dump.node?.metadata?.PROXY_CONFIG as Record<string, unknown>;
  assert.equal(proxyConfig.discoveryAddress, 'istiod.istio-system.svc:15012');
  assert.equal(proxyConfig.discovery_address, undefined);
  const cluster = findCluster(dump, 'outbound|9080||details.default.svc.cluster.local');
  const matches = cluster?.config.transport_socket_matches as { match: Record<string, unknown> }[];
  assert.deepEqual(matches[0].match, { tlsMode: 'istio' });
  const endpoints = findEndpoints(dump, 'outbound|9080||details.default.svc.cluster.local');
  assert.match(JSON.stringify(endpoints?.config), /"filter_metadata":\{"envoy.transport_socket_match":\{"tlsMode":"istio"\}/);
  assert.equal(dump.node?.envoyVersion, '1.28.1');
});

test('a truncated file gives its line and column', () => {
  const text = fixture('truncated.json');
  const result = loadConfigDump(text, { fileName: 'truncated.json' });
  assert.equal(result.ok, false);
  if (result.ok) return;
  const lastLine = text.trimEnd().split('\n').length;
  assert.match(result.error, new RegExp(`^truncated JSON at line ${lastLine} column \\d+: `));
});

test('broken JSON in the middle is invalid, not truncated', () => {
  const result = loadConfigDump('{\n  "configs": [\n    {"@type": x}\n  ]\n}\n');
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.error, "invalid JSON at line 3 column 15: Unexpected token 'x'");
});

test('files that are not config dumps say so', () => {
  for (const [text, fileName] of [
    ['{"apiVersion": "apps/v1", "kind": "Deployment"}', 'x.json'],
    ['{"hello": 1}', 'x.json'],
    ['[1, 2, 3]', 'x.json'],
    ['', 'x.json'],
    ['apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\n', 'x.yaml'],
  ] as const) {
    const result = loadConfigDump(text, { fileName });
    assert.equal(result.ok, false, text);
    if (!result.ok) assert.match(result.error, /^not a config dump: /);
  }
});

test('egctl output with two proxies exposes both', () => {
  const dump = loaded(loadConfigDump(fixture('egctl-two-proxies.json')));
  assert.deepEqual(dump.proxies?.map((proxy) => proxy.name), ['default/eg-a', 'team-b/eg-b']);
  assert.equal(dump.proxyName, 'default/eg-a');
  assert.equal(findListener(dump, 'default/eg-a/http')?.state, 'active');
  const second = dump.proxies?.[1].dump;
  assert.equal(second?.clusters[0].name, 'tcproute/team-b/db/rule/-1');
  assert.equal(second && findEndpoints(second, 'tcproute/team-b/db/rule/-1')?.origin, 'inline');
  assert.ok(dump.warnings.some((warning) => warning.includes('2 proxies')));
});

test('an Envoy bootstrap becomes static listeners, clusters and secrets', () => {
  const dump = loaded(loadConfigDump(fixture('bootstrap.yaml'), { fileName: 'envoy.yaml' }));
  assert.equal(dump.format, 'bootstrap');
  assert.equal(findListener(dump, 'https_listener')?.state, 'static');
  assert.equal(findCluster(dump, 'api_backend')?.config.type, 'STRICT_DNS');
  assert.equal(findEndpoints(dump, 'api_backend')?.origin, 'inline');
  assert.deepEqual(dump.secrets, [{ name: 'session-keys', state: 'static', kinds: ['session_ticket_keys'], versionInfo: undefined, lastUpdated: undefined }]);
  assert.equal(dump.bootstrap?.static_resources, undefined);
  assert.equal(dump.node?.id, 'front-proxy');
});

test('a bare list of xDS resources is sorted by shape when it has no @type', () => {
  const dump = loaded(loadConfigDump(fixture('xds-resources.yaml')));
  assert.equal(dump.format, 'xds-resources');
  assert.deepEqual(dump.listeners.map((entry) => entry.name), ['first-listener']);
  assert.deepEqual(dump.clusters.map((entry) => entry.name), ['tcp-blue']);
  assert.deepEqual(dump.endpoints.map((entry) => `${entry.clusterName}:${entry.origin}`), ['tcp-green:static', 'tcp-blue:inline']);
});

test('{resources: [...]} with @type, as file-based xDS writes it', () => {
  const text = JSON.stringify({
    resources: [{ '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', name: 'only', type: 'LOGICAL_DNS' }],
  });
  const dump = loaded(loadConfigDump(text));
  assert.equal(findCluster(dump, 'only')?.config.type, 'LOGICAL_DNS');
});

test('older dumps with keyed configs', () => {
  const dump = loaded(loadConfigDump(fixture('keyed-configs.json')));
  assert.equal(findListener(dump, 'legacy_listener')?.state, 'static');
  assert.equal(findCluster(dump, 'legacy_backend')?.config.type, 'LOGICAL_DNS');
});

test('partial dumps: only EDS, only RDS', () => {
  const eds = loaded(
    loadConfigDump(
      JSON.stringify({
        configs: [
          {
            '@type': 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump',
            dynamic_endpoint_configs: [{ endpoint_config: { cluster_name: 'outbound|80||a.b.svc.cluster.local', endpoints: [] } }],
          },
        ],
      }),
    ),
  );
  assert.deepEqual(eds.sections, ['endpoints']);
  assert.equal(findEndpoints(eds, 'outbound|80||a.b.svc.cluster.local')?.origin, 'dynamic');
  const rds = loaded(loadConfigDump(JSON.stringify({ configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump', static_route_configs: [{ route_config: { virtual_hosts: [] } }] }] })));
  assert.deepEqual(rds.sections, ['routes']);
  assert.equal(rds.routeConfigs[0].name, '');
});

test('a listener Envoy rejected keeps its reason', () => {
  const text = JSON.stringify({
    configs: [
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
        dynamic_listeners: [{ error_state: { failed_configuration: { name: 'virtualInbound', filter_chains: [] }, details: 'Proto constraint validation failed' } }],
      },
    ],
  });
  const dump = loaded(loadConfigDump(text));
  assert.equal(dump.listeners[0].name, 'virtualInbound');
  assert.equal(dump.listeners[0].state, 'error');
  assert.equal(dump.listeners[0].errorDetails, 'Proto constraint validation failed');
});
