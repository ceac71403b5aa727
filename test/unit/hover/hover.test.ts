import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../../server/src/core/hover';
import { WorkspaceIndex } from '../../../server/src/core/navigation/workspaceIndex';
import { languageModels as models } from '../../../server/src/runtime/languageModels';
import { analyze, fixture, offsetOf } from '../navigation/fixtures';

const front = fixture('front-proxy.yaml');
const mesh = fixture('mesh-clusters.yaml');

function hover(file: { text: string; uri: string; analysis: ReturnType<typeof analyze> }, needle: string, occurrence = 0, workspace?: WorkspaceIndex) {
  return hoverAt(file.analysis, offsetOf(file.text, needle, 1, occurrence), models, { uri: file.uri, workspace });
}

test('a field key: docs, type, default, constraints and the link, over the key only', () => {
  const result = hover(front, 'connect_timeout')!;
  assert.equal(front.text.slice(result.offset, result.offset + result.length), 'connect_timeout');
  assert.match(result.markdown, /^\*\*connect_timeout\*\* · duration/);
  assert.match(result.markdown, /If not set, a default value of 5s will be used\./);
  assert.match(result.markdown, /- Default: 5s/);
  assert.match(result.markdown, /- Constraints: > 0s/);
  assert.match(result.markdown, /cluster\.proto#envoy-v3-api-field-config-cluster-v3-cluster-connect-timeout\)$/);
});

test('typed_config says which extension the current @type is', () => {
  const markdown = hover(front, 'typed_config', 1)!.markdown;
  assert.match(markdown, /`@type` is `envoy\.extensions\.filters\.http\.cors\.v3\.Cors`, extension `envoy\.filters\.http\.cors` · category `envoy\.filters\.http`/);
  const tls = hover(front, 'typed_config', 3)!.markdown;
  assert.match(tls, /UpstreamTlsContext/);
});

test('transport_socket_matches explains the match criteria and sockets of this cluster', () => {
  const markdown = hover(mesh, 'transport_socket_matches')!.markdown;
  assert.match(markdown, /for each endpoint Envoy takes the first entry below/);
  assert.match(markdown, /1\. `tlsMode-istio`: .*Istio mutual TLS \(SNI `outbound_\.9080_\.v1_\.reviews\.bookinfo\.svc\.cluster\.local`; ALPN `istio-peer-exchange`, `istio`; client certificate from SDS `default`; peer must be `spiffe:\/\/cluster\.local\/ns\/bookinfo\/sa\/bookinfo-reviews`\)/);
  assert.match(markdown, /2\. `tunnel-http`: .*HBONE.*→ `internal_upstream`.*inside it: plaintext/);
  assert.match(markdown, /3\. `tlsMode-disabled`: any endpoint \(empty `match`: the catch-all\) → plaintext/);
  assert.doesNotMatch(markdown, /Endpoints no entry matches/, 'a catch-all entry leaves no fallback to explain');
});

test('retry_policy lists the document\'s conditions, limits and back-off', () => {
  const markdown = hover(front, 'retry_policy')!.markdown;
  assert.match(markdown, /up to 3 retries per request, when:/);
  assert.match(markdown, /- `5xx`: /);
  assert.match(markdown, /- `retriable-status-codes`: /);
  assert.match(markdown, /retriable status codes: 503\n/);
  assert.match(markdown, /each attempt times out after 1s/);
  assert.match(markdown, /jittered exponential from 0\.1s up to 1s/);
  const dump = fixture('dump/sidecar-config-dump.json');
  const dumpHover = hover(dump, '"retry_policy"')!.markdown;
  assert.match(dumpHover, /up to 2 retries/);
  assert.match(dumpHover, /`unavailable`: the gRPC status is UNAVAILABLE/);
  assert.match(dumpHover, /a retry avoids hosts already tried/);
  assert.match(dumpHover, /no per-try timeout/);
  assert.match(dumpHover, /from 25ms up to 250ms \(the defaults\)/);
});

test('@type values and enum values', () => {
  const router = hover(front, 'router.v3.Router')!.markdown;
  assert.match(router, /^\*\*Router\*\* · extension `envoy\.filters\.http\.router` · category `envoy\.filters\.http`/);
  assert.match(router, /router\.proto#envoy-v3-api-msg-extensions-filters-http-router-v3-router/);
  const lb = hover(front, 'LEAST_REQUEST')!.markdown;
  assert.match(lb, /^\*\*LEAST_REQUEST\*\* · value of enum \[Cluster\.LbPolicy\]/);
  assert.match(lb, /least request load balancing/);
});

test('a referenced cluster shows its summary, from this file or the workspace', () => {
  const local = hover(front, 'cluster: cart_service', 0)!;
  assert.ok(local);
  const onName = hoverAt(front.analysis, offsetOf(front.text, 'cart_service', 1, 0), models, { uri: front.uri })!.markdown;
  assert.match(onName, /Cluster: type `STRICT_DNS` · lb `LEAST_REQUEST` · 2 endpoints · TLS to every endpoint · connect timeout 0\.5s/);
  const workspace = new WorkspaceIndex(() => models.envoy);
  workspace.setText(mesh.uri, mesh.text);
  const remote = hoverAt(front.analysis, offsetOf(front.text, 'cluster: shared_backend', 10), models, { uri: front.uri, workspace })!.markdown;
  assert.match(remote, /Cluster: type `STRICT_DNS` · lb `ROUND_ROBIN` · 1 endpoint · plaintext · connect timeout 2s \(defined in `mesh-clusters\.yaml`\)/);
  const empty = new WorkspaceIndex(() => models.envoy);
  const missing = hoverAt(front.analysis, offsetOf(front.text, 'cluster: shared_backend', 10), models, { uri: front.uri, workspace: empty })!.markdown;
  assert.match(missing, /No cluster of this name in this file or the workspace\./);
  // A large file is hovered in the analysis worker, which has no workspace: the hover claims only what it searched.
  const fileOnly = hoverAt(front.analysis, offsetOf(front.text, 'cluster: shared_backend', 10), models, { uri: front.uri })!.markdown;
  assert.match(fileOnly, /No cluster of this name in this file\./);
});

test('Istio names in a config dump are decoded, and EDS endpoints counted', () => {
  const dump = fixture('dump/sidecar-config-dump.json');
  const cluster = hover(dump, '"outbound|8080||ratings.bookinfo.svc.cluster.local"', 3)!.markdown;
  assert.match(cluster, /Istio outbound cluster: service ratings\.bookinfo\.svc\.cluster\.local port 8080/);
  assert.match(cluster, /Istio cluster name: direction `outbound` · port 8080 · host `ratings\.bookinfo\.svc\.cluster\.local`/);
  assert.match(cluster, /type `EDS` · lb `LEAST_REQUEST` · 2 endpoints/);
  assert.match(hover(dump, '"BlackHoleCluster"', 2)!.markdown, /connections are dropped/);
  assert.match(hover(dump, '"virtualOutbound"', 1)!.markdown, /outbound capture listener \(port 15001\)/);
  assert.match(hover(dump, '15001', 0)!.markdown, /^\*\*15001\*\* · Istio outbound capture/);
});

test('Istio resources: CRD descriptions, and Envoy docs inside an EnvoyFilter patch', () => {
  const vs = fixture('reviews-virtualservice.yaml');
  const perTry = hover(vs, 'perTryTimeout')!.markdown;
  assert.match(perTry, /^\*\*perTryTimeout\*\* · string/);
  assert.match(perTry, /Timeout per attempt for a given request/);
  assert.match(hover(vs, 'subset')!.markdown, /The name of a subset within the service/);
  const filter = fixture('envoyfilter-timeout.yaml');
  assert.match(hover(filter, 'connect_timeout')!.markdown, /The timeout for new network connections to hosts in the cluster/);
  assert.match(hover(filter, 'outbound|9080')!.markdown, /Istio outbound cluster: service reviews\.bookinfo\.svc\.cluster\.local port 9080/);
  assert.match(hover(filter, 'applyTo')!.markdown, /^\*\*applyTo\*\* · one of /);
});

test('no hover on unrecognised files, unknown keys or free text', () => {
  const notes = fixture('notes.yaml');
  assert.equal(hover(notes, 'cluster', 1), undefined);
  const unknown = analyze('static_resources:\n  clusters:\n  - name: a\n    connect_timeout: 1s\n    made_up_field: 1\n');
  assert.equal(hoverAt(unknown, offsetOf('static_resources:\n  clusters:\n  - name: a\n    connect_timeout: 1s\n    made_up_field: 1\n', 'made_up'), models), undefined);
  assert.equal(hoverAt(front.analysis, offsetOf(front.text, 'stat_prefix: ingress_http', 15), models, { uri: front.uri }), undefined);
});
