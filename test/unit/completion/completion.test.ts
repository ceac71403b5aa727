import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt } from '../../../server/src/core/completion';
import { WorkspaceIndex } from '../../../server/src/core/navigation/workspaceIndex';
import { languageModels as models } from '../../../server/src/runtime/languageModels';
import { loadIstioModelFor } from '../../../server/src/runtime/models';
import { analyze, fixture } from '../navigation/fixtures';

/** Completes at the `|` in `source`. */
function complete(source: string, options: { fileName?: string; workspace?: WorkspaceIndex; istioVersion?: string } = {}) {
  const offset = source.indexOf('|');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  const istioModel = options.istioVersion ? loadIstioModelFor(options.istioVersion).model : undefined;
  const result = completionsAt({ analysis: analyze(text, options.fileName), text, offset, models, workspace: options.workspace, istioModel });
  return { result, labels: result?.items.map((item) => item.label) ?? [], replaced: result ? text.slice(result.replaceOffset, result.replaceOffset + result.replaceLength) : undefined };
}

const HCM_HEAD = `static_resources:
  listeners:
  - name: l
    address: { socket_address: { address: 0.0.0.0, port_value: 80 } }
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: l
`;

test('field names while a key is being typed: the missing fields of the enclosing message, with docs', () => {
  const { result, labels, replaced } = complete('static_resources:\n  clusters:\n  - name: a\n    connect_timeout: 1s\n    circ|\n');
  assert.ok(labels.includes('circuit_breakers'));
  assert.ok(!labels.includes('name') && !labels.includes('connect_timeout'));
  assert.equal(replaced, 'circ');
  const item = result!.items.find((i) => i.label === 'circuit_breakers')!;
  assert.equal(item.insertText, 'circuit_breakers: ');
  assert.match(item.detail ?? '', /message CircuitBreakers/);
  assert.match(item.documentation ?? '', /circuit breaking/i);
});

test('field names on an empty line, in a new list item, and with a oneof already chosen', () => {
  const emptyLine = complete('static_resources:\n  clusters:\n  - name: a\n    type: STRICT_DNS\n    |\n  listeners: []\n');
  assert.ok(emptyLine.labels.includes('lb_policy'));
  assert.ok(!emptyLine.labels.includes('cluster_type'), 'type and cluster_type share a oneof');
  const newItem = complete('static_resources:\n  clusters:\n  - name: a\n    connect_timeout: 1s\n  - |\n');
  assert.ok(newItem.labels.includes('name') && newItem.labels.includes('connect_timeout'));
  const nested = complete('static_resources:\n  clusters:\n  - name: a\n    load_assignment:\n      cluster_name: a\n      |\n');
  assert.deepEqual(nested.labels.filter((l) => l === 'endpoints' || l === 'policy' || l === 'cluster_name'), ['endpoints', 'policy']);
});

test('field names follow the document\'s spelling', () => {
  const { labels } = complete('staticResources:\n  clusters:\n  - name: a\n    connectTimeout: 1s\n    lbPolicy: RANDOM\n    |\n');
  assert.ok(labels.includes('loadAssignment'));
  assert.ok(!labels.includes('load_assignment'));
  assert.ok(!labels.includes('lbPolicy'));
});

test('enum values and booleans', () => {
  const enums = complete('static_resources:\n  clusters:\n  - name: a\n    lb_policy: LE|\n');
  assert.deepEqual(enums.labels.slice(0, 3), ['ROUND_ROBIN', 'LEAST_REQUEST', 'RING_HASH']);
  assert.equal(enums.replaced, 'LE');
  const booleans = complete(`${HCM_HEAD}          generate_request_id: |\n`);
  assert.deepEqual(booleans.labels, ['true', 'false']);
});

