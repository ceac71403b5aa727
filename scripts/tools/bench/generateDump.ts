/**
 * Writes an Istio-sidecar-shaped admin /config_dump of roughly a requested size: per service an EDS cluster with
 * istio mTLS transport_socket_matches and its ClusterLoadAssignment, a vhost in its port's route configuration, a
 * passthrough TCP listener for some; plus virtualOutbound/virtualInbound and the two SDS secrets.
 */

type Json = Record<string, unknown>;

const PORTS = [80, 8080, 9080, 15010, 3000, 5000, 7070];
const T = '2024-05-01T10:00:00Z/42';
const UPDATED = '2024-05-01T10:00:01.123Z';

const sds = (name: string): Json => ({
  name,
  sds_config: {
    api_config_source: { api_type: 'GRPC', transport_api_version: 'V3', grpc_services: [{ envoy_grpc: { cluster_name: 'sds-grpc' } }] },
    initial_fetch_timeout: '0s',
    resource_api_version: 'V3',
  },
});

function upstreamTls(host: string, port: number, ns: string, sa: string): Json {
  return {
    '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
    common_tls_context: {
      tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' },
      alpn_protocols: ['istio-peer-exchange', 'istio'],
      tls_certificate_sds_secret_configs: [sds('default')],
      combined_validation_context: {
        default_validation_context: { match_subject_alt_names: [{ exact: `spiffe://cluster.local/ns/${ns}/sa/${sa}` }] },
        validation_context_sds_secret_config: sds('ROOTCA'),
      },
    },
    sni: `outbound_.${port}_._.${host}`,
  };
}

