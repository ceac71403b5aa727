/**
 * Which .proto file declares a message or enum, for links to its page on envoyproxy.io. The generated model does
 * not record files, so most names follow one of two layouts (an extension package has one file named after the
 * package; elsewhere a top-level message lives in its snake_case file) and the ones that do not are listed here,
 * per package without the `envoy.` prefix, as file: top-level names.
 */
const irregularFiles: Record<string, Record<string, string>> = {
  'admin.v3': { certs: 'Certificates Certificate CertificateDetails SubjectAlternateName', clusters: 'ClusterStatus HostStatus HostHealthStatus', config_dump: 'BootstrapConfigDump SecretsConfigDump', config_dump_shared: 'ClientResourceStatus UpdateFailureState ListenersConfigDump ClustersConfigDump RoutesConfigDump ScopedRoutesConfigDump EndpointsConfigDump EcdsConfigDump', init_dump: 'UnreadyTargetsDumps', listeners: 'ListenerStatus', metrics: 'SimpleMetric', server_info: 'CommandLineOptions', tap: 'TapRequest' },
  'config.accesslog.v3': { accesslog: 'AccessLog AccessLogFilter ComparisonFilter StatusCodeFilter DurationFilter NotHealthCheckFilter TraceableFilter RuntimeFilter AndFilter OrFilter HeaderFilter ResponseFlagFilter GrpcStatusFilter MetadataFilter LogTypeFilter ExtensionFilter' },
  'config.bootstrap.v3': { bootstrap: 'Admin ClusterManager Watchdogs Watchdog FatalAction Runtime RuntimeLayer LayeredRuntime CustomInlineHeader MemoryAllocatorManager' },
  'config.cluster.v3': { circuit_breaker: 'CircuitBreakers', cluster: 'ClusterCollection LoadBalancingPolicy UpstreamConnectionOptions TrackClusterStats' },
  'config.common.key_value.v3': { config: 'KeyValueStoreConfig' },
  'config.common.matcher.v3': { matcher: 'MatchPredicate HttpHeadersMatch HttpGenericBodyMatch' },
  'config.common.mutation_rules.v3': { mutation_rules: 'HeaderMutationRules HeaderMutation' },
  'config.core.v3': { address: 'Pipe EnvoyInternalAddress SocketAddress TcpKeepalive ExtraSourceAddress BindConfig CidrRange', backoff: 'BackoffStrategy', base: 'RoutingPriority RequestMethod TrafficDirection Locality BuildVersion Extension Node Metadata RuntimeUInt32 RuntimePercent RuntimeDouble RuntimeFeatureFlag KeyValue KeyValueAppend KeyValueMutation QueryParameter HeaderValue HeaderValueOption HeaderMap WatchedDirectory DataSource RetryPolicy RemoteDataSource AsyncDataSource TransportSocket RuntimeFractionalPercent ControlPlane', config_source: 'ApiVersion ApiConfigSource AggregatedConfigSource SelfConfigSource RateLimitSettings PathConfigSource ExtensionConfigSource', extension: 'TypedExtensionConfig', health_check: 'HealthStatus HealthStatusSet', protocol: 'TcpProtocolOptions QuicKeepAliveSettings QuicProtocolOptions UpstreamHttpProtocolOptions AlternateProtocolsCacheOptions HttpProtocolOptions Http1ProtocolOptions KeepaliveSettings Http2ProtocolOptions GrpcProtocolOptions Http3ProtocolOptions SchemeHeaderTransformation', proxy_protocol: 'ProxyProtocolPassThroughTLVs ProxyProtocolConfig', resolver: 'DnsResolverOptions DnsResolutionConfig', socket_option: 'SocketOptionsOverride', substitution_format_string: 'JsonFormatOptions' },
  'config.endpoint.v3': { endpoint: 'ClusterLoadAssignment', endpoint_components: 'Endpoint LbEndpoint LedsClusterLocalityConfig LocalityLbEndpoints', load_report: 'UpstreamLocalityStats UpstreamEndpointStats EndpointLoadMetricStats UnnamedEndpointLoadMetricStats ClusterStats' },
  'config.grpc_credential.v3': { aws_iam: 'AwsIamConfig', file_based_metadata: 'FileBasedMetadataConfig' },
  'config.listener.v3': { listener: 'AdditionalAddress ListenerCollection ListenerManager ValidationListenerManager ApiListenerManager', listener_components: 'Filter FilterChainMatch FilterChain ListenerFilterChainMatchPredicate ListenerFilter', quic_config: 'QuicProtocolOptions', udp_listener_config: 'ActiveRawUdpListenerConfig' },
  'config.metrics.v3': { metrics_service: 'HistogramEmitMode MetricsServiceConfig', stats: 'StatsSink StatsConfig StatsMatcher TagSpecifier HistogramBucketSettings StatsdSink DogStatsdSink HystrixSink' },
  'config.overload.v3': { overload: 'ResourceMonitor ThresholdTrigger ScaledTrigger Trigger ScaleTimersOverloadActionConfig OverloadAction LoadShedPoint BufferFactoryConfig OverloadManager' },
  'config.ratelimit.v3': { rls: 'RateLimitServiceConfig' },
  'config.rbac.v3': { rbac: 'RBAC Policy Permission Principal Action' },
  'config.route.v3': { route: 'RouteConfiguration Vhds', route_components: 'VirtualHost FilterAction RouteList Route WeightedCluster ClusterSpecifierPlugin RouteMatch CorsPolicy RouteAction RetryPolicy HedgePolicy RedirectAction DirectResponseAction NonForwardingAction Decorator Tracing VirtualCluster RateLimit HeaderMatcher QueryParameterMatcher InternalRedirectPolicy FilterConfig', scoped_route: 'ScopedRouteConfiguration' },
  'config.tap.v3': { common: 'TapConfig MatchPredicate HttpHeadersMatch HttpGenericBodyMatch OutputConfig OutputSink StreamingAdminSink BufferedAdminSink FilePerTapSink StreamingGrpcSink' },
  'config.trace.v3': { datadog: 'DatadogRemoteConfig DatadogConfig', dynamic_ot: 'DynamicOtConfig', http_tracer: 'Tracing', lightstep: 'LightstepConfig', opencensus: 'OpenCensusConfig', opentelemetry: 'OpenTelemetryConfig', service: 'TraceServiceConfig', skywalking: 'SkyWalkingConfig ClientConfig', xray: 'XRayConfig', zipkin: 'ZipkinConfig' },
  'extensions.access_loggers.grpc.v3': { als: 'HttpGrpcAccessLogConfig TcpGrpcAccessLogConfig CommonGrpcAccessLogConfig' },
  'extensions.access_loggers.open_telemetry.v3': { logs_service: 'OpenTelemetryAccessLogConfig' },
  'extensions.clusters.aggregate.v3': { cluster: 'ClusterConfig' },
  'extensions.clusters.dynamic_forward_proxy.v3': { cluster: 'ClusterConfig SubClustersConfig' },
  'extensions.clusters.redis.v3': { redis_cluster: 'RedisClusterConfig' },
  'extensions.common.async_files.v3': { async_file_manager: 'AsyncFileManagerConfig' },
  'extensions.common.dynamic_forward_proxy.v3': { dns_cache: 'DnsCacheCircuitBreakers DnsCacheConfig' },
  'extensions.common.matching.v3': { extension_matcher: 'ExtensionWithMatcher ExtensionWithMatcherPerRoute' },
  'extensions.common.tap.v3': { common: 'CommonExtensionConfig AdminConfig' },
  'extensions.compression.brotli.compressor.v3': { brotli: 'Brotli' },
  'extensions.compression.brotli.decompressor.v3': { brotli: 'Brotli' },
  'extensions.compression.gzip.compressor.v3': { gzip: 'Gzip' },
  'extensions.compression.gzip.decompressor.v3': { gzip: 'Gzip' },
  'extensions.compression.zstd.compressor.v3': { zstd: 'Zstd' },
  'extensions.compression.zstd.decompressor.v3': { zstd: 'Zstd' },
  'extensions.early_data.v3': { default_early_data_policy: 'DefaultEarlyDataPolicy' },
  'extensions.filters.common.matcher.action.v3': { skip_action: 'SkipFilter' },
  'extensions.filters.common.set_filter_state.v3': { value: 'FilterStateValue' },
  'extensions.filters.http.connect_grpc_bridge.v3': { config: 'FilterConfig' },
  'extensions.filters.http.ext_proc.v3': { processing_mode: 'ProcessingMode' },
  'extensions.filters.http.grpc_field_extraction.v3': { config: 'GrpcFieldExtractionConfig FieldExtractions RequestFieldValueDisposition' },
  'extensions.filters.http.grpc_http1_bridge.v3': { config: 'Config' },
  'extensions.filters.http.grpc_http1_reverse_bridge.v3': { config: 'FilterConfig FilterConfigPerRoute' },
  'extensions.filters.http.grpc_json_transcoder.v3': { transcoder: 'GrpcJsonTranscoder UnknownQueryParams' },
  'extensions.filters.http.grpc_stats.v3': { config: 'FilterConfig FilterObject' },
  'extensions.filters.http.jwt_authn.v3': { config: 'JwtProvider JwtCacheConfig RemoteJwks JwksAsyncFetch JwtHeader ProviderWithAudiences JwtRequirement JwtRequirementOrList JwtRequirementAndList RequirementRule FilterStateRule JwtAuthentication PerRouteConfig JwtClaimToHeader' },
  'extensions.filters.http.local_ratelimit.v3': { local_rate_limit: 'LocalRateLimit' },
  'extensions.filters.http.oauth2.v3': { oauth: 'OAuth2Credentials OAuth2Config OAuth2' },
  'extensions.filters.http.proto_message_logging.v3': { config: 'ProtoMessageLoggingConfig MethodLogging' },
  'extensions.filters.http.ratelimit.v3': { rate_limit: 'RateLimit RateLimitConfig RateLimitPerRoute' },
  'extensions.filters.network.direct_response.v3': { config: 'Config' },
  'extensions.filters.network.dubbo_proxy.v3': { route: 'RouteConfiguration Route RouteMatch RouteAction MethodMatch MultipleRouteConfiguration' },
  'extensions.filters.network.local_ratelimit.v3': { local_rate_limit: 'LocalRateLimit' },
  'extensions.filters.network.ratelimit.v3': { rate_limit: 'RateLimit' },
  'extensions.filters.network.thrift_proxy.filters.ratelimit.v3': { rate_limit: 'RateLimit' },
  'extensions.filters.network.thrift_proxy.v3': { route: 'RouteConfiguration Route RouteMatch RouteAction WeightedCluster' },
  'extensions.filters.udp.udp_proxy.v3': { route: 'Route' },
  'extensions.http.cache.simple_http_cache.v3': { config: 'SimpleHttpCacheConfig' },
  'extensions.http.header_validators.envoy_default.v3': { header_validator: 'HeaderValidatorConfig' },
  'extensions.internal_redirect.allow_listed_routes.v3': { allow_listed_routes_config: 'AllowListedRoutesConfig' },
  'extensions.internal_redirect.previous_routes.v3': { previous_routes_config: 'PreviousRoutesConfig' },
  'extensions.internal_redirect.safe_cross_scheme.v3': { safe_cross_scheme_config: 'SafeCrossSchemeConfig' },
  'extensions.key_value.file_based.v3': { config: 'FileBasedKeyValueStoreConfig' },
  'extensions.matching.common_inputs.environment_variable.v3': { input: 'Config' },
  'extensions.matching.common_inputs.network.v3': { network_inputs: 'DestinationIPInput DestinationPortInput SourceIPInput SourcePortInput DirectSourceIPInput SourceTypeInput ServerNameInput TransportProtocolInput ApplicationProtocolInput FilterStateInput' },
  'extensions.matching.common_inputs.ssl.v3': { ssl_inputs: 'UriSanInput DnsSanInput SubjectInput' },
  'extensions.network.dns_resolver.apple.v3': { apple_dns_resolver: 'AppleDnsResolverConfig' },
  'extensions.network.dns_resolver.cares.v3': { cares_dns_resolver: 'CaresDnsResolverConfig' },
  'extensions.network.dns_resolver.getaddrinfo.v3': { getaddrinfo_dns_resolver: 'GetAddrInfoDnsResolverConfig' },
  'extensions.network.socket_interface.v3': { default_socket_interface: 'DefaultSocketInterface' },
  'extensions.outlier_detection_monitors.common.v3': { error_types: 'HttpErrors LocalOriginErrors DatabaseErrors ErrorBuckets' },
  'extensions.path.match.uri_template.v3': { uri_template_match: 'UriTemplateMatchConfig' },
  'extensions.path.rewrite.uri_template.v3': { uri_template_rewrite: 'UriTemplateRewriteConfig' },
  'extensions.quic.connection_debug_visitor.v3': { connection_debug_visitor_basic: 'BasicConfig' },
  'extensions.quic.connection_id_generator.v3': { envoy_deterministic_connection_id_generator: 'DeterministicConnectionIdGeneratorConfig' },
  'extensions.quic.server_preferred_address.v3': { datasource: 'DataSourceServerPreferredAddressConfig', fixed_server_preferred_address_config: 'FixedServerPreferredAddressConfig' },
  'extensions.rbac.matchers.upstream_ip_port.v3': { upstream_ip_port_matcher: 'UpstreamIpPortMatcher' },
  'extensions.regex_engines.v3': { google_re2: 'GoogleRE2' },
  'extensions.retry.host.omit_host_metadata.v3': { omit_host_metadata_config: 'OmitHostMetadataConfig' },
  'extensions.retry.priority.previous_priorities.v3': { previous_priorities_config: 'PreviousPrioritiesConfig' },
  'extensions.tracers.opentelemetry.resource_detectors.v3': { dynatrace_resource_detector: 'DynatraceResourceDetectorConfig', environment_resource_detector: 'EnvironmentResourceDetectorConfig', static_config_resource_detector: 'StaticConfigResourceDetectorConfig' },
  'extensions.tracers.opentelemetry.samplers.v3': { always_on_sampler: 'AlwaysOnSamplerConfig', dynatrace_sampler: 'DynatraceSamplerConfig' },
  'extensions.transport_sockets.http_11_proxy.v3': { upstream_http_11_connect: 'Http11ProxyUpstreamTransport' },
  'extensions.transport_sockets.proxy_protocol.v3': { upstream_proxy_protocol: 'ProxyProtocolUpstreamTransport' },
  'extensions.transport_sockets.quic.v3': { quic_transport: 'QuicDownstreamTransport QuicUpstreamTransport' },
  'extensions.transport_sockets.tls.v3': { common: 'TlsParameters PrivateKeyProvider TlsCertificate TlsSessionTicketKeys CertificateProviderPluginInstance SubjectAltNameMatcher CertificateValidationContext', secret: 'GenericSecret SdsSecretConfig Secret', tls_spiffe_validator_config: 'SPIFFECertValidatorConfig' },
  'extensions.udp_packet_writer.v3': { udp_default_writer_factory: 'UdpDefaultWriterFactory', udp_gso_batch_writer_factory: 'UdpGsoBatchWriterFactory' },
  'extensions.upstreams.http.generic.v3': { generic_connection_pool: 'GenericConnectionPoolProto' },
  'extensions.upstreams.http.http.v3': { http_connection_pool: 'HttpConnectionPoolProto' },
  'extensions.upstreams.http.tcp.v3': { tcp_connection_pool: 'TcpConnectionPoolProto' },
  'extensions.upstreams.http.udp.v3': { udp_connection_pool: 'UdpConnectionPoolProto' },
  'extensions.upstreams.http.v3': { http_protocol_options: 'HttpProtocolOptions' },
  'extensions.upstreams.tcp.generic.v3': { generic_connection_pool: 'GenericConnectionPoolProto' },
  'extensions.upstreams.tcp.v3': { tcp_protocol_options: 'TcpProtocolOptions' },
  'type.matcher.v3': { filter_state: 'FilterStateMatcher', http_inputs: 'HttpRequestHeaderMatchInput HttpRequestTrailerMatchInput HttpResponseHeaderMatchInput HttpResponseTrailerMatchInput HttpRequestQueryParamMatchInput', metadata: 'MetadataMatcher', node: 'NodeMatcher', number: 'DoubleMatcher', path: 'PathMatcher', regex: 'RegexMatcher RegexMatchAndSubstitute', status_code_input: 'HttpResponseStatusCodeMatchInput HttpResponseStatusCodeClassMatchInput', string: 'StringMatcher ListStringMatcher', struct: 'StructMatcher', value: 'ValueMatcher ListMatcher OrMatcher' },
  'type.metadata.v3': { metadata: 'MetadataKey MetadataKind' },
  'type.v3': { http: 'CodecClientType', http_status: 'StatusCode', percent: 'FractionalPercent', range: 'Int64Range Int32Range DoubleRange', ratelimit_strategy: 'RateLimitStrategy', ratelimit_unit: 'RateLimitUnit' },
};

let fileByTopLevelName: Map<string, string> | undefined;

function irregularFileOf(packageName: string, topLevelName: string): string | undefined {
  if (!fileByTopLevelName) {
    fileByTopLevelName = new Map();
    for (const [pkg, files] of Object.entries(irregularFiles)) {
      for (const [file, names] of Object.entries(files)) {
        for (const name of names.split(' ')) fileByTopLevelName.set(`${pkg}.${name}`, file);
      }
    }
  }
  return fileByTopLevelName.get(`${packageName}.${topLevelName}`);
}

function snakeCase(name: string): string {
  return name.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
}

/**
 * `config.cluster.v3` + `Cluster` → `config/cluster/v3/cluster.proto`. The package is given without `envoy.`;
 * `topLevelName` is the outermost message or enum of a possibly nested name.
 */
export function protoFileOf(packageName: string, topLevelName: string): string {
  const irregular = irregularFileOf(packageName, topLevelName);
  const segments = packageName.split('.');
  const dir = segments.join('/');
  if (irregular) return `${dir}/${irregular}.proto`;
  if (packageName.startsWith('extensions.') && segments.length >= 2) return `${dir}/${segments[segments.length - 2]}.proto`;
  return `${dir}/${snakeCase(topLevelName)}.proto`;
}