test('@type URLs that fit the slot, with the named filter\'s type first', () => {
  const http = complete(`${HCM_HEAD}          http_filters:\n          - name: envoy.filters.http.router\n            typed_config:\n              "@type": |\n`);
  assert.equal(http.labels[0], 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router');
  assert.ok(http.result!.items[0].preselect);
  assert.ok(http.labels.includes('type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors'));
  assert.ok(!http.labels.some((l) => /filters\.network|transport_sockets/.test(l)));
  const network = complete('static_resources:\n  listeners:\n  - name: l\n    filter_chains:\n    - filters:\n      - name: tcp\n        typed_config:\n          "@type": type.googleapis.com/|\n');
  assert.ok(network.labels.includes('type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy'));
  assert.ok(!network.labels.some((l) => /filters\.http\./.test(l)));
  assert.equal(network.replaced, 'type.googleapis.com/');
  const socket = complete('static_resources:\n  clusters:\n  - name: a\n    transport_socket:\n      name: envoy.transport_sockets.tls\n      typed_config:\n        "@type": |\n');
  assert.equal(socket.labels[0], 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext');
  assert.ok(socket.labels.includes('type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer'));
  const anyWithoutType = complete('static_resources:\n  listeners:\n  - name: l\n    filter_chains:\n    - filters:\n      - name: tcp\n        typed_config:\n          |\n');
  assert.deepEqual(anyWithoutType.labels, ['@type']);
});

test('filter names at name: and cluster names at cluster:', () => {
  const names = complete(`${HCM_HEAD}          http_filters:\n          - name: |\n`);
  assert.ok(names.labels.includes('envoy.filters.http.router'));
  assert.ok(!names.labels.some((l) => l.startsWith('envoy.filters.network.')));
  const workspace = new WorkspaceIndex(() => models.envoy);
  const mesh = fixture('mesh-clusters.yaml');
  workspace.setText(mesh.uri, mesh.text);
  const clusters = complete(
    `${HCM_HEAD}          route_config:\n            virtual_hosts:\n            - name: v\n              domains: ["*"]\n              routes:\n              - match: { prefix: / }\n                route:\n                  cluster: |\n  clusters:\n  - name: local_one\n    connect_timeout: 1s\n`,
    { workspace },
  );
  assert.deepEqual(clusters.labels, ['local_one', 'shared_backend', 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local']);
  assert.equal(clusters.result!.items[2].insertText, '"outbound|9080|v1|reviews.bookinfo.svc.cluster.local"');
});

test('JSON: keys inside quotes replace the quotes the editor closed', () => {
  const { result, labels, replaced } = complete('{"static_resources": {"clusters": [{"name": "a", "connect_timeout": "1s", "lb|"}]}}', { fileName: 'bootstrap.json' });
  assert.ok(labels.includes('lb_policy'));
  assert.ok(!labels.includes('name'));
  assert.equal(replaced, '"lb"');
  assert.equal(result!.items.find((i) => i.label === 'lb_policy')!.insertText, '"lb_policy": ');
});

test('nothing for files that are not Envoy configuration', () => {
  assert.equal(complete('title: notes\nsteps:\n  - |\n').result, undefined);
});

const ENVOY_FILTER_HEAD = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: reviews-timeouts, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
  - applyTo: CLUSTER
    match: {context: SIDECAR_OUTBOUND, cluster: {service: ratings.bookinfo.svc.cluster.local}}
    patch:
      operation: MERGE
      value:
`;

test('inside an EnvoyFilter patch value: the fields of the Envoy type its applyTo names, spelt as the patch spells them', () => {
  const keys = complete(`${ENVOY_FILTER_HEAD}        connect_timeout: 1s\n        circ|\n`);
  assert.ok(keys.labels.includes('circuit_breakers'), keys.labels.slice(0, 10).join());
  assert.ok(!keys.labels.includes('connect_timeout'));
  assert.ok(!keys.labels.includes('circuitBreakers'), 'the EnvoyFilter\'s own camelCase keys do not decide');
  const camel = complete(`${ENVOY_FILTER_HEAD}        connectTimeout: 1s\n        |\n`);
  assert.ok(camel.labels.includes('circuitBreakers'));
  const values = complete(`${ENVOY_FILTER_HEAD}        lb_policy: LE|\n`);
  assert.ok(values.labels.includes('LEAST_REQUEST'));
  const emptyValue = complete(`${ENVOY_FILTER_HEAD}        |\n`);
  assert.ok(emptyValue.labels.includes('connect_timeout'), 'an empty patch value offers every field');
});

const DESTINATION_RULE = `apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews.bookinfo.svc.cluster.local
  trafficPolicy:
    tls:
      mode: |
    loadBalancer: {simple: LEAST_REQUEST}
`;

test('in an Istio resource: its CRD fields not written yet, and enum values, as the Istio version in use has them', () => {
  const modes = complete(DESTINATION_RULE);
  assert.deepEqual(modes.labels, ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']);
  const atKey = DESTINATION_RULE.replace('mode: |', 'mode: SIMPLE').replace('    loadBalancer', '    |\n    loadBalancer');
  const latest = complete(atKey);
  assert.ok(latest.labels.includes('outlierDetection') && latest.labels.includes('proxyProtocol'), latest.labels.join());
  assert.ok(!latest.labels.includes('tls') && !latest.labels.includes('loadBalancer'), 'fields already written are left out');
  const item = latest.result!.items.find((i) => i.label === 'portLevelSettings')!;
  assert.equal(item.insertText, 'portLevelSettings: ');
  assert.match(item.detail ?? '', /^list of object/);
  assert.match(item.documentation ?? '', /port/i);
  const older = complete(atKey, { istioVersion: '1.18' });
  assert.ok(older.labels.includes('outlierDetection'));
  assert.ok(!older.labels.includes('proxyProtocol'), 'Istio 1.18 has no trafficPolicy.proxyProtocol');
  const specKeys = complete(DESTINATION_RULE.replace('  host: reviews.bookinfo.svc.cluster.local\n', '  |\n  host: reviews.bookinfo.svc.cluster.local\n').replace('mode: |', 'mode: SIMPLE'));
  assert.ok(specKeys.labels.includes('subsets') && specKeys.labels.includes('exportTo') && !specKeys.labels.includes('host'));
});


test('each key says what its value is, so an editor can open it: a mapping, a list, or a choice', () => {
  const follows = (source: string, label: string, fileName?: string) => complete(source, { fileName }).result!.items.find((i) => i.label === label)?.follows;
  const cluster = 'static_resources:\n  clusters:\n  - name: a\n    |\n';
  assert.equal(follows(cluster, 'circuit_breakers'), 'mapping');
  assert.equal(follows(cluster, 'transport_socket_matches'), 'list');
  assert.equal(follows(cluster, 'lb_policy'), 'choice');
  assert.equal(follows(cluster, 'connect_timeout'), undefined, 'a Duration is written as a string');
  assert.equal(follows(cluster, 'per_connection_buffer_limit_bytes'), undefined, 'a wrapped number is written as a number');
  assert.equal(follows('{"static_resources": {"clusters": [{"name": "a", "circ|"}]}}', 'circuit_breakers', 'bootstrap.json'), undefined, 'JSON keys stay as they are');
  const rule = DESTINATION_RULE.replace('mode: |', 'mode: SIMPLE').replace('    loadBalancer', '    |\n    loadBalancer');
  assert.equal(follows(rule, 'portLevelSettings'), 'list');
  assert.equal(follows(rule, 'outlierDetection'), 'mapping');
  const tls = DESTINATION_RULE.replace('      mode: |\n', '      |\n');
  assert.equal(follows(tls, 'mode'), 'choice');
  assert.equal(follows(tls, 'sni'), undefined);
});

test('inside flow mappings: keys not written yet and values, without opening new lines', () => {
  const endpoint = 'static_resources:\n  clusters:\n  - name: backend\n    load_assignment:\n      cluster_name: backend\n      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: 10.0.0.1, po| } } } }] }]\n';
  const keys = complete(endpoint);
  assert.ok(keys.labels.includes('port_value'), keys.labels.join());
  assert.ok(!keys.labels.includes('address'), 'a key already in the mapping');
  assert.equal(keys.replaced, 'po');
  assert.equal(keys.result!.items.find((i) => i.label === 'port_value')!.follows, undefined);
  const empty = complete(endpoint.replace('address: 10.0.0.1, po|', 'address: 10.0.0.1, |'));
  assert.ok(empty.labels.includes('port_value') && empty.labels.includes('protocol'));
  const enumValue = complete(endpoint.replace('address: 10.0.0.1, po|', 'address: 10.0.0.1, protocol: U|'));
  assert.deepEqual(enumValue.labels, ['TCP', 'UDP']);

  const filter = `${ENVOY_FILTER_HEAD}        connect_timeout: 1s\n`.replace('match: {context: SIDECAR_OUTBOUND, cluster: {service: ratings.bookinfo.svc.cluster.local}}', 'match: {context: SIDECAR_OUTBOUND, |}');
  const matchKeys = complete(filter);
  assert.ok(matchKeys.labels.includes('cluster') && matchKeys.labels.includes('proxy'), matchKeys.labels.join());
  assert.ok(!matchKeys.labels.includes('context'));
  const contexts = complete(filter.replace('match: {context: SIDECAR_OUTBOUND, |}', 'match: {context: SIDE|}'));
  assert.ok(contexts.labels.includes('SIDECAR_OUTBOUND') && contexts.labels.includes('GATEWAY'), contexts.labels.join());
  const inSequence = complete(endpoint.replace('{ lb_endpoints: [{', '{ lb_endpoints: [|{'));
  assert.deepEqual(inSequence.labels, [], 'nothing inside a flow sequence');
});

test('an EnvoyFilter match names filters: network filters for filterChain.filter, HTTP filters for its subFilter', () => {
  const match = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua-headers, namespace: bookinfo}
spec:
  configPatches:
  - applyTo: HTTP_FILTER
    match:
      context: SIDECAR_INBOUND
      listener:
        filterChain:
          filter:
            name: envoy.filters.network.http|
            subFilter:
              name: envoy.filters.http.router
    patch:
      operation: INSERT_BEFORE
      value: {name: envoy.filters.http.lua}
`;
  const network = complete(match);
  assert.ok(network.labels.includes('envoy.filters.network.http_connection_manager'), network.labels.slice(0, 5).join());
  assert.ok(network.labels.every((label) => label.startsWith('envoy.filters.network.')));
  const http = complete(match.replace('name: envoy.filters.network.http|', 'name: envoy.filters.network.http_connection_manager').replace('name: envoy.filters.http.router', 'name: envoy.filters.http.r|'));
  assert.ok(http.labels.includes('envoy.filters.http.router') && http.labels.includes('envoy.filters.http.lua'));
  assert.ok(http.labels.every((label) => label.startsWith('envoy.filters.http.')));
});
