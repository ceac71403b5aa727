import type { JsonObject } from './types';
import { arr, obj, objAt, objects, shortTypeName, str, typedConfig } from './json';

/** One-line summaries of transport sockets: TLS (with Istio mTLS recognised), internal_upstream, plaintext. */

export interface TransportSocketSummary {
  kind: 'tls-upstream' | 'tls-downstream' | 'internal-upstream' | 'plaintext' | 'other';
  text: string;
  istioMtls?: boolean;
  sni?: string;
  alpn?: string[];
  /** For internal_upstream: the socket it wraps. */
  inner?: TransportSocketSummary;
}

function sdsNames(configs: unknown): string[] {
  return objects(configs).map((config) => str(config.name) ?? '?');
}

/** Istio's workload certificate is the SDS secret `default`, its trust root `ROOTCA`, and identities are SPIFFE. */
function looksLikeIstioMtls(common: JsonObject): boolean {
  const certs = sdsNames(common.tls_certificate_sds_secret_configs);
  const validation = objAt(common, 'combined_validation_context');
  const rootName = str(objAt(validation, 'validation_context_sds_secret_config')?.name) ?? str(objAt(common, 'validation_context_sds_secret_config')?.name);
  const sans = spiffeIdentities(common);
  return certs.includes('default') && (rootName === 'ROOTCA' || sans.some((san) => san.startsWith('spiffe://')));
}

/** Expected peer identities, from `match_subject_alt_names` or the newer `match_typed_subject_alt_names`. */
function spiffeIdentities(common: JsonObject): string[] {
  const validation = objAt(common, 'combined_validation_context', 'default_validation_context') ?? objAt(common, 'validation_context');
  const matchers = [
    ...objects(validation?.match_subject_alt_names),
    ...objects(validation?.match_typed_subject_alt_names).map((typed) => obj(typed.matcher) ?? {}),
  ];
  return matchers
    .map((matcher) => str(matcher.exact) ?? (str(matcher.prefix) ? `${str(matcher.prefix)}*` : undefined))
    .filter((san): san is string => !!san);
}

export function summarizeTransportSocket(socket: JsonObject | undefined): TransportSocketSummary {
  if (!socket) return { kind: 'plaintext', text: 'plaintext (no transport socket)' };
  const { typeUrl, config } = typedConfig(socket);
  const type = shortTypeName(typeUrl) ?? '';
  const name = str(socket.name) ?? '';
  if (type === 'UpstreamTlsContext' || type === 'DownstreamTlsContext') return summarizeTls(type, config);
  if (type === 'InternalUpstreamTransport' || name === 'internal_upstream' || name === 'envoy.transport_sockets.internal_upstream') {
    const inner = summarizeTransportSocket(obj(config.transport_socket));
    const passed = objects(config.passthrough_metadata).map((entry) => str(entry.name) ?? '?');
    const passText = passed.length ? `, passing ${passed.join(', ')} metadata` : '';
    return {
      kind: 'internal-upstream',
      text: `internal_upstream: the connection goes to an internal listener inside this Envoy${passText}; inner socket ${inner.text}`,
      inner,
    };
  }
  if (type === 'RawBuffer' || name === 'envoy.transport_sockets.raw_buffer' || name === 'raw_buffer') {
    return { kind: 'plaintext', text: 'plaintext (raw_buffer)' };
  }
  if (type === 'UpstreamProxyProtocol') {
    const inner = summarizeTransportSocket(obj(config.transport_socket));
    return { kind: inner.kind, text: `PROXY protocol header, then ${inner.text}`, inner, istioMtls: inner.istioMtls, sni: inner.sni, alpn: inner.alpn };
  }
  return { kind: 'other', text: `${name || type || 'unknown'} transport socket` };
}

function summarizeTls(type: string, context: JsonObject): TransportSocketSummary {
  const common = obj(context.common_tls_context) ?? {};
  const alpn = arr(common.alpn_protocols).map(String);
  const istio = looksLikeIstioMtls(common);
  const parts: string[] = [];
  if (type === 'UpstreamTlsContext') {
    const sni = str(context.sni);
    parts.push(istio ? 'Istio mTLS (workload certificate from SDS "default", trust root "ROOTCA")' : 'TLS');
    if (sni) parts.push(`SNI ${sni}`);
    if (alpn.length) parts.push(`ALPN ${alpn.join(', ')}`);
    const identities = spiffeIdentities(common);
    if (identities.length) parts.push(`expects identity ${identities.slice(0, 3).join(', ')}${identities.length > 3 ? ` (+${identities.length - 3})` : ''}`);
    if (!istio) {
      const certs = sdsNames(common.tls_certificate_sds_secret_configs);
      if (certs.length) parts.push(`client certificate ${certs.join(', ')}`);
    }
    return { kind: 'tls-upstream', text: parts.join('; '), istioMtls: istio, sni, alpn };
  }
  const requireClient = obj(context.require_client_certificate)?.value ?? context.require_client_certificate;
  parts.push(istio ? 'terminates Istio mTLS' : requireClient === true ? 'terminates mutual TLS (client certificate required)' : 'terminates TLS');
  const certs = sdsNames(common.tls_certificate_sds_secret_configs);
  if (certs.length) parts.push(`certificate from SDS ${certs.join(', ')}`);
  const inlineCerts = objects(common.tls_certificates).length;
  if (inlineCerts) parts.push(`${inlineCerts} inline certificate(s)`);
  if (alpn.length) parts.push(`ALPN ${alpn.join(', ')}`);
  return { kind: 'tls-downstream', text: parts.join('; '), istioMtls: istio, alpn };
}

export interface SocketMatchSummary {
  name: string;
  /** `tlsMode=istio`, `tunnel=http`, or empty for the catch-all. */
  match: string;
  socket: TransportSocketSummary;
}

/** Per-endpoint socket choice: each entry applies to endpoints whose `envoy.transport_socket_match` metadata matches. */
export function summarizeSocketMatches(cluster: JsonObject): SocketMatchSummary[] {
  return objects(cluster.transport_socket_matches).map((entry) => {
    const match = obj(entry.match) ?? {};
    return {
      name: str(entry.name) ?? '',
      match: Object.entries(match).map(([key, value]) => `${key}=${String(value)}`).join(', '),
      socket: summarizeTransportSocket(obj(entry.transport_socket)),
    };
  });
}
