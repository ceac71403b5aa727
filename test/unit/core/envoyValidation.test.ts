import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, readFixture, type LocatedFinding } from '../../helpers/fixtures';

function expectFinding(findings: LocatedFinding[], line: number, code: string, severity = 'error', messagePart?: string): void {
  const hit = findings.find((f) => f.line === line && f.code === code);
  assert.ok(hit, `expected ${code} on line ${line}; got:\n${findings.map((f) => `  ${f.line} ${f.code} ${f.message}`).join('\n')}`);
  assert.equal(hit.severity, severity, `severity of ${code} on line ${line}`);
  if (messagePart) assert.match(hit.message, new RegExp(messagePart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

describe('Envoy validation of a hand-written bootstrap', () => {
  const { findings } = analyze(readFixture('envoy', 'mistakes.yaml'), 'mistakes.yaml');

  it('reports each mistake at its line with a message a user can act on', () => {
    expectFinding(findings, 13, 'envoy-invalid-enum', 'error', 'AUTO, HTTP1, HTTP2, HTTP3');
    expectFinding(findings, 21, 'envoy-unknown-cluster', 'error', 'did you mean "backend_service"');
    expectFinding(findings, 26, 'envoy-filter-after-router', 'error');
    expectFinding(findings, 28, 'envoy-legacy-type-url', 'error', 'envoy.extensions.filters.http.lua.v3.Lua');
    expectFinding(findings, 31, 'envoy-unknown-field', 'error', 'did you mean "connect_timeout"');
    expectFinding(findings, 33, 'envoy-removed-field', 'error', 'load_assignment');
    expectFinding(findings, 35, 'envoy-duplicate-name', 'error');
    expectFinding(findings, 36, 'envoy-invalid-duration', 'error', '"5s"');
    expectFinding(findings, 39, 'envoy-oneof-conflict', 'error', 'cluster_discovery_type');
  });

  it('reports nothing on lines without mistakes', () => {
    const expectedLines = new Set([13, 21, 26, 28, 31, 33, 35, 36, 39]);
    const unexpected = findings.filter((f) => !expectedLines.has(f.line));
    assert.deepEqual(unexpected, []);
  });
});

describe('Envoy validation of valid configurations', () => {
  it('finds nothing wrong in a correct front proxy', () => {
    assert.deepEqual(analyze(readFixture('envoy', 'front-proxy.yaml')).findings, []);
  });

  it('accepts camelCase and snake_case but not both for one field', () => {
    const { findings } = analyze(readFixture('envoy', 'cds-list.yaml'));
    assert.equal(findings.length, 1);
    expectFinding(findings, 16, 'envoy-duplicate-field', 'error', 'connectTimeout');
  });
});

describe('typed_config and other Anys', () => {
  const listener = (httpFilters: string) => `
name: l
address: {socket_address: {address: 0.0.0.0, port_value: 80}}
filter_chains:
- filters:
  - name: envoy.filters.network.http_connection_manager
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
      stat_prefix: in
      rds: {route_config_name: r, config_source: {ads: {}}}
      http_filters:
${httpFilters}`;

  it('validates fields inside typed_config by its @type', () => {
    const { findings } = analyze(listener(`      - name: envoy.filters.http.router
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
          suppress_envoy_headerz: true`));
    expectFinding(findings, 15, 'envoy-unknown-field', 'error', 'suppress_envoy_headers');
  });

  it('suggests the nearest type for a mistyped @type', () => {
    const { findings } = analyze(listener(`      - name: envoy.filters.http.router
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Routr`));
    expectFinding(findings, 14, 'envoy-unknown-type-url', 'error', 'envoy.extensions.filters.http.router.v3.Router');
  });

  it('requires typed_config on an HTTP filter and names the type to use', () => {
    const { findings } = analyze(listener('      - name: envoy.filters.http.router'));
    expectFinding(findings, 12, 'envoy-missing-typed-config', 'error', 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router');
  });

  it('rejects an HTTP filter type in a network filter slot', () => {
    const { findings } = analyze(`
name: l
address: {socket_address: {address: 0.0.0.0, port_value: 80}}
filter_chains:
- filters:
  - name: envoy.filters.http.router
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router`);
    expectFinding(findings, 8, 'envoy-wrong-extension-slot', 'error', 'envoy.filters.network');
  });

  it('reports types outside the bundled API as information, never as errors', () => {
    const { findings } = analyze(listener(`      - name: istio.stats
        typed_config:
          "@type": type.googleapis.com/stats.PluginConfig
      - name: envoy.filters.http.router
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router`));
    expectFinding(findings, 14, 'envoy-type-not-validated', 'information');
    assert.ok(findings.every((f) => f.severity !== 'error'));
  });

  it('validates a TypedStruct value by its type_url', () => {
    const { findings } = analyze(listener(`      - name: envoy.filters.http.router
        typed_config:
          "@type": type.googleapis.com/udpa.type.v1.TypedStruct
          type_url: type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
          value:
            dynamic_stats: "yes"`));
    expectFinding(findings, 17, 'envoy-type-mismatch', 'error', 'true or false');
  });
});

describe('scalar types and constraints', () => {
  it('checks enums, integers, booleans and declared constraints', () => {
    const { findings } = analyze(`
name: c
connect_timeout: -1s
type: STRICT_DNSS
per_connection_buffer_limit_bytes: lots
respect_dns_ttl: "true"
load_assignment:
  cluster_name: ""
`);
    expectFinding(findings, 3, 'envoy-constraint', 'error', 'connect_timeout');
    expectFinding(findings, 4, 'envoy-invalid-enum', 'error', 'did you mean "STRICT_DNS"');
    expectFinding(findings, 5, 'envoy-type-mismatch', 'error', 'non-negative integer');
    expectFinding(findings, 6, 'envoy-type-mismatch', 'error', 'true or false');
    expectFinding(findings, 8, 'envoy-constraint', 'error', 'must not be empty');
  });

  it('warns about deprecated fields without calling them errors', () => {
    const { findings } = analyze(`
name: c
connect_timeout: 1s
max_requests_per_connection: 100
`);
    expectFinding(findings, 4, 'envoy-deprecated-field', 'warning');
  });

  it('makes unknown fields a setting, but typos always errors', () => {
    const text = 'name: c\nconnect_timeout: 1s\nbrand_new_option: true\ncluster_nmae: x\n';
    expectFinding(analyze(text).findings, 3, 'envoy-unknown-field', 'warning', 'Envoy API');
    expectFinding(analyze(text, 'f.yaml', { unknownFieldSeverity: 'error' }).findings, 3, 'envoy-unknown-field', 'error');
    assert.ok(!analyze(text, 'f.yaml', { unknownFieldSeverity: 'off' }).findings.some((f) => f.line === 3));
  });
});

describe('what we stay silent about', () => {
  it('gives an unrecognised YAML file no findings, even with syntax errors', () => {
    const { analysis } = analyze('name: CI\non: [push\n');
    assert.equal(analysis.recognized, false);
    assert.deepEqual(analysis.findings, []);
  });

  it('treats a file matched by a forced glob as ours', () => {
    const { analysis } = analyze('just: [broken\n', 'deploy/envoy/custom.yaml', { forceInclude: ['**/envoy/**/*.yaml'] });
    assert.equal(analysis.recognized, true);
    assert.ok(analysis.findings.some((f) => f.code.startsWith('yaml-')));
  });
});

describe('a document with a syntax error', () => {
  it('reports the syntax error alone, not its echoes in the schema', () => {
    const text = 'static_resources:\n  listeners:\n  - name: l\n    address:\n      socket_address:\n        address: 0.0.0.0\n       port_value: 80\n';
    const { findings } = analyze(text);
    assert.ok(findings.length > 0);
    assert.ok(findings.every((f) => f.code.startsWith('yaml-')), findings.map((f) => f.code).join(', '));
  });
});

describe('deprecated fields name what replaces them', () => {
  it('quotes the sentence of Envoy\'s docs that says what to use instead', () => {
    const { findings } = analyze(`
name: r
virtual_hosts:
- name: v
  domains: ["*"]
  routes:
  - match:
      prefix: /
      headers:
      - name: x-canary
        exact_match: "true"
    route: {cluster: c}
`);
    expectFinding(findings, 11, 'envoy-deprecated-field', 'warning', 'string_match');
  });
});

describe('an object full of unknown fields', () => {
  it('lists the first hundred and counts the rest in one finding', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `unknown_option_${i}: ${i}`).join('\n');
    const { findings } = analyze(`name: c\nconnect_timeout: 1s\n${keys}\n`);
    const unknown = findings.filter((f) => f.code === 'envoy-unknown-field');
    assert.equal(unknown.length, 101);
    assert.match(unknown.find((f) => f.line === 1)?.message ?? '', /400 more unknown fields/);
  });
});

describe('bootstrap rules Envoy enforces in code', () => {
  it('refuses a list as a runtime value and set-cookie as an inline header', () => {
    const { findings } = analyze(`layered_runtime:
  layers:
  - name: static
    static_layer:
      health_check:
        min_interval: 10
      foo:
      - bar: baz
inline_headers:
- inline_header_name: x-request-start
  inline_header_type: REQUEST_HEADER
- inline_header_name: Set-Cookie
  inline_header_type: RESPONSE_HEADER
`);
    expectFinding(findings, 8, 'envoy-invalid-runtime-value', 'error', '"foo"');
    expectFinding(findings, 12, 'envoy-invalid-inline-header', 'error', 'set-cookie');
    assert.equal(findings.length, 2);
  });
});

describe('SDS references to static secrets', () => {
  const { findings } = analyze(readFixture('envoy', 'tls-secrets.yaml'), 'tls-secrets.yaml');

  it('a name-only reference must name a static secret of the kind its field needs', () => {
    expectFinding(findings, 22, 'envoy-unknown-secret', 'error', 'did you mean "edge-cert"');
    expectFinding(findings, 24, 'envoy-secret-kind-mismatch', 'error', 'holds a TLS certificate, but validation_context_sds_secret_config needs a validation context');
  });

  it('a reference with an sds_config, or to a static secret of the right kind, is fine', () => {
    assert.deepEqual(findings.filter((f) => f.line !== 22 && f.line !== 24).map((f) => `${f.line} ${f.code}`), []);
  });

  it('a listener resource alone is not judged: its static secrets live in a bootstrap we do not see', () => {
    const listener = `"@type": type.googleapis.com/envoy.config.listener.v3.Listener
name: https
address:
  socket_address: { address: 0.0.0.0, port_value: 8443 }
filter_chains:
- transport_socket:
    name: envoy.transport_sockets.tls
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
      common_tls_context:
        tls_certificate_sds_secret_configs:
        - name: edge-cert
  filters:
  - name: envoy.filters.network.tcp_proxy
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
      stat_prefix: https
      cluster: upstream
`;
    assert.deepEqual(analyze(listener).findings.filter((f) => f.code.includes('secret')), []);
  });
});
