import type { JsonObject } from '../dump/types';
import { num, obj, objAt, plural, str, wrapped } from '../dump/json';
import { findCluster, findEndpoints, findListener } from '../dump/lookup';
import {
  circuitBreakerSummary,
  clusterAggregateMembers,
  clusterDiscoveryType,
  clusterLbPolicy,
  endpointCountText,
  endpointSummaries,
  isInternalListener,
  type EndpointSummary,
} from '../dump/describe';
import { summarizeSocketMatches, summarizeTransportSocket, type SocketMatchSummary, type TransportSocketSummary } from '../dump/describeTls';
import { describeIstioCluster } from '../istio/names';
import type { ExplainContext } from './context';
import { LIMITS, reachCluster, reachInternalListener } from './context';
import type { ExplanationItem } from './types';
import { code, item, t, toned, withChildren } from './types';

const HBONE_PORT = 15008;

const DISCOVERY: Record<string, string> = {
  EDS: 'endpoints come from EDS',
  STATIC: 'fixed endpoints from its load_assignment',
  STRICT_DNS: 'resolves its DNS name(s) continuously; every address returned is an endpoint',
  LOGICAL_DNS: 'resolves DNS and connects to the first address returned',
  ORIGINAL_DST: "no endpoint list: connects to each connection's original destination address",
};

/** One section per cluster reached, in the order traffic reaches them. */
export function explainClusters(context: ExplainContext): void {
  const pending = context.clusters;
  context.clusters = [];
  const detailed = pending.slice(0, LIMITS.clusters);
  for (const name of detailed) {
    if (context.explainedClusters.has(name)) continue;
    context.explainedClusters.add(name);
    context.sections.push({ id: `cluster:${name}`, title: [t('Cluster '), code(name, { kind: 'cluster', name })], target: { kind: 'cluster', name }, items: clusterItems(context, name) });
    context.path.push([t('cluster '), code(name, { kind: 'cluster', name })]);
  }
  if (pending.length > detailed.length) {
    const rest = pending.slice(detailed.length);
    context.sections.push({
      id: 'clusters:more',
      title: [t(`${rest.length} more clusters`)],
      items: rest.map((name) => item(code(name, { kind: 'cluster', name }))),
    });
  }
}

function clusterItems(context: ExplainContext, name: string): ExplanationItem[] {
  const items: ExplanationItem[] = [];
  const istio = describeIstioCluster(name);
  if (istio) items.push(toned(item(istio), 'note'));
  const entry = findCluster(context.dump, name);
  if (!entry) {
    items.push(toned(item('Not in this dump', context.dump.sections.includes('clusters') ? ': requests routed here would fail with 503 (NC, no cluster).' : ' (the file has no clusters).'), 'warning'));
    const sameNamed = findListener(context.dump, name);
    if (sameNamed && isInternalListener(sameNamed.config)) {
      items.push(toned(item('Istio names the cluster after the internal listener it leads to, so traffic would continue at listener ', code(name, { kind: 'listener', name }), '.'), 'note'));
      reachInternalListener(context, name);
    }
    return items;
  }
  const cluster = entry.config;
  const type = clusterDiscoveryType(cluster);
  items.push(item('Discovery ', code(type), `: ${DISCOVERY[type] ?? 'custom cluster type'}`));
  if (entry.state === 'warming') items.push(toned(item('This cluster is still warming (waiting for its first endpoints); it takes no traffic yet.'), 'warning'));
  const members = clusterAggregateMembers(cluster);
  if (members.length) {
    items.push(withChildren(item('Aggregate: tries these clusters in order of priority'), members.map((member) => item(code(member, { kind: 'cluster', name: member })))));
    for (const member of members) reachCluster(context, member);
  }
  const originalDst = obj(cluster.original_dst_lb_config);
  const portOverride = num(wrapped(originalDst?.upstream_port_override));
  if (originalDst) {
    if (portOverride !== undefined) items.push(item(`Port of the original destination is replaced by ${portOverride}${portOverride === HBONE_PORT ? ' (the HBONE port)' : ''}.`));
    if (originalDst.use_http_header === true) items.push(item(`Destination taken from the ${str(originalDst.http_header_name) ?? 'x-envoy-original-dst-host'} header.`));
  }
  items.push(item(`Load balancing ${clusterLbPolicy(cluster)}`, str(cluster.connect_timeout) ? `, connect timeout ${str(cluster.connect_timeout)}` : ''));
  const matches = summarizeSocketMatches(cluster);
  const defaultSocket = summarizeTransportSocket(obj(cluster.transport_socket));
  if (matches.length) {
    items.push(withChildren(item('Transport socket chosen per endpoint by its ', code('envoy.transport_socket_match'), ' metadata:'), matches.map(socketMatchItem)));
    if (obj(cluster.transport_socket)) items.push(item(`Endpoints matching none of these: ${defaultSocket.text}`));
  } else {
    items.push(item(`Upstream connection: ${defaultSocket.text}`));
  }
  const hbone = hboneText(type, portOverride, defaultSocket);
  if (hbone) items.push(toned(item(hbone), 'note'));
  const breakers = circuitBreakerSummary(cluster);
  if (breakers) items.push(item(`Circuit breakers: ${breakers}`));
  const outlier = obj(cluster.outlier_detection);
  if (outlier) items.push(item(`Outlier detection: eject after ${num(wrapped(outlier.consecutive_5xx)) ?? 5} consecutive 5xx, base ejection ${str(outlier.base_ejection_time) ?? '30s'}`));
  items.push(...endpointItems(context, name, type, cluster, matches));
  return items;
}

