import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../../../server/src/core/navigation/workspaceIndex';
import { loadEnvoyIndex } from '../../../server/src/runtime/models';

/** One small Envoy file of a kind a repository of hand-written configs holds: clusters, routes or a listener. */
function workspaceFile(i: number): string {
  switch (i % 3) {
    case 0:
      return `- name: svc-${i}\n  connect_timeout: 1s\n  type: STRICT_DNS\n  load_assignment:\n    cluster_name: svc-${i}\n    endpoints:\n    - lb_endpoints:\n      - endpoint: {address: {socket_address: {address: svc-${i}.internal, port_value: 8080}}}\n`;
    case 1:
      return `name: routes-${i}\nvirtual_hosts:\n- name: vh-${i}\n  domains: ["svc-${i}.example.com"]\n  routes:\n  - match: {prefix: "/"}\n    route: {cluster: svc-${i - 1}, timeout: 5s}\n`;
    default:
      return `"@type": type.googleapis.com/envoy.config.listener.v3.Listener\nname: listener-${i}\naddress: {socket_address: {address: 0.0.0.0, port_value: ${10000 + i}}}\nfilter_chains:\n- filters:\n  - name: envoy.filters.network.tcp_proxy\n    typed_config:\n      "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy\n      stat_prefix: tcp-${i}\n      cluster: svc-${i - 2}\n`;
  }
}

/** Writes `count` Envoy files under `dir` and times reading, parsing and indexing all of them, as the server does on start. */
export function benchWorkspaceIndexing(dir: string, count: number): { ms: number; files: number; definitions: number } {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `envoy-${i}.yaml`), workspaceFile(i));
  const index = new WorkspaceIndex(loadEnvoyIndex);
  loadEnvoyIndex();
  const started = performance.now();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    index.setText(pathToFileURL(path).href, readFileSync(path, 'utf8'), path);
  }
  const ms = performance.now() - started;
  return { ms, files: index.fileCount, definitions: index.search('', 100_000).length };
}
