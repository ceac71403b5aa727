import type { JsonObject } from './types';
import { arr, num, obj, objAt, objects, plural, shortTypeName, str, typedConfig, wrapped } from './json';

/** Short, factual one-liners about listeners, chains, clusters and endpoints, shared by the tree and Explain. */

export function formatAddress(address: JsonObject | undefined): string | undefined {
  if (!address) return undefined;
  const socket = obj(address.socket_address);
  if (socket) {
    const host = str(socket.address) ?? '';
    const port = num(socket.port_value) ?? str(socket.named_port);
    const shown = host.includes(':') ? `[${host}]` : host;
    return port === undefined ? shown : `${shown}:${port}`;
  }
  const internal = obj(address.envoy_internal_address);
  if (internal) {
    const target = str(internal.server_listener_name) ?? '?';
    const endpointId = str(internal.endpoint_id);
    return `internal:${target}${endpointId ? ` (${endpointId})` : ''}`;
  }
  const pipe = obj(address.pipe);
  if (pipe) return `unix:${str(pipe.path) ?? '?'}`;
  return undefined;
}

export function listenerPort(listener: JsonObject): number | undefined {
  return num(objAt(listener, 'address', 'socket_address')?.port_value);
}

export function isInternalListener(listener: JsonObject): boolean {
  return obj(listener.internal_listener) !== undefined || obj(objAt(listener, 'address')?.envoy_internal_address) !== undefined;
}

export function allFilterChains(listener: JsonObject): { chain: JsonObject; isDefault: boolean }[] {
  const chains = objects(listener.filter_chains).map((chain) => ({ chain, isDefault: false }));
  const fallback = obj(listener.default_filter_chain);
  if (fallback) chains.push({ chain: fallback, isDefault: true });
  return chains;
}

function prefixRange(range: JsonObject): string {
  return `${str(range.address_prefix) ?? '?'}/${num(range.prefix_len) ?? 32}`;
}

/** What selects a filter chain, e.g. `port 8080, TLS, SNI a.example.com, ALPN h2`; empty when it matches anything. */
export function filterChainMatchParts(match: JsonObject | undefined): string[] {
  if (!match) return [];
  const parts: string[] = [];
  const port = num(wrapped(match.destination_port));
  if (port !== undefined) parts.push(`port ${port}`);
  const destinations = objects(match.prefix_ranges).map(prefixRange);
  if (destinations.length) parts.push(`destination ${destinations.join(', ')}`);
  const directSources = objects(match.direct_source_prefix_ranges).map(prefixRange);
  if (directSources.length) parts.push(`direct source ${directSources.join(', ')}`);
  const sources = objects(match.source_prefix_ranges).map(prefixRange);
  if (sources.length) parts.push(`source ${sources.join(', ')}`);
  const sourcePorts = arr(match.source_ports).map(String);
  if (sourcePorts.length) parts.push(`source port ${sourcePorts.join(', ')}`);
  const sourceType = str(match.source_type);
  if (sourceType && sourceType !== 'ANY') parts.push(`source type ${sourceType}`);
  const transport = str(match.transport_protocol);
  if (transport) parts.push(transport === 'tls' ? 'TLS' : transport === 'raw_buffer' ? 'plaintext' : `transport ${transport}`);
  const sni = arr(match.server_names).map(String);
  if (sni.length) parts.push(`SNI ${sni.join(', ')}`);
  const alpn = arr(match.application_protocols).map(String);
  if (alpn.length) parts.push(`ALPN ${alpn.join(', ')}`);
  return parts;
}

export function filterChainMatchSummary(match: JsonObject | undefined): string {
  const parts = filterChainMatchParts(match);
  return parts.length ? parts.join(', ') : 'any connection';
}

const FILTER_SHORT_NAMES: Record<string, string> = {
  'envoy.filters.network.http_connection_manager': 'HTTP connection manager',
  'envoy.http_connection_manager': 'HTTP connection manager',
  'envoy.filters.network.tcp_proxy': 'TCP proxy',
  'envoy.tcp_proxy': 'TCP proxy',
};

/** Filters are identified by type URL since Envoy 1.22; the name is only a label. */
export function filterTypeName(filter: JsonObject): string | undefined {
  return shortTypeName(typedConfig(filter).typeUrl);
}

export function isHttpConnectionManager(filter: JsonObject): boolean {
  return filterTypeName(filter) === 'HttpConnectionManager' || str(filter.name) === 'envoy.filters.network.http_connection_manager';
}

export function isTcpProxy(filter: JsonObject): boolean {
  return filterTypeName(filter) === 'TcpProxy' || str(filter.name) === 'envoy.filters.network.tcp_proxy';
}

export function filterLabel(filter: JsonObject): string {
  const name = str(filter.name) ?? '(unnamed)';
  return FILTER_SHORT_NAMES[name] ? `${name} (${FILTER_SHORT_NAMES[name]})` : name;
}

