import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixture } from '../../helpers/fixtures';
import { analyze, expectFinding, lineContaining } from '../envoyfilter/helpers';

const routes = readFixture('istio', 'cross-resource', 'route-order.yaml');
const egress = readFixture('istio', 'cross-resource', 'egress-tls.yaml');

test('a rule whose every match an earlier rule already has is unreachable (warning on its match)', () => {
  const findings = analyze(routes);
  const health = expectFinding(routes, findings, 'istio-unreachable-rule', 'warning', lineContaining(routes, '    match:\n    - name: legacy-liveness'));
  assert.match(health.message, /http\[3\] "health-legacy" is never used: every one of its matches is already taken by http\[2\] "health"/);
});

test('a rule after one without a match is unreachable', () => {
  const findings = analyze(routes);
  const after = expectFinding(routes, findings, 'istio-unreachable-rule', 'warning', lineContaining(routes, '    match:\n    - uri:\n        prefix: /admin'));
  assert.match(after.message, /http\[5\] "after-default" is never used: http\[4\] "default" before it has no match/);
  assert.equal(findings.filter((f) => f.code === 'istio-unreachable-rule').length, 2);
});

test('a match covered by an earlier prefix, or repeated in TCP routes, is ineffective (information)', () => {
  const findings = analyze(routes);
  const covered = expectFinding(routes, findings, 'istio-ineffective-match', 'information', lineContaining(routes, 'prefix: /api/v2/orders') - 1);
  assert.match(covered.message, /prefix "\/api\/v2\/orders"\) of http\[1\] "v2-orders-read" never applies: http\[0\] "v2-api" matches prefix "\/api\/v2"/);
  assert.deepEqual(covered.tags, ['unnecessary']);
  const tcp = expectFinding(routes, findings, 'istio-ineffective-match', 'information', lineContaining(routes, '- port: 5432', 1));
  assert.match(tcp.message, /This match of tcp\[1\] never applies: tcp\[0\] has the same match/);
  // /api/v1/orders in the same rule is new, and the duplicated /healthz is reported as the unreachable rule instead
  assert.equal(findings.filter((f) => f.code === 'istio-ineffective-match').length, 2);
});

test('a method condition narrower than an earlier one does not count as covered', () => {
  const text = routes.replace('      method:\n        exact: GET\n', '').replace('        prefix: /api/v2\n', '        prefix: /api/v2\n      method:\n        exact: POST\n');
  const findings = analyze(text);
  assert.equal(findings.filter((f) => f.code === 'istio-ineffective-match' && f.message.includes('/api/v2/orders')).length, 0);
});

test('TLS origination without caCertificates or credentialName is a warning on the mode, per destination and per port', () => {
  const findings = analyze(egress);
  const destination = expectFinding(egress, findings, 'istio-missing-ca-certificates', 'warning', lineContaining(egress, 'mode: SIMPLE'));
  assert.match(destination.message, /TLS mode SIMPLE for traffic to ledger\.bank\.example has no caCertificates \(nor credentialName\)/);
  const port = expectFinding(egress, findings, 'istio-missing-ca-certificates', 'warning', lineContaining(egress, 'mode: MUTUAL', 2));
  assert.match(port.message, /TLS mode MUTUAL for port 15443 of ledger\.bank\.example/);
  // caCertificates, credentialName, insecureSkipVerify and ISTIO_MUTUAL are all fine
  assert.equal(findings.filter((f) => f.code === 'istio-missing-ca-certificates').length, 2);
});
