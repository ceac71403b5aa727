/**
 * Writes realistic multi-document EnvoyFilter YAML of a requested line count: every applyTo Istio supports, with the
 * values people actually patch in (Lua, ext_authz, HCM options, whole clusters), so validation does its full work.
 */

type PatchWriter = (i: number, service: string) => string[];

const indent = (lines: string[], by: number): string[] => lines.map((l) => ' '.repeat(by) + l);

const luaFilter: PatchWriter = (i) => [
  '- applyTo: HTTP_FILTER',
  '  match:',
  '    context: SIDECAR_INBOUND',
  '    listener:',
  '      filterChain:',
  '        filter:',
  '          name: envoy.filters.network.http_connection_manager',
  '          subFilter:',
  '            name: envoy.filters.http.router',
  '  patch:',
  '    operation: INSERT_BEFORE',
  '    value:',
  `      name: lua-tag-${i}`,
  '      typed_config:',
  '        "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua',
  '        default_source_code:',
  '          inline_string: |',
  '            function envoy_on_request(handle)',
  `              local tag = handle:headers():get("x-tag-${i}")`,
  '              if tag == nil then',
  `                handle:headers():add("x-tag-${i}", "generated")`,
  '              end',
  '            end',
  '            function envoy_on_response(handle)',
  `              handle:headers():add("x-served-by", "patch-${i}")`,
  '            end',
];

const extAuthz: PatchWriter = (i, service) => [
  '- applyTo: HTTP_FILTER',
  '  match:',
  '    context: SIDECAR_INBOUND',
  '    listener:',
  `      portNumber: ${8000 + (i % 100)}`,
  '      filterChain:',
  '        filter:',
  '          name: envoy.filters.network.http_connection_manager',
  '  patch:',
  '    operation: INSERT_FIRST',
  '    value:',
  '      name: envoy.filters.http.ext_authz',
  '      typed_config:',
  '        "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz',
  '        transport_api_version: V3',
  '        failure_mode_allow: false',
  '        with_request_body:',
  '          max_request_bytes: 8192',
  '          allow_partial_message: true',
  '        grpc_service:',
  '          envoy_grpc:',
  `            cluster_name: outbound|9000||authz.${service}.svc.cluster.local`,
  '          timeout: 0.5s',
];

const hcmMerge: PatchWriter = (i) => [
  '- applyTo: NETWORK_FILTER',
  '  match:',
  '    context: SIDECAR_OUTBOUND',
  '    listener:',
  '      filterChain:',
  '        filter:',
  '          name: envoy.filters.network.http_connection_manager',
  '  patch:',
  '    operation: MERGE',
  '    value:',
  '      typed_config:',
  '        "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  '        use_remote_address: true',
  `        xff_num_trusted_hops: ${1 + (i % 3)}`,
  '        stream_idle_timeout: 300s',
  '        common_http_protocol_options:',
  '          idle_timeout: 3600s',
  '          max_headers_count: 100',
  '        http2_protocol_options:',
  '          max_concurrent_streams: 1024',
];

const clusterAdd: PatchWriter = (i, service) => [
  '- applyTo: CLUSTER',
  '  match:',
  '    context: SIDECAR_OUTBOUND',
  '  patch:',
  '    operation: ADD',
  '    value:',
  `      name: external-${i}`,
  '      type: STRICT_DNS',
  '      connect_timeout: 2s',
  '      lb_policy: ROUND_ROBIN',
  '      dns_lookup_family: V4_ONLY',
  '      circuit_breakers:',
  '        thresholds:',
  '        - max_connections: 1024',
  '          max_pending_requests: 1024',
  '          max_requests: 4096',
  '      typed_extension_protocol_options:',
  '        envoy.extensions.upstreams.http.v3.HttpProtocolOptions:',
  '          "@type": type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
  '          explicit_http_config:',
  '            http2_protocol_options: {}',
  '      load_assignment:',
  `        cluster_name: external-${i}`,
  '        endpoints:',
  '        - lb_endpoints:',
  '          - endpoint:',
  '              address:',
  '                socket_address:',
  `                  address: ${service}.example.com`,
  '                  port_value: 443',
];

const clusterMerge: PatchWriter = (i, service) => [
  '- applyTo: CLUSTER',
  '  match:',
  '    context: SIDECAR_OUTBOUND',
  '    cluster:',
  `      service: ${service}.default.svc.cluster.local`,
  `      portNumber: ${8080 + (i % 10)}`,
  '  patch:',
  '    operation: MERGE',
  '    value:',
  '      connect_timeout: 1s',
  '      outlier_detection:',
  '        consecutive_5xx: 5',
  '        interval: 10s',
  '        base_ejection_time: 30s',
  '        max_ejection_percent: 50',
];

