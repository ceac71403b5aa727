import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyFix, expectFinding, expectNone, fixture, lineContaining } from './helpers';

test('legacy EnvoyFilter fields are errors that name the current form', () => {
  const text = fixture('legacy-fields.yaml');
  const findings = analyze(text);
  const cases: [string, string][] = [
    ['workloadLabels:', 'workloadSelector'],
    ['filters:', 'configPatches'],
    ['listenerMatch:', 'match.listener'],
    ['filterName:', 'patch.value'],
    ['filterType:', 'HTTP_FILTER'],
    ['filterConfig:', 'typed_config'],
  ];
  for (const [snippet, advice] of cases) {
    const finding = expectFinding(text, findings, 'envoyfilter-removed-field', 'error', lineContaining(text, snippet));
    assert.match(finding.message, new RegExp(advice.replace('.', '\\.')));
  }
  // The specific error replaces the schema's generic "unknown field" at the same spot.
  expectNone(findings, 'istio-unknown-field');
});

test('EnvoyFilter under networking.istio.io/v1beta1 is an unknown version, with a fix', () => {
  const text = fixture('shape.yaml');
  const findings = analyze(text);
  const finding = expectFinding(text, findings, 'istio-unknown-version', 'error', 1);
  assert.match(finding.message, /EnvoyFilter exists only as networking\.istio\.io\/v1alpha3/);
  assert.match(applyFix(text, finding), /^apiVersion: networking\.istio\.io\/v1alpha3\n/);
});

test('applyTo, patch, operation and value are required', () => {
  const text = fixture('shape.yaml');
  const findings = analyze(text);
  expectFinding(text, findings, 'envoyfilter-missing-apply-to', 'error', lineContaining(text, '  - match:'));
  expectFinding(text, findings, 'envoyfilter-missing-patch', 'error', lineContaining(text, '  - applyTo: CLUSTER', 1));
  expectFinding(text, findings, 'envoyfilter-missing-operation', 'error', lineContaining(text, '    patch:', 2));
  const value = expectFinding(text, findings, 'envoyfilter-missing-value', 'error', lineContaining(text, '    patch:', 3));
  assert.match(value.message, /The ADD patch needs a value/);
  // Without an operation the value may be partial, so its absent required fields are not reported.
  expectNone(findings, 'envoy-required-field');
});

test('targetRefs with workloadSelector, an empty selector, a bad proxyVersion and BOOTSTRAP', () => {
  const text = fixture('shape.yaml');
  const findings = analyze(text);
  expectFinding(text, findings, 'envoyfilter-selector-and-target-refs', 'error', lineContaining(text, 'targetRefs:'));
  const empty = expectFinding(text, findings, 'envoyfilter-empty-selector', 'warning', lineContaining(text, 'workloadSelector: {}'));
  assert.match(empty.message, /every workload in the namespace/);
  const regex = expectFinding(text, findings, 'envoyfilter-invalid-proxy-version', 'error', lineContaining(text, 'proxyVersion:'));
  assert.match(regex.message, /RE2/);
  expectFinding(text, findings, 'envoyfilter-bootstrap-deprecated', 'warning', lineContaining(text, 'applyTo: BOOTSTRAP'));
});

test('RE2-only syntax is accepted and lookaround is not', () => {
  const template = (pattern: string) => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: versions
spec:
  configPatches:
  - applyTo: CLUSTER
    match:
      proxy:
        proxyVersion: '${pattern}'
    patch:
      operation: MERGE
      value:
        connect_timeout: 1s
`;
  expectNone(analyze(template('(?i)^1\\.2[0-9](?P<patch>\\..*)?$')), 'envoyfilter-invalid-proxy-version');
  const lookahead = template('^1\\.(?!19)');
  expectFinding(lookahead, analyze(lookahead), 'envoyfilter-invalid-proxy-version', 'error', 10);
});
