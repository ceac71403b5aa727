import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/analyze';
import type { RelatedFacts } from '../../../server/src/core/envoy/relatedClusters';
import { WorkspaceIndex } from '../../../server/src/core/navigation/workspaceIndex';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { loadEnvoyIndex } from '../../../server/src/runtime/models';
import { readFixture } from '../../helpers/fixtures';

const checkers = loadCheckers();
const clustersElsewhere: RelatedFacts = { istio: [], clusters: [{ name: 'payments', source: 'file:///shop/shop-clusters.yaml' }], origin: 'workspace' };

function unknownClusters(text: string, related?: RelatedFacts) {
  return analyzeText({ text, fileName: 'file.yaml', related }, checkers).findings.filter((f) => f.code === 'envoy-unknown-cluster');
}

function bootstrap(cluster: string, dynamic = ''): string {
  return `static_resources:
  listeners:
  - name: ingress
    address: { socket_address: { address: 0.0.0.0, port_value: 8080 } }
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: ingress
          route_config:
            virtual_hosts:
            - name: all
              domains: ["*"]
              routes:
              - match: { prefix: "/" }
                route: { cluster: ${cluster} }
          http_filters:
          - name: envoy.filters.http.router
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
  clusters:
  - name: local
    type: STATIC
    connect_timeout: 1s
${dynamic}`;
}

describe('cluster references across files', () => {
  const routes = readFixture('envoy', 'workspace', 'shop-routes.yaml');

  it('judges a file of routes alone against the clusters of the related files', () => {
    const findings = unknownClusters(routes, clustersElsewhere);
    assert.deepEqual(findings.map((f) => [f.severity, f.message.split(';')[0]]), [
      ['warning', 'No cluster named "cart" in this file or the workspace'],
      ['warning', 'No cluster named "payment" in this file or the workspace (did you mean "payments"?)'],
    ]);
  });

  it('leaves a file of routes alone unjudged when no related file defines a cluster', () => {
    assert.deepEqual(unknownClusters(routes), []);
    assert.deepEqual(unknownClusters(routes, { istio: [], clusters: [], origin: 'workspace' }), []);
  });

  it('keeps a static route naming another file\'s cluster an error, and says where the cluster is', () => {
    const [finding, ...rest] = unknownClusters(bootstrap('payments'), clustersElsewhere);
    assert.deepEqual(rest, []);
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /^Cluster "payments" is defined in shop-clusters\.yaml, not in static_resources of this bootstrap; Envoy checks .* will not start$/);
  });

  it('keeps the bootstrap messages of a name no file defines as they were', () => {
    const [finding] = unknownClusters(bootstrap('lokal'), clustersElsewhere);
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /^No cluster named "lokal" in static_resources \(did you mean "local"\?\); Envoy checks/);
    assert.deepEqual(unknownClusters(bootstrap('local'), clustersElsewhere), []);
  });

  it('lets another file\'s cluster satisfy a bootstrap route that may come from CDS', () => {
    const cds = '\ndynamic_resources:\n  cds_config:\n    path_config_source: { path: /etc/envoy/cds.yaml }\n';
    assert.deepEqual(unknownClusters(bootstrap('payments', cds), clustersElsewhere), []);
    const [missing] = unknownClusters(bootstrap('payment', cds), clustersElsewhere);
    assert.equal(missing.severity, 'warning');
    assert.match(missing.message, /in static_resources or the workspace \(did you mean "payments"\?\)/);
  });
});

describe('the workspace index and cluster names', () => {
  it('signals a change only when the set of cluster names of a file changes', () => {
    const index = new WorkspaceIndex(loadEnvoyIndex);
    let changes = 0;
    index.onRelatedChange = () => changes++;
    const clusters = readFixture('envoy', 'workspace', 'shop-clusters.yaml');
    index.setText('file:///shop/shop-clusters.yaml', clusters);
    index.setText('file:///shop/shop-routes.yaml', readFixture('envoy', 'workspace', 'shop-routes.yaml'));
    assert.equal(changes, 1, 'the routes file defines no cluster');
    assert.deepEqual(index.clusterNames('file:///shop/shop-routes.yaml').map((c) => c.name), ['cart', 'payments']);
    assert.deepEqual(index.clusterNames('file:///shop/shop-clusters.yaml'), []);

    index.setText('file:///shop/shop-clusters.yaml', clusters.replace('connect_timeout: 1s', 'connect_timeout: 2s'));
    assert.equal(changes, 1, 'a change that keeps the names does not make other files need checking again');
    index.setText('file:///shop/shop-clusters.yaml', clusters.replaceAll('payments', 'payment'));
    assert.equal(changes, 2);
    index.remove('file:///shop/shop-clusters.yaml');
    assert.equal(changes, 3);
  });
});
