/**
 * Decoding of the names Istio gives to Envoy objects. Each function returns a short description, or undefined
 * when the name is not one Istio generates, so callers can fall back to Envoy-only wording.
 */

export type IstioDirection = 'outbound' | 'inbound' | 'inbound-vip';

export interface IstioClusterName {
  direction: IstioDirection;
  port: number;
  /** The DestinationRule subset; for `inbound-vip` clusters Istio puts the port's protocol name here. */
  subset: string;
  host: string;
  /** `outbound_.8080_.v1_.reviews…` is the SNI form used for AUTO_PASSTHROUGH gateways. */
  sniForm: boolean;
}

export function parseIstioClusterName(name: string): IstioClusterName | undefined {
  const pipe = /^(outbound|inbound|inbound-vip)\|(\d+)\|([^|]*)\|(.*)$/.exec(name);
  if (pipe) {
    return { direction: pipe[1] as IstioDirection, port: Number(pipe[2]), subset: pipe[3], host: pipe[4], sniForm: false };
  }
  const sni = /^(outbound|inbound)_\.(\d+)_\.([^_]*)_\.(.+)$/.exec(name);
  if (sni) return { direction: sni[1] as IstioDirection, port: Number(sni[2]), subset: sni[3], host: sni[4], sniForm: true };
  return undefined;
}

const WELL_KNOWN_CLUSTERS: Record<string, string> = {
  BlackHoleCluster: 'Istio black hole: connections are dropped (outbound traffic policy REGISTRY_ONLY, or traffic that would loop)',
  PassthroughCluster: 'Istio passthrough: forwards to the original destination address unchanged (outbound traffic policy ALLOW_ANY)',
  InboundPassthroughCluster: 'Istio inbound passthrough: forwards inbound traffic for ports no Service declares to the application as addressed',
  InboundPassthroughClusterIpv4: 'Istio inbound passthrough (IPv4): forwards inbound traffic for ports no Service declares to the application as addressed',
  InboundPassthroughClusterIpv6: 'Istio inbound passthrough (IPv6): forwards inbound traffic for ports no Service declares to the application as addressed',
  'xds-grpc': 'connection to istiod for xDS configuration (via the pilot-agent)',
  'sds-grpc': 'pilot-agent SDS socket: the workload certificate and root CA come from here',
  prometheus_stats: "Envoy's own admin endpoint, used to serve /stats/prometheus on port 15090",
  agent: 'the pilot-agent (127.0.0.1:15020), used for the 15021 readiness check',
  connect_originate: 'Istio ambient: ORIGINAL_DST cluster that opens the HBONE tunnel (mTLS + HTTP/2 CONNECT) to port 15008 of the destination',
  main_internal: 'Istio ambient waypoint: internal cluster leading to the main_internal listener',
  encap: 'Istio ambient: internal cluster that wraps traffic in an HBONE tunnel',
};

export function describeIstioCluster(name: string): string | undefined {
  const known = WELL_KNOWN_CLUSTERS[name];
  if (known) return known;
  const parsed = parseIstioClusterName(name);
  if (!parsed) return undefined;
  const subset = parsed.subset && parsed.direction !== 'inbound-vip' ? `, subset ${parsed.subset}` : '';
  switch (parsed.direction) {
    case 'outbound':
      return `Istio outbound cluster: service ${parsed.host || '(any)'} port ${parsed.port}${subset}`;
    case 'inbound':
      return `Istio inbound cluster: traffic for this workload on port ${parsed.port}${parsed.host ? ` (${parsed.host})` : ''}${subset}`;
    case 'inbound-vip':
      return `Istio waypoint cluster for service VIP ${parsed.host} port ${parsed.port}${parsed.subset ? ` (${parsed.subset})` : ''}`;
  }
}

const WELL_KNOWN_PORTS: Record<number, string> = {
  15000: 'Envoy admin (localhost only)',
  15001: 'Istio outbound capture (iptables redirects outbound traffic here)',
  15004: 'Istio debug',
  15006: 'Istio inbound capture (iptables redirects inbound traffic here)',
  15008: 'Istio HBONE tunnel (mTLS + HTTP/2 CONNECT)',
  15009: 'Istio HBONE (ztunnel, plaintext inside the node)',
  15010: 'istiod xDS (plaintext)',
  15012: 'istiod xDS and CA (mTLS)',
  15014: 'istiod monitoring',
  15017: 'istiod webhooks',
  15020: 'pilot-agent merged Prometheus telemetry',
  15021: 'Istio health checks (readiness)',
  15053: 'Istio DNS proxy',
  15090: 'Envoy Prometheus telemetry',
  15443: 'Istio multi-network / east-west gateway (SNI passthrough, AUTO_PASSTHROUGH)',
};

export function describeIstioPort(port: number): string | undefined {
  return WELL_KNOWN_PORTS[port];
}

