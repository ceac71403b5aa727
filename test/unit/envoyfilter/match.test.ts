import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyFix, expectFinding, expectNone, fixture, lineContaining } from './helpers';

const text = fixture('match.yaml');
const findings = analyze(text);

test('a route configuration match on an HTTP_FILTER patch is rejected', () => {
  const finding = expectFinding(text, findings, 'envoyfilter-match-mismatch', 'error', lineContaining(text, 'routeConfiguration:'));
  assert.match(finding.message, /must be "listener"/);
});

test('subFilter only with HTTP_FILTER and only inside the HTTP connection manager', () => {
  const wrongApplyTo = expectFinding(text, findings, 'envoyfilter-subfilter-misuse', 'error', lineContaining(text, 'subFilter:', 0));
  assert.match(wrongApplyTo.message, /only be used with applyTo: HTTP_FILTER/);
  const wrongFilter = expectFinding(text, findings, 'envoyfilter-subfilter-misuse', 'error', lineContaining(text, 'subFilter:', 1));
  assert.match(wrongFilter.message, /envoy\.filters\.network\.http_connection_manager/);
});

test('filter matches without names are errors', () => {
  expectFinding(text, findings, 'envoyfilter-empty-filter-name', 'error', lineContaining(text, 'filter:', 3));
  expectFinding(text, findings, 'envoyfilter-empty-filter-name', 'error', lineContaining(text, 'subFilter:', 2));
});

test('a filter match on FILTER_CHAIN has no effect, and listener.portName is not implemented', () => {
  expectFinding(text, findings, 'envoyfilter-filter-match-ignored', 'warning', lineContaining(text, 'filter:', 2));
  expectFinding(text, findings, 'envoyfilter-port-name-not-implemented', 'warning', lineContaining(text, 'portName: http-web'));
});

test('a vhost name with "*" is not a wildcard', () => {
  const finding = expectFinding(text, findings, 'envoyfilter-vhost-name-exact', 'warning', lineContaining(text, '"*:80"'));
  assert.match(finding.message, /not a wildcard/);
});

test('portNumber directly under match is an error that says where it belongs, and the fix moves it', () => {
  const finding = expectFinding(text, findings, 'envoyfilter-misplaced-port-number', 'error', lineContaining(text, '      portNumber: 8080', 1));
  assert.match(finding.message, /belongs under match\.listener/);
  // The generic unknown-field error at the same key is replaced by this one.
  assert.equal(findings.filter((f) => f.code === 'istio-unknown-field').length, 0);
  const fixed = applyFix(text, finding);
  assert.ok(fixed.includes('      context: SIDECAR_INBOUND\n      listener:\n        portNumber: 8080\n    patch:'), fixed);
  expectNone(analyze(fixed), 'envoyfilter-misplaced-port-number');
});

test('moving portNumber into an existing listener match', () => {
  const source = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: move-port
spec:
  priority: 1
  configPatches:
  - applyTo: NETWORK_FILTER
    match:
      portNumber: 9090
      listener:
        filterChain:
          filter:
            name: envoy.filters.network.tcp_proxy
    patch:
      operation: REMOVE
`;
  const finding = expectFinding(source, analyze(source), 'envoyfilter-misplaced-port-number', 'error', 10);
  const fixed = applyFix(source, finding);
  assert.ok(fixed.includes(`    match:
      listener:
        filterChain:
          filter:
            name: envoy.filters.network.tcp_proxy
        portNumber: 9090
    patch:`), fixed);
});

test('a deprecated filter name in a match never matches; the fix writes the canonical name', () => {
  const source = fixture('names-and-values.yaml');
  const found = analyze(source);
  const finding = expectFinding(source, found, 'envoyfilter-deprecated-filter-name', 'warning', lineContaining(source, 'name: envoy.http_connection_manager'));
  assert.match(finding.message, /never matches/);
  const fixed = applyFix(source, finding);
  assert.ok(fixed.includes('            name: envoy.filters.network.http_connection_manager\n    patch:\n      operation: INSERT_FIRST'));
});

test('a waypoint match needs context WAYPOINT; waypoint use gets its caveats', () => {
  const source = fixture('waypoint.yaml');
  const found = analyze(source);
  expectFinding(source, found, 'envoyfilter-waypoint-selector', 'warning', lineContaining(source, 'context: WAYPOINT'));
  expectFinding(source, found, 'envoyfilter-waypoint-unsupported', 'information', lineContaining(source, 'context: WAYPOINT'));
  expectFinding(source, found, 'envoyfilter-waypoint-match-context', 'error', lineContaining(source, 'waypoint:', 1));
  // targetRefs is what waypoints need, so the second resource gets no selector warning.
  assert.equal(found.filter((f) => f.code === 'envoyfilter-waypoint-selector').length, 1);
});

test('a port outside 1-65535 in a waypoint match is rejected', () => {
  const source = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: big-port
spec:
  targetRefs:
  - kind: Gateway
    group: gateway.networking.k8s.io
    name: waypoint
  configPatches:
  - applyTo: CLUSTER
    match:
      context: WAYPOINT
      waypoint:
        portNumber: 70000
    patch:
      operation: MERGE
      value:
        connect_timeout: 1s
`;
  expectFinding(source, analyze(source), 'istio-invalid-port', 'error', 15);
});
