import type { ConfigDump, EndpointsEntry, JsonObject, ListenerEntry } from './types';
import type { DumpTreeNode, TreePath } from './treeTypes';
import { capped, MAX_CHILDREN, node } from './treeTypes';
import { arr, num, obj, objects, plural, str, typedConfig } from './json';
import {
  allFilterChains,
  circuitBreakerSummary,
  clusterAggregateMembers,
  clusterDiscoveryType,
  clusterLbPolicy,
  endpointCountText,
  endpointSummaries,
  filterChainMatchSummary,
  filterLabel,
  formatAddress,
  hcmRouteSource,
  isHttpConnectionManager,
  isTcpProxy,
  tcpProxyClusters,
} from './describe';
import { summarizeSocketMatches, summarizeTransportSocket } from './describeTls';
import { routeAction, routeMatchSummary } from './describeRoute';
import { findEndpoints, findRouteConfig } from './lookup';
import { describeIstioCluster, describeIstioListener, describeIstioRouteName } from '../istio/names';

/** Builders for the nodes under each kind of dump object. */

export function listenerNode(path: TreePath, entry: ListenerEntry, proxyType?: string): DumpTreeNode {
  const address = formatAddress(obj(entry.config.address)) ?? (obj(entry.config.internal_listener) ? 'internal' : '');
  const chains = allFilterChains(entry.config).length;
  const parts = [address, plural(chains, 'chain')];
  if (entry.state !== 'active' && entry.state !== 'static') parts.push(entry.state);
  if (entry.config.bind_to_port === false) parts.push('not bound');
  return node(path, entry.state === 'error' ? 'warning' : 'listener', entry.name || '(unnamed)', {
    description: parts.filter(Boolean).join(' · '),
    tooltip: entry.errorDetails ?? describeIstioListener(entry.name, proxyType),
    children: 'lazy',
    target: { kind: 'listener', name: entry.name },
  });
}

export function listenerChildren(path: TreePath, listener: JsonObject): DumpTreeNode[] {
  const nodes: DumpTreeNode[] = [];
  const listenerFilters = objects(listener.listener_filters).map((filter) => str(filter.name) ?? '?');
  if (listenerFilters.length) {
    nodes.push(node([...path, 'lf'], 'listenerFilters', 'listener filters', { description: listenerFilters.join(', ') }));
  }
  if (obj(listener.filter_chain_matcher)) {
    nodes.push(node([...path, 'fcm'], 'info', 'filter_chain_matcher', { description: 'chains are chosen by a matcher tree, not filter_chain_match' }));
  }
  allFilterChains(listener).forEach(({ chain, isDefault }, index) => {
    const name = str(chain.name);
    const label = isDefault ? `default chain${name ? ` ${name}` : ''}` : name ?? `chain ${index}`;
    const socket = obj(chain.transport_socket) ? summarizeTransportSocket(obj(chain.transport_socket)).text : undefined;
    nodes.push(
      node([...path, 'fc', index], 'filterChain', label, {
        description: isDefault ? 'when no chain matches' : filterChainMatchSummary(obj(chain.filter_chain_match)),
        tooltip: socket,
        children: 'lazy',
      }),
    );
  });
  return nodes;
}

export function chainAt(listener: JsonObject, index: number): JsonObject | undefined {
  return allFilterChains(listener)[index]?.chain;
}

export function networkFilterNodes(path: TreePath, chain: JsonObject): DumpTreeNode[] {
  return objects(chain.filters).map((filter, index) => {
    const hcm = isHttpConnectionManager(filter);
    const tcp = isTcpProxy(filter);
    let description: string | undefined;
    if (hcm) {
      const source = hcmRouteSource(typedConfig(filter).config);
      description = source.kind === 'rds' ? `RDS ${source.name}` : source.kind === 'inline' ? 'inline routes' : source.kind === 'scoped' ? 'scoped routes' : undefined;
    } else if (tcp) {
      description = tcpProxyClusters(typedConfig(filter).config).map((cluster) => cluster.name).join(', ');
    }
    return node([...path, 'f', index], 'networkFilter', filterLabel(filter), { description, children: hcm || tcp ? 'lazy' : undefined });
  });
}

