import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/core/analyze';
import { istioFactsOf, type RelatedResources } from '../../../server/src/core/istio/crossResource/facts';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { readFixture } from '../../helpers/fixtures';
import { analyze, expectFinding, expectNone, lineContaining } from '../envoyfilter/helpers';

const edge = readFixture('istio', 'cross-resource', 'edge-conflicts.yaml');
const sidecars = readFixture('istio', 'cross-resource', 'sidecars.yaml');

function related(text: string, source: string, origin: RelatedResources['origin']): RelatedResources {
  return { istio: istioFactsOf(analyzeText({ text, fileName: source }).documents, source), origin };
}

test('two Gateways on the same pods and port with overlapping hosts are errors on both hosts', () => {
  const findings = analyze(edge);
  const wildcard = expectFinding(edge, findings, 'istio-conflicting-gateways', 'error', lineContaining(edge, '- "*.example.com"'));
  assert.match(wildcard.message, /Gateway checkout\/checkout-gateway also serves "\*\.example\.com" on port 443 of the same gateway pods \(istio=ingressgateway\)/);
  const checkout = expectFinding(edge, findings, 'istio-conflicting-gateways', 'error', lineContaining(edge, '- "checkout/checkout.example.com"'));
  assert.match(checkout.message, /Gateway istio-system\/public-gateway also serves "checkout\.example\.com"/);
  // internal-gateway serves the same hosts on other pods (another selector)
  assert.equal(findings.filter((f) => f.code === 'istio-conflicting-gateways').length, 2);
});

test('two VirtualServices for one host on the mesh gateway are errors, unless exportTo keeps them apart', () => {
  const findings = analyze(edge);
  const first = expectFinding(edge, findings, 'istio-conflicting-mesh-hosts', 'error', lineContaining(edge, '  - reviews\n'));
  assert.match(first.message, /VirtualService bookinfo\/reviews-canary also routes reviews\.bookinfo\.svc\.cluster\.local/);
  expectFinding(edge, findings, 'istio-conflicting-mesh-hosts', 'error', lineContaining(edge, '- reviews.bookinfo.svc.cluster.local'));
  // bookinfo/ratings and qa/ratings-for-qa are each exported only to their own namespace
  assert.equal(findings.filter((f) => f.code === 'istio-conflicting-mesh-hosts').length, 2);
});

test('ServiceEntries giving one host and port different protocols are warnings on each protocol', () => {
  const findings = analyze(edge);
  const tls = expectFinding(edge, findings, 'istio-conflicting-serviceentry-protocol', 'warning', lineContaining(edge, 'protocol: TLS'));
  assert.match(tls.message, /ServiceEntry egress\/payments-api-https declares port 443 of api\.payments\.example with protocol HTTPS, this one with TLS/);
  expectFinding(edge, findings, 'istio-conflicting-serviceentry-protocol', 'warning', lineContaining(edge, 'protocol: HTTPS', 3));
  // geo-api and geo-api-mirror agree (protocols compare without case)
  assert.equal(findings.filter((f) => f.code === 'istio-conflicting-serviceentry-protocol').length, 2);
});

const localGateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: checkout-gateway
  namespace: checkout
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 443
      name: https
      protocol: HTTPS
    tls:
      mode: SIMPLE
      credentialName: checkout-cert
    hosts:
    - "checkout.example.com"
`;

test('a conflict with another workspace file is a warning; with a file checked together it stays an error', () => {
  const otherFile = edge.split('---\n')[0];
  const workspace = analyzeText({ text: localGateway, fileName: 'gw.yaml', related: related(otherFile, 'file:///repo/prod/public.yaml', 'workspace') }, loadCheckers()).findings;
  const warning = expectFinding(localGateway, workspace, 'istio-conflicting-gateways', 'warning', lineContaining(localGateway, '- "checkout.example.com"'));
  assert.match(warning.message, /Gateway istio-system\/public-gateway \(in public\.yaml\) also serves/);
  const together = analyzeText({ text: localGateway, fileName: 'gw.yaml', related: related(otherFile, 'public.yaml', 'file-set') }, loadCheckers()).findings;
  expectFinding(localGateway, together, 'istio-conflicting-gateways', 'error', lineContaining(localGateway, '- "checkout.example.com"'));
});

test('the same resource in another file is another version of it, not a rival', () => {
  const copy = related(localGateway.replace('checkout-cert', 'checkout-cert-staging'), 'file:///repo/staging/gw.yaml', 'workspace');
  const findings = analyzeText({ text: localGateway, fileName: 'gw.yaml', related: copy }, loadCheckers()).findings;
  expectNone(findings, 'istio-conflicting-gateways');
});

test('Sidecars that select the same workload are errors; one that selects no known workload is a warning', () => {
  const findings = analyze(sidecars);
  const ratings = expectFinding(sidecars, findings, 'istio-conflicting-sidecars', 'error', lineContaining(sidecars, '    labels:\n      app: ratings'));
  assert.match(ratings.message, /Sidecar bookinfo\/v1-workloads also selects Deployment bookinfo\/ratings-v1/);
  expectFinding(sidecars, findings, 'istio-conflicting-sidecars', 'error', lineContaining(sidecars, '    labels:\n      version: v1'));
  const reviews = expectFinding(sidecars, findings, 'istio-sidecar-selects-nothing', 'warning', lineContaining(sidecars, '    labels:\n      app: reviews'));
  assert.match(reviews.message, /No workload in namespace bookinfo in this file has the labels app=reviews/);
  // no workload of the payments namespace is in view, and the default Sidecar has no selector
  assert.equal(findings.filter((f) => f.code === 'istio-sidecar-selects-nothing').length, 1);
});

test('workloads of other files count for Sidecar selectors', () => {
  const sidecarOnly = sidecars.split('---\n').slice(4, 5).join('');
  const alone = analyze(sidecarOnly);
  expectNone(alone, 'istio-sidecar-selects-nothing');
  const withWorkloads = analyzeText({ text: sidecarOnly, fileName: 'sidecar.yaml', related: related(sidecars.split('---\n').slice(0, 2).join('---\n'), 'deploy.yaml', 'file-set') }, loadCheckers()).findings;
  const finding = expectFinding(sidecarOnly, withWorkloads, 'istio-sidecar-selects-nothing', 'warning', lineContaining(sidecarOnly, '    labels:'));
  assert.match(finding.message, /in the files checked together/);
});

test('a templated resource (Helm placeholders) is neither checked nor used against others', () => {
  const templated = `${localGateway.replace('"checkout.example.com"', '"{{ .Values.host }}"')}---\n${localGateway
    .replace('name: checkout-gateway', 'name: checkout-gateway-canary')
    .replace('"checkout.example.com"', '"{{ .Values.host }}"')}`;
  expectNone(analyze(templated), 'istio-conflicting-gateways');
});