/** Where an HCM gets its routes: RDS by name, inline, or scoped routes. */
export function hcmRouteSource(hcm: JsonObject): { kind: 'rds'; name: string } | { kind: 'inline'; config: JsonObject } | { kind: 'scoped' } | { kind: 'none' } {
  const rdsName = str(objAt(hcm, 'rds')?.route_config_name);
  if (rdsName !== undefined) return { kind: 'rds', name: rdsName };
  const inline = obj(hcm.route_config);
  if (inline) return { kind: 'inline', config: inline };
  if (obj(hcm.scoped_routes)) return { kind: 'scoped' };
  return { kind: 'none' };
}

/** The clusters a tcp_proxy sends to: one, or weighted. */
export function tcpProxyClusters(tcpProxy: JsonObject): { name: string; weight?: number }[] {
  const single = str(tcpProxy.cluster);
  if (single) return [{ name: single }];
  return objects(objAt(tcpProxy, 'weighted_clusters')?.clusters).map((entry) => ({ name: str(entry.name) ?? '?', weight: num(entry.weight) }));
}

export function clusterDiscoveryType(cluster: JsonObject): string {
  const custom = obj(cluster.cluster_type);
  if (custom) return str(custom.name) ?? 'custom';
  return str(cluster.type) ?? 'STATIC';
}

export function clusterLbPolicy(cluster: JsonObject): string {
  const policy = objects(objAt(cluster, 'load_balancing_policy')?.policies)[0];
  const extensionName = str(objAt(policy, 'typed_extension_config')?.name);
  if (extensionName) return extensionName.replace(/^envoy\.load_balancing_policies\./, '');
  return str(cluster.lb_policy) ?? 'ROUND_ROBIN';
}

export function clusterAggregateMembers(cluster: JsonObject): string[] {
  const custom = obj(cluster.cluster_type);
  if (!custom) return [];
  return arr(typedConfig(custom).config.clusters).map(String);
}

const CIRCUIT_BREAKER_FIELDS = ['max_connections', 'max_pending_requests', 'max_requests', 'max_retries'] as const;
/** Istio writes 2^32-1 to mean "no limit". */
const UNLIMITED = 4294967295;

export function circuitBreakerSummary(cluster: JsonObject): string | undefined {
  const thresholds = objects(objAt(cluster, 'circuit_breakers')?.thresholds);
  if (thresholds.length === 0) return undefined;
  const first = thresholds[0];
  const parts: string[] = [];
  for (const field of CIRCUIT_BREAKER_FIELDS) {
    const value = num(wrapped(first[field]));
    if (value === undefined) continue;
    parts.push(`${field.replace('max_', '')} ${value >= UNLIMITED ? 'unlimited' : value}`);
  }
  return parts.length ? parts.join(', ') : 'set';
}

export interface EndpointSummary {
  address: string;
  health: string;
  locality?: string;
  weight?: number;
  /** `filter_metadata` keys Istio uses to pick a transport socket, e.g. `tlsMode=istio`, `tunnel=http`. */
  socketMatch?: string;
  /** `envoy.filters.listener.original_dst` metadata: the address the tunnel will ask for. */
  originalDestination?: string;
  internalListener?: string;
}

export function localityText(locality: JsonObject | undefined): string | undefined {
  if (!locality) return undefined;
  const parts = [str(locality.region), str(locality.zone), str(locality.sub_zone)].filter((part): part is string => !!part);
  return parts.length ? parts.join('/') : undefined;
}

export function endpointSummaries(assignment: JsonObject): EndpointSummary[] {
  const summaries: EndpointSummary[] = [];
  for (const group of objects(assignment.endpoints)) {
    const locality = localityText(obj(group.locality));
    for (const lbEndpoint of objects(group.lb_endpoints)) {
      const endpoint = obj(lbEndpoint.endpoint);
      const address = obj(endpoint?.address);
      const filterMetadata = objAt(lbEndpoint, 'metadata', 'filter_metadata');
      const socketMatch = obj(filterMetadata?.['envoy.transport_socket_match']);
      const originalDst = obj(filterMetadata?.['envoy.filters.listener.original_dst']);
      summaries.push({
        address: formatAddress(address) ?? (str(lbEndpoint.endpoint_name) ? `named ${str(lbEndpoint.endpoint_name)}` : '?'),
        health: str(lbEndpoint.health_status) ?? 'UNKNOWN',
        locality,
        weight: num(wrapped(lbEndpoint.load_balancing_weight)),
        socketMatch: socketMatch ? Object.entries(socketMatch).map(([key, value]) => `${key}=${String(value)}`).join(', ') : undefined,
        originalDestination: originalDst ? str(originalDst.local) : undefined,
        internalListener: str(objAt(address, 'envoy_internal_address')?.server_listener_name),
      });
    }
  }
  return summaries;
}

export function endpointCountText(summaries: EndpointSummary[]): string {
  const healthy = summaries.filter((summary) => summary.health === 'HEALTHY' || summary.health === 'UNKNOWN').length;
  if (summaries.length === 0) return 'no endpoints';
  return healthy === summaries.length ? plural(summaries.length, 'endpoint') : `${plural(summaries.length, 'endpoint')}, ${healthy} healthy or unknown`;
}
