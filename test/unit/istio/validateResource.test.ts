import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyFix, expectFinding, expectNone } from '../envoyfilter/helpers';

const destinationRule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: shop
  labels:
    version: 2
spec:
  host: reviews.shop.svc.cluster.local
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBBIN
      consistentHash:
        useSourceIp: true
    connectionPool:
      tcp:
        maxConnections: "100"
    outlierDetection:
      consecutiveErrors: 5
      interval: 30s
  subsets:
  - name: v1
    labels:
      version: v1
    trafficPolicy:
      loadBalancer:
        simple: LEAST_REQUEST
  - labels:
      version: v2
  exportTo: .
status:
  observedGeneration: 3
`;

test('a clean resource has no findings, and a top-level status is allowed', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 100
status: {}
`;
  assert.deepEqual(analyze(text).map((f) => f.code), []);
});

test('enum values list the valid ones, suggest the closest and fix it', () => {
  const findings = analyze(destinationRule);
  const finding = expectFinding(destinationRule, findings, 'istio-invalid-enum', 'error', 12);
  assert.match(finding.message, /did you mean "ROUND_ROBIN"\? Valid: UNSPECIFIED, LEAST_CONN/);
  assert.match(applyFix(destinationRule, finding), /simple: ROUND_ROBIN\n/);
});

test('wrong JSON types are errors: quoted integers, a scalar for a list, a number for a label', () => {
  const findings = analyze(destinationRule);
  const quoted = expectFinding(destinationRule, findings, 'istio-type-mismatch', 'error', 17);
  assert.match(quoted.message, /must be an integer.*remove the quotes/);
  expectFinding(destinationRule, findings, 'istio-type-mismatch', 'error', 7);
  const list = expectFinding(destinationRule, findings, 'istio-type-mismatch', 'error', 30);
  assert.match(list.message, /spec\.exportTo must be an array/);
});

test('oneOf groups, deprecated fields and required fields', () => {
  const findings = analyze(destinationRule);
  const exclusive = expectFinding(destinationRule, findings, 'istio-mutually-exclusive', 'error', 13);
  assert.match(exclusive.message, /"consistentHash" cannot be set together with "simple"/);
  const deprecated = expectFinding(destinationRule, findings, 'istio-deprecated-field', 'warning', 19);
  assert.deepEqual(deprecated.tags, ['deprecated']);
  const required = expectFinding(destinationRule, findings, 'istio-missing-required-field', 'error', 28);
  assert.match(required.message, /spec\.subsets\[1\] is missing the required field "name"/);
});

test('a deprecated field names its replacement when the API says it', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: warm
spec:
  host: reviews
  trafficPolicy:
    loadBalancer:
      warmupDurationSecs: 60s
`;
  const finding = expectFinding(text, analyze(text), 'istio-deprecated-field', 'warning', 9);
  assert.match(finding.message, /use "warmup" instead/);
});

test('unknown fields are errors with did-you-mean and a fix', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: web
  namespce: shop
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*.example.com"
    nmae: web-http
`;
  const findings = analyze(text);
  const meta = expectFinding(text, findings, 'istio-unknown-field', 'error', 5);
  assert.match(meta.message, /did you mean "namespace"/);
  const spec = expectFinding(text, findings, 'istio-unknown-field', 'error', 16);
  assert.match(spec.message, /in spec\.servers\[0\]; did you mean "name"\?/);
  assert.match(applyFix(text, spec), /\n {4}name: web-http\n/);
  // Map-valued fields (selector labels) take any key.
  assert.equal(findings.length, 2);
});

test('unknown kinds and versions of a known group', () => {
  const wrongVersion = `apiVersion: networking.istio.io/v1beta1
kind: EnvoyFilter
metadata:
  name: ef
spec: {}
`;
  const version = expectFinding(wrongVersion, analyze(wrongVersion), 'istio-unknown-version', 'error', 1);
  assert.match(version.message, /EnvoyFilter exists only as networking\.istio\.io\/v1alpha3/);
  const typo = `apiVersion: networking.istio.io/v1
kind: VirtualServce
metadata:
  name: vs
spec: {}
`;
  const kind = expectFinding(typo, analyze(typo), 'istio-unknown-kind', 'error', 2);
  assert.match(applyFix(typo, kind), /kind: VirtualService\n/);
  const wrongGroup = `apiVersion: networking.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny
spec: {}
`;
  assert.match(expectFinding(wrongGroup, analyze(wrongGroup), 'istio-unknown-kind', 'error', 2).message, /security\.istio\.io/);
});

test('metadata needs a valid name; a missing spec with required fields is an error', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  namespace: shop
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: Default_Sidecar
`;
  const findings = analyze(text);
  expectFinding(text, findings, 'istio-missing-name', 'error', 3);
  expectFinding(text, findings, 'istio-missing-spec', 'error', 2);
  expectFinding(text, findings, 'istio-invalid-name', 'error', 9);
  expectFinding(text, findings, 'istio-missing-spec', 'warning', 7);
});

test('maps validate their values; ports must be 1-65535', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata:
  name: vm-1
spec:
  address: 10.0.0.12
  ports:
    http: 8080
    grpc: 70000
    metrics: "9090"
  labels:
    app: legacy
`;
  const findings = analyze(text);
  expectFinding(text, findings, 'istio-invalid-port', 'error', 9);
  expectFinding(text, findings, 'istio-type-mismatch', 'error', 10);
  assert.equal(findings.length, 2);
});

test('each Istio item of a Kubernetes List is validated', () => {
  const text = `apiVersion: v1
kind: List
items:
- apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata:
    name: a
  spec:
    hosts: [a]
    htp: []
- apiVersion: networking.istio.io/v1alpha3
  kind: EnvoyFilter
  metadata:
    name: b
  spec:
    workloadLabels:
      app: b
`;
  const findings = analyze(text);
  expectFinding(text, findings, 'istio-unknown-field', 'error', 10);
  expectFinding(text, findings, 'envoyfilter-removed-field', 'error', 16);
  expectNone(findings, 'istio-missing-spec');
});