const WELL_KNOWN_LISTENERS: Record<string, string> = {
  virtualOutbound:
    'Istio outbound capture listener (port 15001): takes every redirected outbound connection and, with use_original_dst, hands it to the listener for the original destination; unmatched traffic goes to the passthrough or black hole chain',
  virtualInbound:
    'Istio inbound capture listener (port 15006): every redirected inbound connection is matched here by destination port, TLS and ALPN',
  connect_originate:
    'Istio ambient internal listener that originates HBONE: tcp_proxy to port 15008 of the destination over mTLS + HTTP/2 CONNECT, with :authority set to the original destination',
  connect_terminate:
    'Istio ambient waypoint listener on port 15008: terminates HBONE (mTLS + HTTP/2 CONNECT) and passes the inner stream to main_internal',
  main_internal:
    'Istio ambient waypoint internal listener: receives tunnelled traffic from connect_terminate and picks a service (inbound-vip) filter chain by original destination IP and port',
};

/** `0.0.0.0_443` → address and port. */
export function parseListenerName(name: string): { address: string; port: number } | undefined {
  const match = /^(.+)_(\d+)$/.exec(name);
  if (!match) return undefined;
  const address = match[1];
  if (!/^[0-9.]+$/.test(address) && !address.includes(':')) return undefined;
  return { address, port: Number(match[2]) };
}

export function describeIstioListener(name: string, proxyType?: string): string | undefined {
  const known = WELL_KNOWN_LISTENERS[name];
  if (known) return known;
  const parsed = parseListenerName(name);
  if (!parsed) return undefined;
  const portNote = describeIstioPort(parsed.port);
  const wildcard = parsed.address === '0.0.0.0' || parsed.address === '::';
  let text: string;
  if (proxyType === 'router') {
    text = `Istio gateway listener on port ${parsed.port}`;
  } else if (wildcard) {
    text = `Istio listener for port ${parsed.port} on any address (typically HTTP services sharing the port; routes come from RDS "${parsed.port}")`;
  } else {
    text = `Istio outbound listener for ${parsed.address}:${parsed.port} (typically a TCP service or one with its own VIP)`;
  }
  return portNote ? `${text}; ${portNote}` : text;
}

/** Route configuration names: sidecar `8080`, gateway `http.80` / `https.443.<server>.<gateway>.<ns>`, inbound `inbound|8080||`. */
export function describeIstioRouteName(name: string): string | undefined {
  if (/^\d+$/.test(name)) return `Istio outbound routes for port ${name}: one virtual host per service on that port`;
  const gatewayHttp = /^http\.(\d+)$/.exec(name);
  if (gatewayHttp) return `Istio gateway routes for port ${gatewayHttp[1]}: the servers (hosts) sharing that port, merged into one route configuration`;
  const gatewayHttps = /^https\.(\d+)\.([^.]+)\.([^.]+)\.(.+)$/.exec(name);
  if (gatewayHttps) return `Istio gateway routes for HTTPS server "${gatewayHttps[2]}" of gateway ${gatewayHttps[4]}/${gatewayHttps[3]} on port ${gatewayHttps[1]}`;
  const inbound = /^inbound\|(\d+)\|/.exec(name);
  if (inbound) return `Istio inbound routes for this workload's port ${inbound[1]}`;
  if (name.startsWith('inbound-vip|')) return 'Istio waypoint routes for one service VIP';
  if (name === 'InboundPassthroughCluster' || name === 'InboundPassthroughClusterIpv4') return 'Istio inbound passthrough routes';
  return undefined;
}

const PROXY_TYPES: Record<string, string> = {
  sidecar: 'Istio sidecar proxy',
  router: 'Istio gateway (router)',
  waypoint: 'Istio ambient waypoint proxy',
  ztunnel: 'Istio ztunnel',
};

export function describeIstioProxyType(type: string | undefined): string | undefined {
  return type ? PROXY_TYPES[type] : undefined;
}

/** Istio filter names that are not Envoy extensions: what they do, in one line. */
const ISTIO_FILTERS: Record<string, string> = {
  'istio.metadata_exchange': 'Istio metadata exchange: learns the peer workload for telemetry',
  'istio.stats': 'Istio standard metrics',
  istio_authn: 'Istio authentication (peer identity from mTLS)',
  'istio.alpn': 'Istio ALPN override: tells the upstream TLS which HTTP version is in use',
  'istio.peer_metadata': 'Istio peer metadata discovery',
  waypoint_downstream_peer_metadata: 'Istio waypoint: learns the downstream peer',
  waypoint_upstream_peer_metadata: 'Istio waypoint: learns the upstream peer',
  'envoy.filters.http.peer_metadata': 'Istio peer metadata discovery',
  'istio.io/metadata_exchange': 'Istio metadata exchange',
};

export function describeIstioFilter(name: string): string | undefined {
  return ISTIO_FILTERS[name];
}
