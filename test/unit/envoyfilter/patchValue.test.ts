import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyFix, expectFinding, expectNone, fixture, lineContaining } from './helpers';

const text = fixture('names-and-values.yaml');
const findings = analyze(text);

test('an HTTP filter without typed_config is an error; the fix inserts the right @type', () => {
  const finding = expectFinding(text, findings, 'envoy-missing-typed-config', 'error', lineContaining(text, '      value:'));
  assert.match(finding.message, /istiod passes the patch to Envoy as written/);
  const fixed = applyFix(text, finding);
  assert.ok(fixed.includes(`      value:
        name: envoy.filters.http.ext_authz
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
  - applyTo: HTTP_FILTER`), fixed);
});

test('the removed config: form and a deprecated name in the value', () => {
  const config = expectFinding(text, findings, 'envoy-removed-field', 'error', lineContaining(text, '        config:'));
  assert.match(config.message, /typed_config/);
  const name = expectFinding(text, findings, 'envoyfilter-deprecated-filter-name', 'warning', lineContaining(text, 'name: envoy.lua'));
  assert.match(applyFix(text, name), /name: envoy\.filters\.http\.lua\n {8}config:/);
});

test('a v2 type URL is an error with a fix to the v3 type of the filter', () => {
  const finding = expectFinding(text, findings, 'envoy-legacy-type-url', 'error', lineContaining(text, 'ext_authz.v2.ExtAuthz'));
  const fixed = applyFix(text, finding);
  assert.ok(fixed.includes('"@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz\n          grpc_service:'));
});

test('the validator rewrites v2 type URLs it knows the successor of', () => {
  const source = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: v2-lua
spec:
  priority: 1
  configPatches:
  - applyTo: HTTP_FILTER
    match:
      listener:
        filterChain:
          filter:
            name: envoy.filters.network.http_connection_manager
            subFilter:
              name: envoy.filters.http.router
    patch:
      operation: INSERT_BEFORE
      value:
        name: envoy.filters.http.lua
        typed_config:
          "@type": type.googleapis.com/envoy.config.filter.http.lua.v2.Lua
          inline_code: "function envoy_on_request(h) end"
`;
  const finding = expectFinding(source, analyze(source), 'envoy-legacy-type-url', 'error', 21);
  assert.match(applyFix(source, finding), /"@type": type\.googleapis\.com\/envoy\.extensions\.filters\.http\.lua\.v3\.Lua\n/);
});

test('a MERGE whose @type differs from the generated filter type warns; the matching one does not', () => {
  const finding = expectFinding(text, findings, 'envoyfilter-merge-type-mismatch', 'warning', lineContaining(text, 'tcp_proxy.v3.TcpProxy'));
  assert.match(finding.message, /HttpConnectionManager/);
  assert.equal(findings.filter((f) => f.code === 'envoyfilter-merge-type-mismatch').length, 1);
});

test('a MERGE value is partial: no required-field errors, but wrong types still are errors', () => {
  const source = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: merge-route
spec:
  configPatches:
  - applyTo: HTTP_ROUTE
    match:
      context: SIDECAR_OUTBOUND
      routeConfiguration:
        vhost:
          name: "payments.shop.svc.cluster.local:80"
          route:
            name: default
    patch:
      operation: MERGE
      value:
        route:
          timeout: soon
        typed_config_typo: true
`;
  const found = analyze(source);
  expectNone(found, 'envoy-oneof-required');
  expectNone(found, 'envoy-required-field');
  expectFinding(source, found, 'envoy-invalid-duration', 'error', 19);
  const unknown = expectFinding(source, found, 'envoy-unknown-field', 'warning', 20);
  assert.match(unknown.message, /istiod drops fields/);
});

test('an ADD value is complete: a Route without an action is an error', () => {
  const source = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: add-route
spec:
  configPatches:
  - applyTo: HTTP_ROUTE
    match:
      context: SIDECAR_OUTBOUND
      routeConfiguration:
        vhost:
          name: "payments.shop.svc.cluster.local:80"
    patch:
      operation: ADD
      value:
        name: health
        match:
          prefix: /healthz
`;
  expectFinding(source, analyze(source), 'envoy-oneof-required', 'error', 15);
});

test('TypedStruct payloads are validated by type_url; Istio types are information only', () => {
  expectFinding(text, findings, 'envoy-type-mismatch', 'error', lineContaining(text, 'max_tokens: "ten"'));
  const istio = expectFinding(text, findings, 'envoy-type-not-validated', 'information', lineContaining(text, 'stats.PluginConfig'));
  assert.match(istio.message, /stats\.PluginConfig/);
});
