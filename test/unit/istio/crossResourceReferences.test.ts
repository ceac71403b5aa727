import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/core/analyze';
import { istioFactsOf, type RelatedResources } from '../../../server/src/core/istio/crossResource/facts';
import type { Finding } from '../../../server/src/core/types';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { readFixture } from '../../helpers/fixtures';
import { analyze, applyFix, expectFinding, expectNone, lineContaining, lineOf } from '../envoyfilter/helpers';

const storefront = readFixture('istio', 'cross-resource', 'storefront.yaml');

function analyzeWith(text: string, related: RelatedResources): Finding[] {
  return analyzeText({ text, fileName: 'routes.yaml', related }, loadCheckers()).findings;
}

function relatedFrom(text: string, source: string, origin: RelatedResources['origin']): RelatedResources {
  return { istio: istioFactsOf(analyzeText({ text, fileName: source }).documents, source), origin };
}

test('a route to a subset its DestinationRule lacks is a warning on the subset, with a fix for a near miss', () => {
  const findings = analyze(storefront);
  const typo = expectFinding(storefront, findings, 'istio-unknown-subset', 'warning', lineContaining(storefront, 'subset: canery'));
  assert.match(typo.message, /Subset "canery" is not defined for catalog\.storefront\.svc\.cluster\.local/);
  assert.match(typo.message, /DestinationRule storefront\/catalog defines only "stable", "canary"/);
  assert.match(typo.message, /unless a DestinationRule not in this file defines it/);
  assert.match(applyFix(storefront, typo), /subset: canary\n    mirror:/);
  const mirror = expectFinding(storefront, findings, 'istio-unknown-subset', 'warning', lineContaining(storefront, 'subset: shadow'));
  assert.equal(mirror.fixes, undefined);
  // short names, FQDNs and the other defined subsets resolve; a host with no DestinationRule in view is not judged
  assert.equal(findings.filter((f) => f.code === 'istio-unknown-subset').length, 2);
});

test('a gateway that is not among the Gateways of its namespace is a warning, in spec.gateways and in matches', () => {
  const findings = analyze(storefront);
  const missing = expectFinding(storefront, findings, 'istio-unknown-gateway', 'warning', lineContaining(storefront, '- storefront/storefront-gw'));
  assert.match(missing.message, /No Gateway "storefront-gw" in namespace storefront in this file \(there: storefront-gateway\)\./);
  assert.match(missing.message, /defined elsewhere/);
  const inMatch = expectFinding(storefront, findings, 'istio-unknown-gateway', 'warning', lineContaining(storefront, '- storefront-gatway'));
  assert.match(applyFix(storefront, inMatch), /gateways:\n      - storefront-gateway\n    route:/);
  // `mesh` is built in, and no Gateway of istio-system is in view to judge istio-system/shared-gateway against
  assert.equal(findings.filter((f) => f.code === 'istio-unknown-gateway').length, 2);
});

test('a VirtualService whose hosts its Gateway does not serve is a warning on the gateway reference', () => {
  const findings = analyze(storefront);
  const admin = expectFinding(storefront, findings, 'istio-gateway-host-mismatch', 'warning', lineContaining(storefront, '- storefront-gateway', 1));
  assert.match(admin.message, /\(admin\.example\.com\) is served by Gateway storefront\/storefront-gateway, which accepts shop\.example\.com, api\.example\.com/);
  const partner = expectFinding(storefront, findings, 'istio-gateway-host-mismatch', 'warning', lineContaining(storefront, '- storefront/storefront-gateway'));
  assert.match(partner.message, /storefront\/api\.example\.com only for the namespace named before the slash/);
  assert.equal(findings.filter((f) => f.code === 'istio-gateway-host-mismatch').length, 2);
});

const routesAlone = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
  gateways:
  - bookinfo-gateway
  - mesh
  http:
  - route:
    - destination:
        host: reviews
        subset: v3
`;

const rulesElsewhere = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews.bookinfo.svc.cluster.local
  subsets:
  - name: v1
    labels:
      version: v1
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: bookinfo-gateway
  namespace: bookinfo
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "bookinfo.example.com"
`;

test('alone, a file with no DestinationRule or Gateway in view gets nothing from these checks', () => {
  const findings = analyze(routesAlone);
  for (const code of ['istio-unknown-subset', 'istio-unknown-gateway', 'istio-gateway-host-mismatch']) expectNone(findings, code);
});

test('the resources of other files are seen, and findings name the file they come from', () => {
  const findings = analyzeWith(routesAlone, relatedFrom(rulesElsewhere, 'file:///repo/mesh/traffic-policy.yaml', 'workspace'));
  const subset = expectFinding(routesAlone, findings, 'istio-unknown-subset', 'warning', lineContaining(routesAlone, 'subset: v3'));
  assert.match(subset.message, /DestinationRule bookinfo\/reviews \(in traffic-policy\.yaml\) defines only "v1"/);
  assert.match(subset.message, /not in the workspace/);
  const hosts = expectFinding(routesAlone, findings, 'istio-gateway-host-mismatch', 'warning', lineContaining(routesAlone, '- bookinfo-gateway'));
  assert.match(hosts.message, /Gateway bookinfo\/bookinfo-gateway \(in traffic-policy\.yaml\), which accepts bookinfo\.example\.com/);
});

test('exportTo hides a DestinationRule from other namespaces', () => {
  const privateRule = rulesElsewhere
    .replace('  subsets:', '  exportTo:\n  - "."\n  subsets:')
    .replace(/namespace: bookinfo/g, 'namespace: reviews-team')
    .replace('host: reviews.bookinfo.svc.cluster.local', 'host: reviews');
  const routes = routesAlone.replace('host: reviews\n        subset', 'host: reviews.reviews-team.svc.cluster.local\n        subset');
  const findings = analyzeWith(routes, relatedFrom(privateRule, 'rules.yaml', 'file-set'));
  expectNone(findings, 'istio-unknown-subset');
  const visible = analyzeWith(routes, relatedFrom(privateRule.replace('- "."', '- bookinfo'), 'rules.yaml', 'file-set'));
  const finding = visible.find((f) => f.code === 'istio-unknown-subset');
  assert.ok(finding, 'exported to bookinfo, the rule is seen');
  assert.equal(lineOf(routes, finding), lineContaining(routes, 'subset: v3'));
  assert.match(finding.message, /not in the files checked together/);
});
