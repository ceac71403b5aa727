import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigDump, type ConfigDump } from '../../../server/src/core/dump';
import { explainListener, plainText, renderExplanationMarkdown, type Explanation } from '../../../server/src/core/explain';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/dumps', name), 'utf8');

function load(name: string): ConfigDump {
  const result = loadConfigDump(fixture(name), { fileName: name });
  if (!result.ok) assert.fail(result.error);
  return result.dump;
}

/** Asserts that each pattern occurs, and after the previous one: the explanation must follow the traffic. */
function assertInOrder(text: string, patterns: (string | RegExp)[]): void {
  let from = 0;
  for (const pattern of patterns) {
    const rest = text.slice(from);
    const index = typeof pattern === 'string' ? rest.indexOf(pattern) : rest.search(pattern);
    assert.ok(index >= 0, `expected ${String(pattern)} after offset ${from} in:\n${text}`);
    from += index + 1;
  }
}

function sectionTitles(explanation: Explanation): string[] {
  return explanation.sections.map((section) => plainText(section.title));
}

test('ambient: 0.0.0.0_443 → http.443 → api.channel.io → ch-public → internal_upstream → connect_originate → HBONE', () => {
  const dump = load('ambient-ingress.json');
  const explanation = explainListener(dump, '0.0.0.0_443');
  assert.equal(explanation.found, true);
  assert.deepEqual(explanation.path.map(plainText), [
    'listener 0.0.0.0_443',
    'routes http.443',
    'cluster outbound|8080||ch-public.channel.svc.cluster.local',
    'internal listener connect_originate',
    'cluster connect_originate',
  ]);
  assert.deepEqual(sectionTitles(explanation), [
    'Listener 0.0.0.0_443',
    'Filter chain 1 of 0.0.0.0_443',
    'Route configuration http.443',
    'Cluster outbound|8080||ch-public.channel.svc.cluster.local',
    'Internal listener connect_originate',
    'Listener filters of connect_originate',
    'Filter chain 1 of connect_originate',
    'Cluster connect_originate',
  ]);
  const markdown = renderExplanationMarkdown(explanation);
  assertInOrder(markdown, [
    '# Explain listener `0.0.0.0_443`',
    'Istio gateway (router)',
    'Listens on `0.0.0.0:443`',
    '`envoy.filters.network.http_connection_manager`',
    '`envoy.filters.http.router` — router',
    'Routes: RDS `http.443` (in this dump',
    '## Route configuration `http.443`',
    'Virtual host `api.channel.io:443` — domains `api.channel.io`, `api.channel.io:*`',
    'any path (prefix /) → cluster `outbound|8080||ch-public.channel.svc.cluster.local`; timeout none (0s); retry 2 retries',
    '## Cluster `outbound|8080||ch-public.channel.svc.cluster.local`',
    'Istio outbound cluster: service ch-public.channel.svc.cluster.local port 8080',
    'Discovery `EDS`',
    'Transport socket chosen per endpoint by its `envoy.transport_socket_match` metadata:',
    /`tunnel=http` \(hbone\) → internal_upstream: the connection goes to an internal listener inside this Envoy/,
    'HBONE',
    /`tlsMode=istio` \(tlsMode-istio\) → endpoints with an Istio sidecar → Istio mTLS/,
    'any other endpoint (tlsMode-disabled) → plaintext (raw_buffer)',
    'Endpoints: 1 endpoint',
    'internal listener `connect_originate` (10.244.7.31:8080) — HEALTHY, ap-northeast-2/ap-northeast-2a, original destination 10.244.7.31:8080, socket hbone',
    '## Internal listener `connect_originate`',
    'Internal listener: not on the network',
    '`envoy.filters.listener.original_dst` — restores the original destination',
    '`envoy.filters.network.tcp_proxy` — TCP proxy',
    'Forwards to cluster `connect_originate`',
    'Tunnels the stream inside an HTTP CONNECT request; :authority = `%DOWNSTREAM_LOCAL_ADDRESS%` (the original destination of the connection)',
    '## Cluster `connect_originate`',
    'Discovery `ORIGINAL_DST`',
    'Port of the original destination is replaced by 15008 (the HBONE port).',
    'Upstream connection: Istio mTLS',
    'ALPN h2',
    'HBONE: Istio mTLS + HTTP/2 to the original destination on port 15008',
  ]);
  assert.doesNotMatch(markdown, /not in this dump/i);
});

test('ambient: links point at the objects that exist', () => {
  const dump = load('ambient-ingress.json');
  const explanation = explainListener(dump, '0.0.0.0_443');
  const links = explanation.sections.flatMap((section) => {
    const collect = (items: typeof section.items): { kind: string; name: string }[] =>
      items.flatMap((entry) => [...entry.parts.flatMap((part) => (part.link ? [part.link] : [])), ...collect(entry.children ?? [])]);
    return collect(section.items);
  });
  const keys = new Set(links.map((link) => `${link.kind}:${link.name}`));
  for (const expected of ['routeConfig:http.443', 'cluster:outbound|8080||ch-public.channel.svc.cluster.local', 'listener:connect_originate', 'cluster:connect_originate']) {
    assert.ok(keys.has(expected), `missing link ${expected}`);
  }
});

test('waypoint: connect_terminate → main_internal (one hop), its matcher and the inbound-vip cluster', () => {
  const dump = load('ambient-waypoint.json');
  const markdown = renderExplanationMarkdown(explainListener(dump, 'connect_terminate'));
  assertInOrder(markdown, [
    'Istio ambient waypoint proxy',
    'terminates HBONE',
    'Listens on `0.0.0.0:15008`',
    'Downstream: terminates Istio mTLS; certificate from SDS default; ALPN h2.',
    'accepts HTTP CONNECT',
    '`connect_authority`',
    'CONNECT requests → cluster `main_internal`',
    '## Cluster `main_internal`',
    'internal listener `main_internal`',
    '## Internal listener `main_internal`',
    'destination IP in 10.96.120.7/32, destination port = 8080 → chain `inbound-vip|8080||ch-public.channel.svc.cluster.local-http`',
    'Selected by the filter_chain_matcher when:',
    '`envoy.filters.http.rbac` — RBAC',
    '## Cluster `inbound-vip|8080|http|ch-public.channel.svc.cluster.local`',
    'Istio waypoint cluster for service VIP ch-public.channel.svc.cluster.local port 8080',
    'Endpoints: 2 endpoints',
    'internal listener `connect_originate` (10.244.8.12:8080)',
    '## Further internal listeners (not followed)',
    'Explain `connect_originate` on its own',
  ]);
  assert.doesNotMatch(markdown, /## Internal listener `connect_originate`/);
});

test('waypoint: explaining the internal listener itself starts there', () => {
  const dump = load('ambient-waypoint.json');
  const explanation = explainListener(dump, 'main_internal');
  assert.equal(plainText(explanation.sections[0].title), 'Listener main_internal');
  assert.match(renderExplanationMarkdown(explanation), /## Internal listener `connect_originate`[\s\S]*## Cluster `connect_originate`[\s\S]*HBONE/);
});
