/**
 * Extension names Envoy deprecated (and, since 1.20, stopped accepting) with their canonical replacements.
 * Istio generates only canonical names, so an EnvoyFilter that matches a deprecated one matches nothing.
 */
export const deprecatedExtensionNames: Record<string, string> = {
  'envoy.http_connection_manager': 'envoy.filters.network.http_connection_manager',
  'envoy.tcp_proxy': 'envoy.filters.network.tcp_proxy',
  'envoy.router': 'envoy.filters.http.router',
  'envoy.lua': 'envoy.filters.http.lua',
  'envoy.ext_authz': 'envoy.filters.http.ext_authz',
  'envoy.cors': 'envoy.filters.http.cors',
  'envoy.fault': 'envoy.filters.http.fault',
  'envoy.buffer': 'envoy.filters.http.buffer',
  'envoy.gzip': 'envoy.filters.http.gzip',
  'envoy.health_check': 'envoy.filters.http.health_check',
  'envoy.rate_limit': 'envoy.filters.http.ratelimit',
  'envoy.ratelimit': 'envoy.filters.network.ratelimit',
  'envoy.grpc_web': 'envoy.filters.http.grpc_web',
  'envoy.grpc_json_transcoder': 'envoy.filters.http.grpc_json_transcoder',
  'envoy.grpc_http1_bridge': 'envoy.filters.http.grpc_http1_bridge',
  'envoy.ip_tagging': 'envoy.filters.http.ip_tagging',
  'envoy.csrf': 'envoy.filters.http.csrf',
  'envoy.dynamo': 'envoy.filters.http.dynamo',
  'envoy.squash': 'envoy.filters.http.squash',
  'envoy.mongo_proxy': 'envoy.filters.network.mongo_proxy',
  'envoy.redis_proxy': 'envoy.filters.network.redis_proxy',
  'envoy.client_ssl_auth': 'envoy.filters.network.client_ssl_auth',
  'envoy.echo': 'envoy.filters.network.echo',
  'envoy.listener.tls_inspector': 'envoy.filters.listener.tls_inspector',
  'envoy.listener.original_dst': 'envoy.filters.listener.original_dst',
  'envoy.listener.original_src': 'envoy.filters.listener.original_src',
  'envoy.listener.proxy_protocol': 'envoy.filters.listener.proxy_protocol',
  'envoy.listener.http_inspector': 'envoy.filters.listener.http_inspector',
  'envoy.file_access_log': 'envoy.access_loggers.file',
  'envoy.http_grpc_access_log': 'envoy.access_loggers.http_grpc',
  'envoy.tcp_grpc_access_log': 'envoy.access_loggers.tcp_grpc',
  'envoy.zipkin': 'envoy.tracers.zipkin',
  'envoy.statsd': 'envoy.stat_sinks.statsd',
  'envoy.dog_statsd': 'envoy.stat_sinks.dog_statsd',
  'envoy.stat_sinks.metrics_service': 'envoy.stat_sinks.metrics_service',
  'tls': 'envoy.transport_sockets.tls',
  'raw_buffer': 'envoy.transport_sockets.raw_buffer',
};

/** Network filters after which nothing may follow in a filter chain. */
export const terminalNetworkFilterTypes = new Set([
  'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  'envoy.extensions.filters.network.redis_proxy.v3.RedisProxy',
  'envoy.extensions.filters.network.echo.v3.Echo',
  'envoy.extensions.filters.network.direct_response.v3.Config',
  'envoy.extensions.filters.network.thrift_proxy.v3.ThriftProxy',
  'envoy.extensions.filters.network.dubbo_proxy.v3.DubboProxy',
  'envoy.extensions.filters.network.generic_proxy.v3.GenericProxy',
]);

export const ROUTER_TYPE = 'envoy.extensions.filters.http.router.v3.Router';
export const HCM_TYPE = 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
