import type { JsonObject } from '../dump/types';
import { arr, obj, objAt, objects, shortTypeName, str, typedConfig } from '../dump/json';
import { describeIstioFilter } from '../istio/names';

/** One line about what a listener, network or HTTP filter does, keyed by its config type (names are only labels). */

const LISTENER_FILTERS: Record<string, string> = {
  TlsInspector: 'reads the TLS ClientHello so chains can match on SNI and ALPN (and on "tls" vs plaintext)',
  HttpInspector: 'sniffs plaintext HTTP/1.x or h2c so chains can match on ALPN http/1.1 or h2c',
  OriginalDst: 'restores the original destination address (iptables REDIRECT, or internal-listener metadata) so chains and ORIGINAL_DST clusters see it',
  ProxyProtocol: 'reads a PROXY protocol header and uses the client address it carries',
  OriginalSrc: 'makes upstream connections from the original client address',
  LocalRateLimit: 'rate-limits new connections before any chain is chosen',
};

export function describeListenerFilter(filter: JsonObject): string {
  const type = shortTypeName(typedConfig(filter).typeUrl) ?? '';
  const base = LISTENER_FILTERS[type] ?? describeIstioFilter(str(filter.name) ?? '') ?? 'listener filter';
  const disabled = obj(filter.filter_disabled);
  if (!disabled) return base;
  const range = objAt(disabled, 'destination_port_range');
  const skip = range ? `skipped for destination ports ${String(range.start)}–${Number(range.end) - 1}` : 'skipped when filter_disabled matches';
  return `${base}; ${skip}`;
}

/** Filters whose name says more than their config type (Istio reuses generic types for specific jobs). */
const FILTERS_BY_NAME: Record<string, string> = {
  'envoy.filters.http.grpc_stats': 'gRPC statistics',
  'envoy.filters.http.set_filter_state': 'sets filter state from request values',
  connect_authority: 'records the CONNECT :authority (original destination) and peer identities for the inner stream',
};

const NETWORK_FILTERS: Record<string, string> = {
  HttpConnectionManager: 'HTTP connection manager: parses HTTP and runs the HTTP filters and routes below',
  TcpProxy: 'TCP proxy: forwards the byte stream to a cluster',
  RBAC: 'RBAC: allows or denies the connection by peer identity, IP and port (Istio AuthorizationPolicy for TCP)',
  MetadataExchange: 'Istio metadata exchange: learns the peer workload for telemetry',
  RedisProxy: 'Redis proxy',
  MongoProxy: 'MongoDB proxy (stats and fault injection)',
  MySQLProxy: 'MySQL proxy (stats)',
  ExtAuthz: 'external authorisation for the connection',
  LocalRateLimit: 'local connection rate limit',
  RateLimit: 'global connection rate limit',
  SniCluster: 'picks the cluster named by the TLS SNI',
  SniDynamicForwardProxy: 'dynamic forward proxy by SNI',
  ConnectionLimit: 'limits concurrent connections',
  DirectResponse: 'answers with fixed bytes and closes',
  Echo: 'echoes the bytes back',
};

export function describeNetworkFilter(filter: JsonObject): string {
  const { typeUrl, config } = typedConfig(filter);
  const type = shortTypeName(typeUrl) ?? '';
  const byName = FILTERS_BY_NAME[str(filter.name) ?? ''];
  if (byName) return byName;
  if (typeUrl?.includes('.set_filter_state.')) return 'sets filter state from connection values';
  const istio = describeIstioFilter(str(filter.name) ?? '');
  if (type === 'RBAC') {
    const action = str(objAt(config, 'rules')?.action) ?? (obj(config.shadow_rules) ? 'shadow' : 'ALLOW');
    const policies = Object.keys(objAt(config, 'rules', 'policies') ?? {}).length;
    return `RBAC (${action}, ${policies} polic${policies === 1 ? 'y' : 'ies'}): allows or denies the connection by peer identity, IP and port`;
  }
  return NETWORK_FILTERS[type] ?? istio ?? (type ? `${type} filter` : 'network filter');
}

const HTTP_FILTERS: Record<string, string> = {
  Router: 'router: sends the request upstream per the route (must be last)',
  RBAC: 'RBAC: Istio AuthorizationPolicy for HTTP',
  Fault: 'fault injection (delays and aborts from VirtualService fault)',
  Cors: 'CORS handling (VirtualService corsPolicy)',
  Lua: 'Lua script',
  Wasm: 'Wasm plugin',
  ExtAuthz: 'external authorisation (ext_authz)',
  JwtAuthentication: 'JWT validation (Istio RequestAuthentication)',
  LocalRateLimit: 'local rate limit',
  RateLimit: 'global rate limit',
  Compressor: 'response compression',
  Buffer: 'buffers whole requests',
  HealthCheck: 'answers health checks',
  GrpcWeb: 'gRPC-Web translation',
  GrpcJsonTranscoder: 'gRPC-JSON transcoding',
  HeaderToMetadata: 'copies headers to metadata',
  CsrfPolicy: 'CSRF checks',
  HTTPFault: 'fault injection (delays and aborts from VirtualService fault)',
  Tap: 'traffic tap',
  OAuth2: 'OAuth2 login',
  Composite: 'composite filter (delegates per match)',
  ExtProc: 'external processing (ext_proc)',
};

export function describeHttpFilter(filter: JsonObject): string {
  const name = str(filter.name) ?? '';
  const type = shortTypeName(typedConfig(filter).typeUrl) ?? '';
  const bySetFilterState = typedConfig(filter).typeUrl?.includes('.set_filter_state.') ? 'sets filter state from request values' : undefined;
  const known = FILTERS_BY_NAME[name] ?? describeIstioFilter(name) ?? bySetFilterState ?? HTTP_FILTERS[type] ?? (type ? `${type}` : 'HTTP filter');
  if (filter.is_optional === true) return `${known} (optional)`;
  if (filter.disabled === true) return `${known} (disabled unless a route enables it)`;
  if (obj(filter.config_discovery)) return `${known}; config from ECDS (${arr(objAt(filter, 'config_discovery')?.type_urls).length} allowed types)`;
  return known;
}

/** The HTTP filters of an HCM with the ones a route config could disable. */
export function httpFilters(hcm: JsonObject): JsonObject[] {
  return objects(hcm.http_filters);
}