export function networkFilterChildren(dump: ConfigDump, path: TreePath, filter: JsonObject): DumpTreeNode[] {
  const config = typedConfig(filter).config;
  if (isTcpProxy(filter)) return tcpProxyClusters(config).map((cluster, index) => clusterRefNode([...path, 'c', index], cluster.name, cluster.weight));
  if (!isHttpConnectionManager(filter)) return [];
  const nodes = objects(config.http_filters).map((httpFilter, index) =>
    node([...path, 'hf', index], 'httpFilter', str(httpFilter.name) ?? '?', { description: typedConfig(httpFilter).typeUrl?.split('.').pop() }),
  );
  const source = hcmRouteSource(config);
  if (source.kind === 'rds') {
    const found = findRouteConfig(dump, source.name);
    nodes.push(
      node([...path, 'rds'], 'routeConfig', `routes: ${source.name}`, {
        description: found ? `RDS · ${plural(objects(found.config.virtual_hosts).length, 'virtual host')}` : 'RDS · not in this dump',
        tooltip: describeIstioRouteName(source.name),
        target: { kind: 'routeConfig', name: source.name },
      }),
    );
  } else if (source.kind === 'inline') {
    nodes.push(
      node([...path, 'rc'], 'routeConfig', `routes: ${str(source.config.name) ?? '(inline)'}`, {
        description: `inline · ${plural(objects(source.config.virtual_hosts).length, 'virtual host')}`,
        children: 'lazy',
      }),
    );
  } else if (source.kind === 'scoped') {
    nodes.push(node([...path, 'srds'], 'info', 'scoped routes', { description: 'route configuration chosen per request by scope keys' }));
  }
  return nodes;
}

function clusterRefNode(path: TreePath, name: string, weight?: number): DumpTreeNode {
  return node(path, 'cluster', name, {
    description: weight === undefined ? undefined : `weight ${weight}`,
    tooltip: describeIstioCluster(name),
    target: { kind: 'cluster', name },
  });
}

export function virtualHostNodes(path: TreePath, routeConfig: JsonObject): DumpTreeNode[] {
  const hosts = objects(routeConfig.virtual_hosts);
  const nodes = hosts.slice(0, MAX_CHILDREN).map((vhost, index) => {
    const domains = arr(vhost.domains).map(String);
    const shownDomains = domains.length > 4 ? `${domains.slice(0, 4).join(', ')} (+${domains.length - 4})` : domains.join(', ');
    return node([...path, 'vh', index], 'virtualHost', str(vhost.name) ?? `virtual host ${index}`, {
      description: `${shownDomains} · ${plural(objects(vhost.routes).length, 'route')}`,
      tooltip: domains.join('\n'),
      children: 'lazy',
    });
  });
  return capped(path, nodes, hosts.length);
}

export function routeNodes(path: TreePath, vhost: JsonObject): DumpTreeNode[] {
  const routes = objects(vhost.routes);
  const nodes = routes.slice(0, MAX_CHILDREN).map((route, index) => {
    const action = routeAction(route);
    const firstCluster = action.clusters[0]?.name;
    const name = str(route.name);
    return node([...path, 'r', index], 'route', routeMatchSummary(obj(route.match)), {
      description: action.text,
      tooltip: name ? `route ${name}` : undefined,
      target: firstCluster ? { kind: 'cluster', name: firstCluster } : undefined,
    });
  });
  return capped(path, nodes, routes.length);
}

export function clusterNode(path: TreePath, name: string, cluster: JsonObject, state: string): DumpTreeNode {
  const parts = [clusterDiscoveryType(cluster), clusterLbPolicy(cluster)];
  if (state === 'warming') parts.push('warming');
  return node(path, 'cluster', name || '(unnamed)', {
    description: parts.join(' · '),
    tooltip: describeIstioCluster(name),
    children: 'lazy',
    target: { kind: 'cluster', name },
  });
}

