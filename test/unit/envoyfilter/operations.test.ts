import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyFix, expectFinding, expectNone, fixture, lineContaining } from './helpers';

test('operations istiod skips for an applyTo are reported', () => {
  const text = fixture('operations.yaml');
  const finding = expectFinding(text, analyze(text), 'envoyfilter-operation-ignored', 'warning', lineContaining(text, 'operation: ADD'));
  assert.match(finding.message, /ROUTE_CONFIGURATION supports MERGE/);
});

test('REMOVE without a filter match does nothing', () => {
  const text = fixture('operations.yaml');
  expectFinding(text, analyze(text), 'envoyfilter-no-op-without-match', 'warning', lineContaining(text, 'operation: REMOVE'));
});

test('relative operations without priority warn, and the fix adds priority: 10', () => {
  const text = fixture('operations.yaml');
  const findings = analyze(text);
  expectFinding(text, findings, 'envoyfilter-relative-without-priority', 'warning', lineContaining(text, 'operation: REMOVE'));
  const finding = expectFinding(text, findings, 'envoyfilter-relative-without-priority', 'warning', lineContaining(text, 'operation: INSERT_BEFORE'));
  assert.match(finding.fixes![0].title, /priority: 10 \(.*apply first/);
  const fixed = applyFix(text, finding);
  assert.match(fixed, /\n {2}priority: 10\n/);
  expectNone(analyze(fixed), 'envoyfilter-relative-without-priority');
});

test('ADD of a CLUSTER with context ANY applies only to outbound and gateway', () => {
  const text = fixture('operations.yaml');
  expectFinding(text, analyze(text), 'envoyfilter-add-context-any', 'information', lineContaining(text, 'context: ANY'));
});

test('HTTP_FILTER ADD lands after the router: error, and the fix inserts before the router', () => {
  const text = fixture('after-router.yaml');
  const findings = analyze(text);
  const finding = expectFinding(text, findings, 'envoyfilter-after-router', 'error', lineContaining(text, 'operation: ADD'));
  assert.match(finding.message, /router must be the last HTTP filter/);
  const fixed = applyFix(text, finding);
  assert.ok(fixed.includes(`          filter:
            name: envoy.filters.network.http_connection_manager
            subFilter:
              name: envoy.filters.http.router
    patch:
      operation: INSERT_BEFORE
`), fixed);
  const after = analyze(fixed);
  expectNone(after, 'envoyfilter-after-router');
  // The fixed patch is relative, so the next advice is a priority.
  assert.ok(after.some((f) => f.code === 'envoyfilter-relative-without-priority'));
});

test('ADD without any filter match and INSERT_AFTER the router get the same fix; filterClass is fine', () => {
  const text = fixture('after-router-variants.yaml');
  const findings = analyze(text);
  const add = expectFinding(text, findings, 'envoyfilter-after-router', 'error', lineContaining(text, 'operation: ADD'));
  const fixedAdd = applyFix(text, add);
  assert.ok(fixedAdd.includes(`      context: SIDECAR_OUTBOUND
      listener:
        filterChain:
          filter:
            name: envoy.filters.network.http_connection_manager
            subFilter:
              name: envoy.filters.http.router
    patch:
      operation: INSERT_BEFORE`), fixedAdd);
  const insertAfter = expectFinding(text, findings, 'envoyfilter-after-router', 'error', lineContaining(text, 'operation: INSERT_AFTER'));
  assert.match(applyFix(text, insertAfter), /operation: INSERT_BEFORE\n {6}value:\n {8}name: envoy\.filters\.http\.buffer/);
  assert.equal(findings.filter((f) => f.code === 'envoyfilter-after-router').length, 2, 'the filterClass ADD is not reported');
  expectNone(analyze(applyFix(fixedAdd, analyze(fixedAdd).find((f) => f.code === 'envoyfilter-after-router')!)), 'envoyfilter-after-router');
});

test('MERGE_AND_REPLACE_LIST counts as a merge and is flagged as newer than the bundled API', () => {
  const text = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: replace-list
spec:
  configPatches:
  - applyTo: CLUSTER
    match:
      context: SIDECAR_OUTBOUND
    patch:
      operation: MERGE_AND_REPLACE_LIST
      value:
        connect_timeout: 3s
`;
  const findings = analyze(text);
  expectFinding(text, findings, 'envoyfilter-newer-operation', 'information', 11);
  expectNone(findings, 'envoyfilter-operation-ignored');
  expectNone(findings, 'istio-invalid-enum');
});

test('in JSON the after-router and priority fixes insert JSON', () => {
  const text = JSON.stringify({
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'EnvoyFilter',
    metadata: { name: 'json-filter' },
    spec: {
      configPatches: [{
        applyTo: 'HTTP_FILTER',
        match: { listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager' } } } },
        patch: { operation: 'ADD', value: { name: 'envoy.filters.http.buffer', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.buffer.v3.Buffer', max_request_bytes: 1024 } } },
      }],
    },
  }, null, 2);
  const finding = analyze(text, 'filter.json').find((f) => f.code === 'envoyfilter-after-router');
  assert.ok(finding);
  const fixed = JSON.parse(applyFix(text, finding));
  assert.equal(fixed.spec.configPatches[0].patch.operation, 'INSERT_BEFORE');
  assert.deepEqual(fixed.spec.configPatches[0].match.listener.filterChain.filter.subFilter, { name: 'envoy.filters.http.router' });
  const priority = analyze(JSON.stringify(fixed, null, 2), 'filter.json').find((f) => f.code === 'envoyfilter-relative-without-priority');
  assert.equal(JSON.parse(applyFix(JSON.stringify(fixed, null, 2), priority!)).spec.priority, 10);
});
