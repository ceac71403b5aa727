import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeIstioCluster,
  describeIstioListener,
  describeIstioPort,
  describeIstioRouteName,
  parseIstioClusterName,
  parseListenerName,
} from '../../../server/src/core/istio/names';

test('cluster names: direction|port|subset|host, and the SNI form', () => {
  assert.deepEqual(parseIstioClusterName('outbound|9080|v2|reviews.default.svc.cluster.local'), {
    direction: 'outbound',
    port: 9080,
    subset: 'v2',
    host: 'reviews.default.svc.cluster.local',
    sniForm: false,
  });
  assert.deepEqual(parseIstioClusterName('inbound|8080||'), { direction: 'inbound', port: 8080, subset: '', host: '', sniForm: false });
  assert.equal(parseIstioClusterName('inbound-vip|8000|http|httpbin.default.svc.cluster.local')?.direction, 'inbound-vip');
  assert.deepEqual(parseIstioClusterName('outbound_.8080_.v1_.reviews.default.svc.cluster.local'), {
    direction: 'outbound',
    port: 8080,
    subset: 'v1',
    host: 'reviews.default.svc.cluster.local',
    sniForm: true,
  });
  assert.equal(parseIstioClusterName('httproute/default/backend/rule/0'), undefined);
  assert.equal(parseIstioClusterName('outbound|notaport||x'), undefined);
});

test('cluster descriptions', () => {
  assert.equal(describeIstioCluster('outbound|9080|v2|reviews.default.svc.cluster.local'), 'Istio outbound cluster: service reviews.default.svc.cluster.local port 9080, subset v2');
  assert.match(describeIstioCluster('inbound|9080||') ?? '', /^Istio inbound cluster: traffic for this workload on port 9080/);
  assert.match(describeIstioCluster('inbound-vip|8000|http|httpbin.default.svc.cluster.local') ?? '', /waypoint cluster for service VIP httpbin.default.svc.cluster.local port 8000 \(http\)/);
  assert.match(describeIstioCluster('BlackHoleCluster') ?? '', /dropped/);
  assert.match(describeIstioCluster('PassthroughCluster') ?? '', /original destination/);
  assert.match(describeIstioCluster('InboundPassthroughClusterIpv4') ?? '', /inbound passthrough/);
  assert.match(describeIstioCluster('xds-grpc') ?? '', /istiod/);
  assert.match(describeIstioCluster('sds-grpc') ?? '', /SDS/);
  assert.match(describeIstioCluster('prometheus_stats') ?? '', /15090/);
  assert.match(describeIstioCluster('agent') ?? '', /15020/);
  assert.match(describeIstioCluster('connect_originate') ?? '', /15008/);
  assert.equal(describeIstioCluster('my_backend'), undefined);
});

test('listener names and well-known ports', () => {
  assert.deepEqual(parseListenerName('10.96.0.10_53'), { address: '10.96.0.10', port: 53 });
  assert.deepEqual(parseListenerName('0.0.0.0_443'), { address: '0.0.0.0', port: 443 });
  assert.equal(parseListenerName('https_listener_1'), undefined);
  assert.match(describeIstioListener('virtualOutbound') ?? '', /15001.*use_original_dst/);
  assert.match(describeIstioListener('virtualInbound') ?? '', /15006/);
  assert.match(describeIstioListener('connect_originate') ?? '', /HBONE/);
  assert.match(describeIstioListener('connect_terminate') ?? '', /15008/);
  assert.match(describeIstioListener('main_internal') ?? '', /inbound-vip/);
  assert.match(describeIstioListener('10.96.0.10_53') ?? '', /outbound listener for 10.96.0.10:53/);
  assert.match(describeIstioListener('0.0.0.0_8443', 'router') ?? '', /^Istio gateway listener on port 8443/);
  assert.match(describeIstioListener('0.0.0.0_15021') ?? '', /health/);
  assert.equal(describeIstioListener('https_listener'), undefined);
  assert.equal(describeIstioPort(15090), 'Envoy Prometheus telemetry');
  assert.match(describeIstioPort(15000) ?? '', /admin/);
  assert.equal(describeIstioPort(8080), undefined);
});

test('route names', () => {
  assert.match(describeIstioRouteName('8080') ?? '', /outbound routes for port 8080/);
  assert.match(describeIstioRouteName('http.443') ?? '', /gateway routes for port 443/);
  assert.match(describeIstioRouteName('https.443.https-bookinfo.bookinfo-gateway.bookinfo') ?? '', /HTTPS server "https-bookinfo" of gateway bookinfo\/bookinfo-gateway on port 443/);
  assert.match(describeIstioRouteName('inbound|9080||') ?? '', /inbound routes/);
  assert.equal(describeIstioRouteName('local_route'), undefined);
});