export function clusterChildren(dump: ConfigDump, path: TreePath, name: string, cluster: JsonObject): DumpTreeNode[] {
  const nodes: DumpTreeNode[] = [];
  const info = (key: string, label: string, description: string) => nodes.push(node([...path, key], 'info', label, { description }));
  info('type', 'type', clusterDiscoveryType(cluster));
  const members = clusterAggregateMembers(cluster);
  if (members.length) info('agg', 'aggregate of', members.join(', '));
  info('lb', 'load balancing', clusterLbPolicy(cluster));
  const timeout = str(cluster.connect_timeout);
  if (timeout) info('ct', 'connect timeout', timeout);
  const matches = summarizeSocketMatches(cluster);
  if (matches.length) {
    matches.forEach((match, index) => info(`tsm${index}`, `socket match ${match.name || index}`, `${match.match || 'any endpoint'} → ${match.socket.text}`));
  }
  if (obj(cluster.transport_socket) || !matches.length) info('ts', 'transport socket', summarizeTransportSocket(obj(cluster.transport_socket)).text);
  const breakers = circuitBreakerSummary(cluster);
  if (breakers) info('cb', 'circuit breakers', breakers);
  const endpoints = findEndpoints(dump, name);
  if (endpoints) {
    const summaries = endpointSummaries(endpoints.config);
    nodes.push(
      node([...path, 'eps'], 'endpoints', 'endpoints', {
        description: `${endpointCountText(summaries)}${endpoints.origin === 'inline' ? ' · load_assignment' : ''}`,
        children: summaries.length ? 'lazy' : undefined,
        target: { kind: 'endpoints', name: endpoints.clusterName },
      }),
    );
  } else if (clusterDiscoveryType(cluster) === 'EDS') {
    info('eps', 'endpoints', 'EDS not in this dump');
  }
  return nodes;
}

export function endpointNodes(path: TreePath, entry: EndpointsEntry): DumpTreeNode[] {
  const summaries = endpointSummaries(entry.config);
  const nodes = summaries.slice(0, MAX_CHILDREN).map((summary, index) => {
    const parts = [summary.health];
    if (summary.locality) parts.push(summary.locality);
    if (summary.weight !== undefined) parts.push(`weight ${summary.weight}`);
    if (summary.socketMatch) parts.push(summary.socketMatch);
    return node([...path, 'ep', index], 'endpoint', summary.address, {
      description: parts.join(' · '),
      tooltip: summary.originalDestination ? `original destination ${summary.originalDestination}` : undefined,
      target: summary.internalListener ? { kind: 'listener', name: summary.internalListener } : undefined,
    });
  });
  return capped(path, nodes, summaries.length);
}

export function endpointsEntryNode(path: TreePath, entry: EndpointsEntry): DumpTreeNode {
  return node(path, 'endpoints', entry.clusterName || '(unnamed)', {
    description: endpointCountText(endpointSummaries(entry.config)),
    children: 'lazy',
    target: { kind: 'endpoints', name: entry.clusterName },
  });
}

export function bootstrapChildren(dump: ConfigDump, path: TreePath): DumpTreeNode[] {
  const nodes: DumpTreeNode[] = [];
  const info = (key: string, label: string, description: string | undefined) => {
    if (description) nodes.push(node([...path, key], 'info', label, { description }));
  };
  const nodeInfo = dump.node;
  info('id', 'node id', nodeInfo?.id);
  info('cluster', 'node cluster', nodeInfo?.cluster);
  info('type', 'proxy type', nodeInfo?.istioProxyType);
  info('istio', 'Istio version', nodeInfo?.istioVersion);
  info('envoy', 'Envoy version', nodeInfo?.envoyVersion);
  const admin = obj(dump.bootstrap?.admin);
  info('admin', 'admin', formatAddress(obj(admin?.address)));
  const staticListeners = dump.listeners.filter((entry) => entry.state === 'static').length;
  const staticClusters = dump.clusters.filter((entry) => entry.state === 'static').length;
  info('static', 'static resources', `${plural(staticListeners, 'listener')}, ${plural(staticClusters, 'cluster')}`);
  const dynamic = obj(dump.bootstrap?.dynamic_resources);
  if (dynamic) {
    const ads = obj(dynamic.ads_config);
    const grpc = objects(ads?.grpc_services)[0];
    const adsCluster = str(obj(grpc?.envoy_grpc)?.cluster_name);
    info('dyn', 'dynamic resources', ads ? `ADS ${str(ads.api_type) ?? ''}${adsCluster ? ` via ${adsCluster}` : ''}`.trim() : Object.keys(dynamic).join(', '));
  }
  info('updated', 'last updated', dump.bootstrapLastUpdated);
  const concurrency = num(dump.bootstrap?.concurrency);
  if (concurrency !== undefined) info('conc', 'concurrency', String(concurrency));
  return nodes;
}
