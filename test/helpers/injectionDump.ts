/** Names that would run script or break out of attributes if a renderer forgot to escape them. */
export const HOSTILE = {
  listener: '<script>alert("listener")</script>',
  route: '"><img src=x onerror=alert(2)>',
  cluster: "</code><script>steal()</script>'",
  vhost: '<svg onload=alert(3)>',
};

/** An admin config dump whose listener, route config and cluster names are HTML/script injections. */
export function injectionDumpJson(): string {
  const hcm = {
    '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
    stat_prefix: 'hostile',
    rds: { route_config_name: HOSTILE.route, config_source: { ads: {} } },
    http_filters: [{ name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } }],
  };
  return JSON.stringify({
    configs: [
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
        bootstrap: { node: { id: 'sidecar~10.0.0.1~hostile.default~default.svc.cluster.local', metadata: { ISTIO_VERSION: '1.22.0' } } },
      },
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
        static_listeners: [
          {
            listener: {
              name: HOSTILE.listener,
              address: { socket_address: { address: '0.0.0.0', port_value: 8080 } },
              filter_chains: [{ filters: [{ name: 'envoy.filters.network.http_connection_manager', typed_config: hcm }] }],
            },
          },
        ],
      },
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
        static_route_configs: [
          {
            route_config: {
              name: HOSTILE.route,
              virtual_hosts: [{ name: HOSTILE.vhost, domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: HOSTILE.cluster } }] }],
            },
          },
        ],
      },
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
        static_clusters: [
          {
            cluster: {
              name: HOSTILE.cluster,
              type: 'STATIC',
              connect_timeout: '1s',
              load_assignment: {
                cluster_name: HOSTILE.cluster,
                endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.0.9', port_value: 80 } } } }] }],
              },
            },
          },
        ],
      },
    ],
  });
}