function socketMatchItem(match: SocketMatchSummary): ExplanationItem {
  const head = match.match ? [code(match.match), t(match.name ? ` (${match.name})` : '')] : [t('any other endpoint'), t(match.name ? ` (${match.name})` : '')];
  let meaning = match.socket.text;
  if (match.match === 'tlsMode=istio' && match.socket.istioMtls) meaning = `endpoints with an Istio sidecar → ${match.socket.text}`;
  if (match.socket.kind === 'internal-upstream') {
    meaning = `${match.socket.text}. With Istio ambient this is HBONE: the endpoint's envoy_internal_address names the internal listener (connect_originate) that opens the tunnel`;
  }
  return { parts: [...head, t(` → ${meaning}`)] };
}

function hboneText(type: string, portOverride: number | undefined, socket: TransportSocketSummary): string | undefined {
  if (type !== 'ORIGINAL_DST' || portOverride !== HBONE_PORT || socket.kind !== 'tls-upstream') return undefined;
  const h2 = socket.alpn?.includes('h2');
  return `HBONE: ${socket.istioMtls ? 'Istio mTLS' : 'TLS'}${h2 ? ' + HTTP/2' : ''} to the original destination on port ${HBONE_PORT}; the tcp_proxy in front sends an HTTP CONNECT whose :authority is the original destination.`;
}

function selectedSocket(endpoint: EndpointSummary, matches: SocketMatchSummary[]): SocketMatchSummary | undefined {
  const labels = new Set((endpoint.socketMatch ?? '').split(', ').filter(Boolean));
  return matches.find((match) => match.match.split(', ').filter(Boolean).every((pair) => labels.has(pair)));
}

function endpointItems(context: ExplainContext, name: string, type: string, cluster: JsonObject, matches: SocketMatchSummary[]): ExplanationItem[] {
  const entry = findEndpoints(context.dump, name);
  if (!entry) {
    if (type === 'EDS') {
      const serviceName = str(objAt(cluster, 'eds_cluster_config')?.service_name) ?? name;
      const why = context.dump.sections.includes('endpoints') ? `this dump has no EDS entry for ${serviceName}` : 'EDS not in this dump (capture with include_eds to see endpoints)';
      return [toned(item(`Endpoints: ${why}`), 'note')];
    }
    return [];
  }
  const summaries = endpointSummaries(entry.config);
  if (summaries.length === 0 && type === 'ORIGINAL_DST') return [];
  const head = item(`Endpoints: ${endpointCountText(summaries)}${entry.origin === 'inline' ? ' (from load_assignment)' : ''}`);
  const children: ExplanationItem[] = [];
  for (const summary of summaries) if (summary.internalListener) reachInternalListener(context, summary.internalListener);
  for (const summary of summaries.slice(0, LIMITS.endpointsListed)) {
    const parts = summary.internalListener
      ? [t('internal listener '), code(summary.internalListener, { kind: 'listener', name: summary.internalListener }), t(` (${summary.address.replace(/^internal:[^ ]* ?/, '').replace(/^\(|\)$/g, '') || 'no id'})`)]
      : [code(summary.address)];
    const facts = [summary.health];
    if (summary.locality) facts.push(summary.locality);
    if (summary.weight !== undefined && summary.weight !== 1) facts.push(`weight ${summary.weight}`);
    if (summary.originalDestination) facts.push(`original destination ${summary.originalDestination}`);
    const socket = matches.length ? selectedSocket(summary, matches) : undefined;
    if (socket) facts.push(`socket ${socket.name || socket.match || 'default'}`);
    children.push({ parts: [...parts, t(` — ${facts.join(', ')}`)] });
  }
  if (summaries.length > LIMITS.endpointsListed) children.push(toned(item(`… ${plural(summaries.length - LIMITS.endpointsListed, 'more endpoint')}`), 'note'));
  return [withChildren(head, children)];
}
