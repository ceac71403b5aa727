import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../../server/src/core/analyze';
import { loadConfigDump, type ConfigDump } from '../../../server/src/core/dump';
import { dumpMatchFindings, dumpMatchHover, dumpMatchLenses, envoyFilterDumpReports, lensTitle, type LoadedProxy } from '../../../server/src/core/envoyfilter/dumpReport';
import { fixture, fixturesDir, lineContaining, lineOf } from './helpers';

function loadDump(name: string): ConfigDump {
  const result = loadConfigDump(readFileSync(join(fixturesDir, '..', 'dumps', name), 'utf8'), { fileName: name });
  assert.ok(result.ok);
  return result.dump;
}

const sidecar: LoadedProxy = { label: 'istio-sidecar.json', dump: loadDump('istio-sidecar.json'), dumpId: 'dump-1' };
const gateway: LoadedProxy = { label: 'istio-gateway.json', dump: loadDump('istio-gateway.json'), dumpId: 'dump-2' };
const text = fixture('dump-match.yaml');
const reports = envoyFilterDumpReports(analyzeText({ text, fileName: 'dump-match.yaml' }), [sidecar, gateway]);

/** What patch number `index` selects in the sidecar (or the gateway). */
function inSidecar(index: number) {
  return reports[index].matches[0].result;
}
function inGateway(index: number) {
  return reports[index].matches[1].result;
}

test('every configPatch is matched against every loaded proxy', () => {
  assert.equal(reports.length, 12);
  assert.ok(reports.every((report) => report.matches.length === 2));
});

test('an inbound portNumber selects the virtualInbound filter chain whose destination_port it is', () => {
  const result = inSidecar(0);
  assert.deepEqual(result.selected.map((item) => item.path), ['virtualInbound › 0.0.0.0_9080']);
  assert.equal(lensTitle(result, sidecar.label), 'applies to 1 filter chain of virtualInbound in istio-sidecar.json');
});

test('a port no inbound chain has selects nothing and names the ports present', () => {
  const result = inSidecar(1);
  assert.equal(result.selected.length, 0);
  assert.match(result.miss ?? '', /no inbound filter chain for port 8443 in this sidecar/);
  assert.match(result.miss ?? '', /ports present: 9080, 15006$/);
});

test('an outbound listener port that does not exist lists the outbound ports', () => {
  assert.equal(inSidecar(9).miss, 'no outbound listener on port 8443 in this sidecar; ports present: 53, 9080, 9090, 15001');
});

test('a deprecated filter name matches nothing, and the message names the canonical one in the dump', () => {
  assert.equal(inSidecar(2).miss, 'filter envoy.http_connection_manager matches nothing: the dump has envoy.filters.network.http_connection_manager (istiod generates the canonical name, never the deprecated one)');
});

test('a subFilter is looked up in every connection manager of the context', () => {
  const result = inSidecar(3);
  assert.deepEqual(result.selected.map((item) => item.path), [
    '0.0.0.0_9080 › #1 › envoy.filters.http.router',
    '0.0.0.0_9090 › #1 › envoy.filters.http.router',
  ]);
  assert.equal(lensTitle(result, sidecar.label), 'applies to 2 HTTP filters in 2 listeners in istio-sidecar.json');
});

test('a virtual host name is compared exactly', () => {
  assert.deepEqual(inSidecar(4).selected.map((item) => item.path), ['9080 › reviews.default.svc.cluster.local:9080']);
  const miss = inSidecar(5).miss ?? '';
  assert.match(miss, /^no virtual host is named "reviews:9080"/);
  assert.match(miss, /names present: "reviews\.default\.svc\.cluster\.local:9080", /);
});

test('a cluster is matched by service and subset from its Istio name', () => {
  assert.deepEqual(inSidecar(6).selected.map((item) => item.path), ['outbound|9080|v2|reviews.default.svc.cluster.local']);
  assert.equal(inSidecar(7).miss, 'no outbound cluster for subset "v3" of reviews.default.svc.cluster.local; subsets present: "v1", "v2"');
});

test('the context decides which proxies a patch is for', () => {
  const onSidecar = inSidecar(8);
  assert.equal(onSidecar.applies, false);
  assert.equal(onSidecar.reason, 'context GATEWAY does not apply to a sidecar proxy');
  assert.equal(lensTitle(onSidecar, sidecar.label), 'does not apply to istio-sidecar.json: context GATEWAY does not apply to a sidecar proxy');
  const onGateway = inGateway(0);
  assert.equal(onGateway.applies, false);
  assert.equal(onGateway.reason, 'context SIDECAR_INBOUND does not apply to a gateway proxy');
  // INSERT_FIRST without a subFilter goes into each connection manager of the gateway
  assert.equal(lensTitle(inGateway(8), gateway.label), 'adds to 2 HTTP connection managers in 2 listeners in istio-gateway.json');
});

test('inline inbound route configurations are matched by the port in their name', () => {
  const result = inSidecar(10);
  assert.deepEqual(result.selected.map((item) => item.path), ['virtualInbound › inbound|9080||']);
});