function edsCluster(name: string, host: string, port: number, ns: string, sa: string): Json {
  return {
    version_info: T,
    cluster: {
      '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
      name,
      type: 'EDS',
      eds_cluster_config: { eds_config: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' }, service_name: name },
      connect_timeout: '10s',
      lb_policy: 'LEAST_REQUEST',
      circuit_breakers: { thresholds: [{ max_connections: 4294967295, max_pending_requests: 4294967295, max_requests: 4294967295, max_retries: 4294967295, track_remaining: true }] },
      common_lb_config: { locality_weighted_lb_config: {} },
      metadata: {
        filter_metadata: { istio: { services: [{ host, name: host.split('.')[0], namespace: ns }], default_original_port: port } },
      },
      filters: [{ name: 'istio.metadata_exchange', typed_config: { '@type': 'type.googleapis.com/envoy.tcp.metadataexchange.config.MetadataExchange', protocol: 'istio-peer-exchange' } }],
      transport_socket_matches: [
        { name: 'tlsMode-istio', match: { tlsMode: 'istio' }, transport_socket: { name: 'envoy.transport_sockets.tls', typed_config: upstreamTls(host, port, ns, sa) } },
        {
          name: 'tlsMode-disabled',
          match: {},
          transport_socket: { name: 'envoy.transport_sockets.raw_buffer', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer' } },
        },
      ],
    },
    last_updated: UPDATED,
  };
}

function loadAssignment(name: string, service: number, replicas: number): Json {
  const lbEndpoints = [];
  for (let r = 0; r < replicas; r++) {
    lbEndpoints.push({
      endpoint: { address: { socket_address: { address: `10.${(service >> 8) & 255}.${service & 255}.${10 + r}`, port_value: 8080 } }, health_check_config: {} },
      health_status: 'HEALTHY',
      metadata: { filter_metadata: { 'envoy.transport_socket_match': { tlsMode: 'istio' }, istio: { workload: `svc-${service}-v1;default;svc-${service};v1;Kubernetes` } } },
      load_balancing_weight: 1,
    });
  }
  return {
    endpoint_config: {
      '@type': 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
      cluster_name: name,
      endpoints: [{ locality: { region: 'us-east1', zone: 'us-east1-b' }, lb_endpoints: lbEndpoints, load_balancing_weight: replicas }],
      policy: { overprovisioning_factor: 140 },
    },
  };
}

const accessLog = [
  {
    name: 'envoy.access_loggers.file',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog',
      path: '/dev/stdout',
      log_format: { text_format_source: { inline_string: '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%" %RESPONSE_CODE%\n' } },
    },
  },
];

function hcm(statPrefix: string, routeName: string, direction: 'inbound' | 'outbound'): Json {
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
      stat_prefix: statPrefix,
      rds: { config_source: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' }, route_config_name: routeName },
      http_filters: [
        { name: 'istio.metadata_exchange', typed_config: { '@type': 'type.googleapis.com/udpa.type.v1.TypedStruct', type_url: 'type.googleapis.com/io.istio.http.peer_metadata.Config', value: { [direction === 'inbound' ? 'downstream_discovery' : 'upstream_discovery']: [{ istio_headers: {} }] } } },
        { name: 'envoy.filters.http.grpc_stats', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.grpc_stats.v3.FilterConfig', emit_filter_state: true, stats_for_all_methods: false } },
        { name: 'envoy.filters.http.fault', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault' } },
        { name: 'envoy.filters.http.cors', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors' } },
        { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
      ],
      tracing: { client_sampling: { value: 100 }, random_sampling: { value: 1 }, overall_sampling: { value: 100 } },
      access_log: accessLog,
      use_remote_address: false,
      upgrade_configs: [{ upgrade_type: 'websocket' }],
      stream_idle_timeout: '0s',
      normalize_path: true,
      request_id_extension: { typed_config: { '@type': 'type.googleapis.com/envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig', use_request_id_for_trace_sampling: true } },
      path_with_escaped_slashes_action: 'KEEP_UNCHANGED',
    },
  };
}

function tcpProxy(cluster: string): Json {
  return {
    name: 'envoy.filters.network.tcp_proxy',
    typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', stat_prefix: cluster, cluster, access_log: accessLog },
  };
}

function listener(name: string, body: Json): Json {
  return { name, active_state: { version_info: T, listener: { '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener', name, ...body }, last_updated: UPDATED } };
}

const addr = (address: string, port: number): Json => ({ socket_address: { address, port_value: port } });

function vhost(host: string, port: number, cluster: string): Json {
  return {
    name: `${host}:${port}`,
    domains: [`${host.split('.')[0]}.default.svc.cluster.local`, host.split('.')[0], `${host}:${port}`],
    routes: [
      {
        name: 'default',
        match: { prefix: '/' },
        route: {
          cluster,
          timeout: '0s',
          retry_policy: {
            retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
            num_retries: 2,
            retry_host_predicate: [{ name: 'envoy.retry_host_predicates.previous_hosts', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate' } }],
            host_selection_retry_max_attempts: '5',
            retriable_status_codes: [503],
          },
          max_grpc_timeout: '0s',
        },
        decorator: { operation: `${host}:${port}/*` },
      },
    ],
    include_request_attempt_count: true,
  };
}

export interface GeneratedDump {
  text: string;
  services: number;
  /** a cluster name that routes reference, for hover and definition probes */
  sampleCluster: string;
}

/** Builds the dump for `services` services; sizes scale about linearly (≈ 14 kB per service). */
export function generateDump(services: number): GeneratedDump {
  const clusters: Json[] = [];
  const endpoints: Json[] = [];
  const listeners: Json[] = [];
  const vhostsByPort = new Map<number, Json[]>();
  const outboundChains: Json[] = [];
  for (let s = 0; s < services; s++) {
    const ns = `ns-${s % 20}`;
    const host = `svc-${s}.${ns}.svc.cluster.local`;
    const port = PORTS[s % PORTS.length];
    const name = `outbound|${port}||${host}`;
    clusters.push(edsCluster(name, host, port, ns, `svc-${s}`));
    endpoints.push(loadAssignment(name, s, 1 + (s % 3)));
    if (!vhostsByPort.has(port)) vhostsByPort.set(port, []);
    vhostsByPort.get(port)!.push(vhost(host, port, name));
    if (s % 4 === 0) {
      const ip = `10.96.${(s >> 8) & 255}.${s & 255}`;
      listeners.push(listener(`${ip}_${port + 1}`, { address: addr(ip, port + 1), filter_chains: [{ filters: [tcpProxy(name)] }], traffic_direction: 'OUTBOUND', bind_to_port: false }));
    }
    if (s % 10 === 0) outboundChains.push({ filter_chain_match: { prefix_ranges: [{ address_prefix: `10.96.${(s >> 8) & 255}.${s & 255}`, prefix_len: 32 }] }, filters: [tcpProxy(name)], name: `chain-${s}` });
  }
  for (const port of vhostsByPort.keys()) {
    listeners.push(listener(`0.0.0.0_${port}`, { address: addr('0.0.0.0', port), filter_chains: [{ filters: [hcm(`outbound_0.0.0.0_${port}`, String(port), 'outbound')] }], traffic_direction: 'OUTBOUND', bind_to_port: false }));
  }
  listeners.push(
    listener('virtualOutbound', {
      address: addr('0.0.0.0', 15001),
      filter_chains: [...outboundChains, { filters: [tcpProxy('PassthroughCluster')], name: 'virtualOutbound-catchall-tcp' }],
      use_original_dst: true,
      traffic_direction: 'OUTBOUND',
    }),
    listener('virtualInbound', {
      address: addr('0.0.0.0', 15006),
      listener_filters: [
        { name: 'envoy.filters.listener.original_dst', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.original_dst.v3.OriginalDst' } },
        { name: 'envoy.filters.listener.tls_inspector', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector' } },
      ],
      filter_chains: PORTS.map((port) => ({
        filter_chain_match: { destination_port: port, transport_protocol: 'raw_buffer' },
        filters: [hcm(`inbound_0.0.0.0_${port}`, `inbound|${port}||`, 'inbound')],
        name: `0.0.0.0_${port}`,
      })),
      traffic_direction: 'INBOUND',
    }),
  );
  const routeConfigs = [...vhostsByPort].map(([port, vhosts]) => ({
    version_info: T,
    route_config: {
      '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
      name: String(port),
      virtual_hosts: [...vhosts, { name: 'allow_any', domains: ['*'], routes: [{ name: 'allow_any', match: { prefix: '/' }, route: { cluster: 'PassthroughCluster', timeout: '0s' } }] }],
      validate_clusters: false,
      ignore_port_in_host_matching: true,
    },
    last_updated: UPDATED,
  }));
  const staticCluster = (name: string, type: string): Json => ({ cluster: { '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', name, type, connect_timeout: '10s', lb_policy: type === 'ORIGINAL_DST' ? 'CLUSTER_PROVIDED' : 'ROUND_ROBIN' }, last_updated: UPDATED });
  const secret = (name: string): Json => ({
    name,
    version_info: UPDATED,
    last_updated: UPDATED,
    secret: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret', name, tls_certificate: { certificate_chain: { inline_bytes: 'LS0tLS1CRUdJTi'.repeat(40) }, private_key: { inline_bytes: 'W3JlZGFjdGVkXQ==' } } },
  });
  const dump = {
    configs: [
      { '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump', bootstrap: { node: { id: 'sidecar~10.0.0.1~bench-0.default~default.svc.cluster.local', cluster: 'bench.default' }, dynamic_resources: { lds_config: { ads: {}, resource_api_version: 'V3' }, cds_config: { ads: {}, resource_api_version: 'V3' } } }, last_updated: UPDATED },
      { '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', version_info: T, static_clusters: [staticCluster('PassthroughCluster', 'ORIGINAL_DST'), staticCluster('BlackHoleCluster', 'STATIC'), staticCluster('sds-grpc', 'STATIC')], dynamic_active_clusters: clusters },
      { '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump', version_info: T, dynamic_listeners: listeners },
      { '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump', dynamic_route_configs: routeConfigs },
      { '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump', dynamic_active_secrets: [secret('default'), secret('ROOTCA')] },
      { '@type': 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump', dynamic_endpoint_configs: endpoints },
    ],
  };
  return { text: JSON.stringify(dump, null, 2), services, sampleCluster: `outbound|${PORTS[0]}||svc-0.ns-0.svc.cluster.local` };
}

/** Finds the service count that yields about `targetBytes`: a guess from a small probe, then one correction. */
export function generateDumpOfSize(targetBytes: number): GeneratedDump {
  const probe = generateDump(50);
  let services = Math.max(1, Math.round(targetBytes / (probe.text.length / 50)));
  let dump = generateDump(services);
  // Listeners and route configurations do not grow exactly with the services, so the first guess can be 15% off.
  if (Math.abs(dump.text.length - targetBytes) > targetBytes * 0.03) {
    services = Math.max(1, Math.round((services * targetBytes) / dump.text.length));
    dump = generateDump(services);
  }
  return dump;
}
