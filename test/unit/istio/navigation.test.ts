import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../../../server/src/core/analyze';
import { istioFactsOf } from '../../../server/src/core/istio/crossResource/facts';
import { istioDefinitions, istioReferenceHover, istioReferences, istioTargetAt } from '../../../server/src/core/istio/navigation';

const routes = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: storefront, namespace: shop}
spec:
  hosts: [shop.example.com]
  gateways: [mesh, storefront-gateway, istio-system/public-gateway]
  http:
  - match: [{gateways: [storefront-gateway], uri: {prefix: /cart}}]
    route: [{destination: {host: cart, subset: stable}}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: storefront-gateway, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [shop.example.com]}]
`;

const elsewhere = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: cart, namespace: shop}
spec:
  host: cart.shop.svc.cluster.local
  subsets: [{name: stable, labels: {track: stable}}, {name: canary, labels: {track: canary}}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public-gateway, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ['*/shop.example.com'], tls: {mode: SIMPLE, credentialName: shop}}]
`;

const analysis = analyzeText({ text: routes, fileName: 'routes.yaml' });
const other = analyzeText({ text: elsewhere, fileName: 'mesh.yaml' });
const others = istioFactsOf(other.documents, 'file:///mesh.yaml');
const at = (text: string, needle: string, occurrence = 0) => {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  return offset;
};
const definitionsAt = (offset: number) => {
  const target = istioTargetAt(analysis, offset);
  return target ? istioDefinitions(target, analysis, 'file:///routes.yaml', others).map((d) => [d.uri, d.offset]) : undefined;
};

test('a subset leads to its name in the DestinationRule for the host, short names and FQDNs alike', () => {
  assert.deepEqual(definitionsAt(at(routes, 'stable') + 1), [['file:///mesh.yaml', at(elsewhere, 'stable')]]);
});

test('a gateway leads to the Gateway of that name in its namespace; mesh leads nowhere', () => {
  assert.deepEqual(definitionsAt(at(routes, 'storefront-gateway') + 2), [['file:///routes.yaml', at(routes, 'storefront-gateway', 2)]]);
  assert.deepEqual(definitionsAt(at(routes, 'storefront-gateway', 1) + 2), [['file:///routes.yaml', at(routes, 'storefront-gateway', 2)]], 'a gateway of a match too');
  assert.deepEqual(definitionsAt(at(routes, 'istio-system/public-gateway') + 3), [['file:///mesh.yaml', at(elsewhere, 'public-gateway')]]);
  assert.equal(istioTargetAt(analysis, at(routes, 'mesh') + 1), undefined);
});

test('references of a Gateway: every VirtualService place that binds it, with its name when asked', () => {
  const target = istioTargetAt(analysis, at(routes, 'storefront-gateway', 2) + 1)!;
  assert.equal(target.isDefinition, true);
  const places = istioReferences(target, analysis, 'file:///routes.yaml', others, true).map((d) => d.offset);
  assert.deepEqual(places, [at(routes, 'storefront-gateway', 2), at(routes, 'storefront-gateway'), at(routes, 'storefront-gateway', 1)]);
});

test('hovering a subset or gateway says what it reaches; a missing one says where it was looked for', () => {
  const hover = (offset: number, withWorkspace = true) => istioReferenceHover(istioTargetAt(analysis, offset)!, analysis, 'file:///routes.yaml', withWorkspace ? others : undefined);
  assert.equal(hover(at(routes, 'stable') + 1), 'Subset `stable` of DestinationRule shop/cart (in `mesh.yaml`): pods labelled `track=stable`');
  assert.equal(hover(at(routes, 'storefront-gateway') + 1), 'Gateway shop/storefront-gateway: on proxies labelled `istio=ingressgateway`; ports 80 for shop.example.com');
  assert.equal(hover(at(routes, 'stable') + 1, false), '_No DestinationRule for cart.shop.svc.cluster.local defines subset `stable` in this file._');
});