test('istiod adds listeners only on the outbound side', () => {
  const result = inSidecar(11);
  assert.equal(result.action, 'adds');
  assert.match(result.miss ?? '', /only for SIDECAR_OUTBOUND and GATEWAY/);
});

test('envoyfilter-matches-nothing lands on the match key, only for proxies the patch is meant for', () => {
  const findings = dumpMatchFindings(reports);
  assert.ok(findings.every((finding) => finding.code === 'envoyfilter-matches-nothing' && finding.severity === 'warning'));
  const lines = findings.map((finding) => lineOf(text, finding));
  assert.deepEqual(lines, [
    lineContaining(text, 'match:', 1),
    lineContaining(text, 'match:', 2),
    lineContaining(text, 'match:', 5),
    lineContaining(text, 'match:', 7),
    lineContaining(text, 'match:', 9),
    lineContaining(text, 'match:', 11),
  ]);
  assert.match(findings[0].message, /^this match selects nothing in istio-sidecar\.json: no inbound filter chain for port 8443/);
});

test('one code lens per patch and proxy, at the patch, pointing at the first selected object', () => {
  const lenses = dumpMatchLenses(reports);
  assert.equal(lenses.length, 24);
  assert.equal(lineOf(text, { offset: lenses[0].offset } as never), lineContaining(text, 'applyTo: FILTER_CHAIN'));
  assert.deepEqual(lenses[0].target, { dumpId: 'dump-1', proxy: undefined, owner: { kind: 'listener', name: 'virtualInbound' } });
  assert.equal(lenses[2].title, 'selects nothing in istio-sidecar.json');
});

test('the hover on match lists what is selected, per proxy', () => {
  const matchKey = reports[6].patch.matchProperty!;
  const hover = dumpMatchHover(reports, matchKey.keyOffset + 1);
  assert.ok(hover);
  assert.match(hover.markdown, /\*\*istio-sidecar\.json\*\* \(sidecar\): applies to 1 cluster/);
  assert.match(hover.markdown, /`outbound\|9080\|v2\|reviews\.default\.svc\.cluster\.local`/);
  assert.match(hover.markdown, /\*\*istio-gateway\.json\*\* \(gateway\): does not apply/);
  assert.equal(dumpMatchHover(reports, matchKey.keyOffset - 20), undefined);
});

test('gateway route configurations: port, default Service port mapping, and the server port name', () => {
  const source = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: gw, namespace: istio-system}
spec:
  configPatches:
  - applyTo: ROUTE_CONFIGURATION
    match: {context: GATEWAY, routeConfiguration: {portNumber: 443, portName: https-bookinfo, gateway: bookinfo/bookinfo-gateway}}
    patch: {operation: MERGE, value: {}}
  - applyTo: VIRTUAL_HOST
    match: {context: GATEWAY, routeConfiguration: {portNumber: 80}}
    patch: {operation: MERGE, value: {}}
  - applyTo: ROUTE_CONFIGURATION
    match: {context: GATEWAY, routeConfiguration: {portName: http}}
    patch: {operation: MERGE, value: {}}
`;
  const [https, http, portName] = envoyFilterDumpReports(analyzeText({ text: source }), [gateway]).map((report) => report.matches[0].result);
  assert.deepEqual(https.selected.map((item) => item.path), ['https.443.https-bookinfo.bookinfo-gateway.bookinfo']);
  assert.deepEqual(http.selected.map((item) => item.path), ['http.8080 › bookinfo.example.com:80', 'http.8080 › blackhole:80']);
  assert.match(http.notes.join(), /maps port 80 to container port 8080/);
  assert.match(portName.miss ?? '', /no gateway route configuration for server port name "http".*port names present: "https-bookinfo"/);
});

test('a workloadSelector or namespace that does not take in the proxy keeps the patch away from it', () => {
  const labelled: LoadedProxy = {
    ...sidecar,
    dump: { ...sidecar.dump, node: { ...sidecar.dump.node, metadata: { NAMESPACE: 'default', LABELS: { app: 'reviews', version: 'v1' } } } },
  };
  const source = (selector: string, namespace = 'default') => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: sel, namespace: ${namespace}}
spec:
  workloadSelector: {labels: {${selector}}}
  configPatches:
  - applyTo: CLUSTER
    match: {context: SIDECAR_OUTBOUND, cluster: {subset: v9}}
    patch: {operation: MERGE, value: {}}
`;
  const result = (text: string) => envoyFilterDumpReports(analyzeText({ text }), [labelled])[0].matches[0].result;
  assert.equal(result(source('app: ratings')).reason, 'its workloadSelector (app=ratings) does not select this proxy');
  assert.match(result(source('app: reviews', 'shop')).reason ?? '', /namespace shop and this proxy in default/);
  assert.equal(result(source('app: reviews', 'istio-system')).applies, true);
  assert.equal(dumpMatchFindings(envoyFilterDumpReports(analyzeText({ text: source('app: ratings') }), [labelled])).length, 0);
});