const vhostMerge: PatchWriter = (i, service) => [
  '- applyTo: VIRTUAL_HOST',
  '  match:',
  '    context: SIDECAR_OUTBOUND',
  '    routeConfiguration:',
  `      vhost:`,
  `        name: ${service}.default.svc.cluster.local:${8080 + (i % 10)}`,
  '  patch:',
  '    operation: MERGE',
  '    value:',
  '      retry_policy:',
  '        retry_on: 5xx,reset,connect-failure',
  '        num_retries: 3',
  '        per_try_timeout: 2s',
  '      rate_limits:',
  '      - actions:',
  '        - request_headers:',
  '            header_name: x-user',
  '            descriptor_key: user',
];

const routeMerge: PatchWriter = (i) => [
  '- applyTo: HTTP_ROUTE',
  '  match:',
  '    context: SIDECAR_OUTBOUND',
  '    routeConfiguration:',
  '      vhost:',
  '        route:',
  '          action: ROUTE',
  '  patch:',
  '    operation: MERGE',
  '    value:',
  '      route:',
  `        timeout: ${5 + (i % 20)}s`,
  '        idle_timeout: 60s',
  '      request_headers_to_add:',
  '      - header:',
  '          key: x-route-patch',
  `          value: "${i}"`,
  '        append_action: OVERWRITE_IF_EXISTS_OR_ADD',
];

const listenerFilter: PatchWriter = () => [
  '- applyTo: LISTENER_FILTER',
  '  match:',
  '    context: SIDECAR_INBOUND',
  '  patch:',
  '    operation: INSERT_FIRST',
  '    value:',
  '      name: envoy.filters.listener.tls_inspector',
  '      typed_config:',
  '        "@type": type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
];

const listenerAdd: PatchWriter = (i, service) => [
  '- applyTo: LISTENER',
  '  match:',
  '    context: SIDECAR_OUTBOUND',
  '  patch:',
  '    operation: ADD',
  '    value:',
  `      name: tcp-passthrough-${i}`,
  '      address:',
  '        socket_address:',
  '          address: 0.0.0.0',
  `          port_value: ${20000 + i}`,
  '      filter_chains:',
  '      - filters:',
  '        - name: envoy.filters.network.tcp_proxy',
  '          typed_config:',
  '            "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  `            stat_prefix: tcp-${i}`,
  `            cluster: outbound|${9000 + (i % 50)}||${service}.default.svc.cluster.local`,
  '            idle_timeout: 600s',
];

const extensionConfig: PatchWriter = (i) => [
  '- applyTo: EXTENSION_CONFIG',
  '  patch:',
  '    operation: ADD',
  '    value:',
  `      name: local-ratelimit-${i}`,
  '      typed_config:',
  '        "@type": type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
  `        stat_prefix: http_local_rate_limiter_${i}`,
  '        token_bucket:',
  `          max_tokens: ${100 + i}`,
  '          tokens_per_fill: 10',
  '          fill_interval: 1s',
  '        filter_enabled:',
  '          default_value:',
  '            numerator: 100',
  '            denominator: HUNDRED',
];

const writers: PatchWriter[] = [luaFilter, extAuthz, hcmMerge, clusterAdd, clusterMerge, vhostMerge, routeMerge, listenerFilter, listenerAdd, extensionConfig];

const SERVICES = ['reviews', 'ratings', 'details', 'productpage', 'frontend', 'checkout', 'payments', 'inventory', 'search', 'geo'];

function envoyFilterDocument(docIndex: number, patchStart: number, patchCount: number): string[] {
  const service = SERVICES[docIndex % SERVICES.length];
  const lines = [
    'apiVersion: networking.istio.io/v1alpha3',
    'kind: EnvoyFilter',
    'metadata:',
    `  name: ${service}-tuning-${docIndex}`,
    '  namespace: default',
    '  labels:',
    '    team: platform',
    'spec:',
    '  workloadSelector:',
    '    labels:',
    `      app: ${service}`,
    '  priority: 10',
    '  configPatches:',
  ];
  for (let p = 0; p < patchCount; p++) {
    const i = patchStart + p;
    lines.push(...indent(writers[i % writers.length](i, SERVICES[i % SERVICES.length]), 2));
  }
  return lines;
}

/** About `targetLines` lines of EnvoyFilter YAML, twelve patches per document, documents joined by `---`. */
export function generateEnvoyFilters(targetLines: number): string {
  const out: string[] = [];
  const patchesPerDocument = 12;
  let patch = 0;
  for (let doc = 0; out.length < targetLines; doc++) {
    if (doc > 0) out.push('---');
    out.push(...envoyFilterDocument(doc, patch, patchesPerDocument));
    patch += patchesPerDocument;
  }
  return out.join('\n') + '\n';
}
