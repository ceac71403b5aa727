import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigDump, type ConfigDump } from '../../../server/src/core/dump';
import { explainListener, listListeners, renderExplanationMarkdown } from '../../../server/src/core/explain';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/dumps', name), 'utf8');

function load(name: string): ConfigDump {
  const result = loadConfigDump(fixture(name), { fileName: name });
  if (!result.ok) assert.fail(result.error);
  return result.dump;
}

const explain = (dump: ConfigDump, name: string) => renderExplanationMarkdown(explainListener(dump, name));

test('sidecar outbound HTTP listener: not bound, RDS routes with weights, headers and retries, passthrough default', () => {
  const markdown = explain(load('istio-sidecar.json'), '0.0.0.0_9080');
  assert.match(markdown, /bind_to_port false: opens no socket of its own/);
  assert.match(markdown, /Selected when: plaintext, ALPN http\/1\.1, h2c\./);
  assert.match(markdown, /`envoy.filters.listener.tls_inspector` — reads the TLS ClientHello/);
  assert.match(markdown, /path prefix \/api\/v2, header end-user = "jason" → cluster `outbound\|9080\|v2\|reviews.default.svc.cluster.local`; timeout 3s/);
  assert.match(markdown, /any path \(prefix \/\) → weighted: `outbound\|9080\|v1\|reviews.default.svc.cluster.local` 80, `outbound\|9080\|v2\|reviews.default.svc.cluster.local` 20/);
  assert.match(markdown, /retry 2 retries, on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes, status 503/);
  assert.match(markdown, /## Default filter chain `PassthroughFilterChain`[\s\S]*Forwards to cluster `PassthroughCluster`/);
  assert.match(markdown, /## Cluster `outbound\|9080\|\|ratings.default.svc.cluster.local`[\s\S]*`10.244.3.9:9080` — UNHEALTHY, us-east1\/us-east1-b, socket tlsMode-istio/);
  assert.match(markdown, /## Cluster `outbound\|9080\|v2\|reviews.default.svc.cluster.local`[\s\S]*?this dump has no EDS entry for outbound\|9080\|v2\|reviews/);
  assert.match(markdown, /## Cluster `PassthroughCluster`[\s\S]*?Istio passthrough/);
});

test('virtualOutbound: use_original_dst and the black hole chain', () => {
  const markdown = explain(load('istio-sidecar.json'), 'virtualOutbound');
  assert.match(markdown, /Istio outbound capture listener \(port 15001\)/);
  assert.match(markdown, /use_original_dst: each connection is handed to the listener whose address matches its original destination/);
  assert.match(markdown, /Selected when: port 15001\.[\s\S]*Forwards to cluster `BlackHoleCluster`/);
  assert.match(markdown, /## Cluster `BlackHoleCluster`[\s\S]*connections are dropped/);
});

test('virtualInbound: chains by port, TLS and ALPN; RBAC deny; inline inbound routes', () => {
  const markdown = explain(load('istio-sidecar.json'), 'virtualInbound');
  assert.match(markdown, /Selected when: port 9080, TLS, ALPN istio-http\/1\.0, istio-http\/1\.1, istio-h2\./);
  assert.match(markdown, /Downstream: terminates Istio mTLS; certificate from SDS default; ALPN h2, http\/1\.1\./);
  assert.match(markdown, /`envoy.filters.network.rbac` — RBAC \(DENY, 1 policy\)/);
  assert.match(markdown, /## Inline route configuration `inbound\|9080\|\|`[\s\S]*Istio inbound routes for this workload's port 9080/);
  assert.match(markdown, /skipped|restores the original destination/);
  assert.match(markdown, /Selected when: destination 0\.0\.0\.0\/0\./);
});

test('TCP listener: tcp_proxy to an Istio cluster with its EDS endpoints', () => {
  const markdown = explain(load('istio-sidecar.json'), '10.96.0.10_53');
  assert.match(markdown, /Istio outbound listener for 10\.96\.0\.10:53/);
  assert.match(markdown, /Forwards to cluster `outbound\|53\|\|kube-dns.kube-system.svc.cluster.local`/);
  assert.match(markdown, /Endpoints: 2 endpoints\n\s+- `10.244.0.2:53` — HEALTHY\n\s+- `10.244.0.3:53` — HEALTHY/);
  assert.match(markdown, /1 access log\(s\)/);
});

test('a warming listener says it takes no connections; its RDS is not in the dump', () => {
  const markdown = explain(load('istio-sidecar.json'), '0.0.0.0_9090');
  assert.match(markdown, /Warming: waiting for its routes or secrets/);
  assert.match(markdown, /Routes: RDS `9090` — not in this dump/);
  assert.match(markdown, /## Route configuration `9090`\n\n- _ℹ_ Istio outbound routes for port 9090[^\n]*\n- ⚠ Not in this dump/);
});

test('gateway: SNI chains, TLS termination with the credential name, redirects and direct responses', () => {
  const dump = load('istio-gateway.json');
  const https = explain(dump, '0.0.0.0_8443');
  assert.match(https, /Proxy: Istio gateway \(router\)/);
  assert.match(https, /Selected when: SNI bookinfo\.example\.com\.\n- Downstream: terminates TLS; certificate from SDS kubernetes:\/\/bookinfo-credential; ALPN h2, http\/1\.1\./);
  assert.match(https, /Selected when: SNI \\\*\.internal\.example\.com\.[\s\S]*Forwards to cluster `outbound\|443\|\|legacy\.internal\.svc\.cluster\.local`/);
  assert.match(https, /HTTPS server "https-bookinfo" of gateway bookinfo\/bookinfo-gateway/);
  assert.match(https, /path = \/productpage → cluster `outbound\|9080\|\|productpage.bookinfo.svc.cluster.local`/);
  assert.match(https, /path ~ \/\/api\/v1\/products\/\[0-9\]\+\/ → cluster `outbound\|9080\|\|productpage.bookinfo.svc.cluster.local`; rewrite prefix to \/products; timeout 15s/);
  assert.match(https, /path prefix \/static → cluster named by request header x-target-cluster/);
  assert.match(https, /## Cluster `outbound\|443\|\|legacy.internal.svc.cluster.local`\n\n[\s\S]*?⚠ Not in this dump: requests routed here would fail with 503/);
  const http = explain(dump, '0.0.0.0_8080');
  assert.match(http, /uses the peer address as client address/);
  assert.match(http, /any path \(prefix \/\) redirect to https \(MOVED_PERMANENTLY\)/);
  assert.match(http, /direct response 404/);
});

test('hand-written bootstrap: inline routes, STRICT_DNS cluster with upstream TLS SNI', () => {
  const markdown = explain(load('bootstrap.yaml'), 'https_listener');
  assert.match(markdown, /Listens on `0.0.0.0:10443`/);
  assert.match(markdown, /Downstream: terminates TLS; 1 inline certificate\(s\)\./);
  assert.match(markdown, /## Inline route configuration `local_route`/);
  assert.match(markdown, /path prefix \/api → cluster `api_backend`; timeout 5s/);
  assert.match(markdown, /direct response 200 body "hello"/);
  assert.match(markdown, /Discovery `STRICT_DNS`: resolves its DNS name\(s\) continuously/);
  assert.match(markdown, /Upstream connection: TLS; SNI api\.internal/);
  assert.match(markdown, /Endpoints: 1 endpoint \(from load_assignment\)\n\s+- `api.internal:8080`/);
});

test('weighted tcp_proxy from a bare resource list', () => {
  const markdown = explain(load('xds-resources.yaml'), 'first-listener');
  assert.match(markdown, /Listens on `\[::\]:10080`/);
  assert.match(markdown, /Forwards to weighted clusters: `tcp-blue` 3, `tcp-green` 1/);
  assert.match(markdown, /## Cluster `tcp-green`\n\n- ⚠ Not in this dump/);
});

test('listeners without a name get one from their address and can be explained', () => {
  const markdown = explain(load('istio-sidecar.json'), 'listener at 0.0.0.0:15090');
  assert.match(markdown, /Listens on `0.0.0.0:15090` \(Envoy Prometheus telemetry\)/);
  assert.match(markdown, /path prefix \/stats\/prometheus → cluster `prometheus_stats`/);
});

test('unknown listener: a clear message and similar names', () => {
  const explanation = explainListener(load('istio-sidecar.json'), '0.0.0.0_9081');
  assert.equal(explanation.found, false);
  const markdown = renderExplanationMarkdown(explanation);
  assert.match(markdown, /This dump has no listener named "0\.0\.0\.0_9081" \(7 listeners in total\)/);
  assert.match(markdown, /Similar names: `0.0.0.0_9080`/);
});

test('a router that is not last, and filters after a terminal filter, are flagged', () => {
  const text = JSON.stringify({
    static_resources: {
      listeners: [
        {
          name: 'bad',
          address: { socket_address: { address: '0.0.0.0', port_value: 8080 } },
          filter_chains: [
            {
              filters: [
                {
                  name: 'envoy.filters.network.http_connection_manager',
                  typed_config: {
                    '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
                    route_config: { virtual_hosts: [{ name: 'x', domains: ['*'], routes: [] }] },
                    http_filters: [
                      { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
                      { name: 'envoy.filters.http.cors', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors' } },
                    ],
                  },
                },
                { name: 'envoy.filters.network.tcp_proxy', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', cluster: 'x' } },
              ],
            },
          ],
        },
      ],
    },
  });
  const result = loadConfigDump(text);
  if (!result.ok) assert.fail(result.error);
  const markdown = explain(result.dump, 'bad');
  assert.match(markdown, /⚠ `envoy.filters.http.router` — router[^\n]*not last: the filters after it never run/);
  assert.match(markdown, /⚠ The last HTTP filter is not the router/);
  assert.match(markdown, /⚠ Filters after the HTTP connection manager never run/);
  assert.match(markdown, /⚠ no routes: every request to these domains gets 404/);
});

test('listListeners: address, state and a one-line summary for a picker', () => {
  const summaries = listListeners(load('ambient-waypoint.json'));
  const byName = new Map(summaries.map((summary) => [summary.name, summary]));
  assert.deepEqual(byName.get('connect_terminate') && { address: byName.get('connect_terminate')?.address, port: byName.get('connect_terminate')?.port }, { address: '0.0.0.0:15008', port: 15008 });
  assert.equal(byName.get('main_internal')?.internal, true);
  assert.equal(byName.get('main_internal')?.address, 'internal');
  assert.match(byName.get('connect_originate')?.summary ?? '', /^TCP → connect_originate — Istio ambient internal listener that originates HBONE/);
  const sidecar = listListeners(load('istio-sidecar.json'));
  assert.equal(sidecar.find((summary) => summary.name === '0.0.0.0_9080')?.summary, 'HTTP → RDS 9080; TCP → PassthroughCluster');
  assert.equal(sidecar.find((summary) => summary.name === '0.0.0.0_9090')?.state, 'warming');
});
