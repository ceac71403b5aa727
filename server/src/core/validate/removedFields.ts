/**
 * What replaced fields that v3 removed (they are `reserved` in the API, which records only the name).
 * Keyed by `Message.field`; facts from Envoy's v2 → v3 migration.
 */
const advice: Record<string, string> = {
  'envoy.config.cluster.v3.Cluster.hosts': 'list endpoints under "load_assignment" (a ClusterLoadAssignment with endpoints → lb_endpoints → endpoint.address)',
  'envoy.config.cluster.v3.Cluster.tls_context':
    'use "transport_socket" with name envoy.transport_sockets.tls and typed_config of type envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
  'envoy.config.listener.v3.FilterChain.tls_context':
    'use "transport_socket" with name envoy.transport_sockets.tls and typed_config of type envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
  'envoy.config.listener.v3.Filter.config': 'use "typed_config" with the filter\'s v3 "@type"',
  'envoy.config.listener.v3.ListenerFilter.config': 'use "typed_config" with the filter\'s v3 "@type"',
  'envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter.config': 'use "typed_config" with the filter\'s v3 "@type"',
  'envoy.config.accesslog.v3.AccessLog.config': 'use "typed_config" with the access logger\'s v3 "@type"',
  'envoy.config.core.v3.TransportSocket.config': 'use "typed_config" with the transport socket\'s v3 "@type"',
  'envoy.config.route.v3.RouteAction.use_websocket': 'use "upgrade_configs" with upgrade_type: websocket on the route or the HTTP connection manager',
};

export function removedFieldAdvice(typeName: string, fieldName: string): string | undefined {
  return advice[`${typeName}.${fieldName}`] ?? (fieldName === 'config' ? 'use "typed_config" with a v3 "@type"' : undefined);
}
