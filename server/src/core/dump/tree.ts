import type { ConfigDump, JsonObject } from './types';
import type { DumpTreeNode, TreePath } from './treeTypes';
import { capped, decodeId, MAX_CHILDREN, node } from './treeTypes';
import { arr, obj, objects, plural, typedConfig } from './json';
import { hcmRouteSource } from './describe';
import {
  bootstrapChildren,
  chainAt,
  clusterChildren,
  clusterNode,
  endpointNodes,
  endpointsEntryNode,
  listenerChildren,
  listenerNode,
  networkFilterChildren,
  networkFilterNodes,
  routeNodes,
  virtualHostNodes,
} from './treeNodes';
import { findEndpoints } from './lookup';

export type { DumpTreeNode, DumpTreeNodeKind } from './treeTypes';

/** The root nodes. Cheap on any size of dump: it only counts; everything below is lazy. */
export function buildDumpTree(dump: ConfigDump): DumpTreeNode[] {
  if (dump.proxies && dump.proxies.length > 1) {
    return dump.proxies.map((proxy, index) =>
      node(['P', index], 'proxy', proxy.name, { description: `${plural(proxy.dump.listeners.length, 'listener')}, ${plural(proxy.dump.clusters.length, 'cluster')}`, children: 'lazy' }),
    );
  }
  return rootNodes(dump, []);
}

function stateCounts(states: string[]): string {
  const counts = new Map<string, number>();
  for (const state of states) counts.set(state, (counts.get(state) ?? 0) + 1);
  if (counts.size <= 1) return '';
  return ` (${[...counts].map(([state, count]) => `${count} ${state}`).join(', ')})`;
}

function orphanEndpointIndexes(dump: ConfigDump): number[] {
  const served = new Set<string>();
  for (const cluster of dump.clusters) {
    served.add(cluster.name);
    const serviceName = obj(cluster.config.eds_cluster_config)?.service_name;
    if (typeof serviceName === 'string') served.add(serviceName);
  }
  const indexes: number[] = [];
  dump.endpoints.forEach((entry, index) => {
    if (!served.has(entry.clusterName)) indexes.push(index);
  });
  return indexes;
}

function rootNodes(dump: ConfigDump, prefix: TreePath): DumpTreeNode[] {
  const roots: DumpTreeNode[] = [];
  const section = (key: string, label: string, description: string) =>
    roots.push(node([...prefix, key], 'section', label, { description, children: 'lazy' }));
  if (dump.sections.includes('bootstrap')) {
    const nodeInfo = dump.node;
    const versions = [nodeInfo?.istioVersion && `Istio ${nodeInfo.istioVersion}`, nodeInfo?.envoyVersion && `Envoy ${nodeInfo.envoyVersion}`].filter(Boolean);
    roots.push(node([...prefix, 'bootstrap'], 'bootstrap', 'Bootstrap', { description: [nodeInfo?.istioProxyType, ...versions].filter(Boolean).join(' · '), children: 'lazy', target: { kind: 'bootstrap', name: 'bootstrap' } }));
  }
  if (dump.sections.includes('listeners')) section('listeners', 'Listeners', `${dump.listeners.length}${stateCounts(dump.listeners.map((entry) => entry.state))}`);
  if (dump.sections.includes('routes')) section('routes', 'Route configs', `${dump.routeConfigs.length}${stateCounts(dump.routeConfigs.map((entry) => entry.origin))}`);
  if (dump.sections.includes('clusters')) section('clusters', 'Clusters', `${dump.clusters.length}${stateCounts(dump.clusters.map((entry) => entry.state))}`);
  const orphans = orphanEndpointIndexes(dump).length;
  if (orphans > 0) section('endpoints', dump.sections.includes('clusters') ? 'Endpoints without a cluster' : 'Endpoints', `${orphans}`);
  if (dump.sections.includes('secrets')) section('secrets', 'Secrets', `${dump.secrets.length}`);
  if (dump.sections.includes('extensions')) section('extensions', 'Extension configs', `${dump.extensionConfigs.length}`);
  for (const [index, warning] of dump.warnings.entries()) roots.push(node([...prefix, 'warn', index], 'warning', warning));
  return roots;
}

/** Children of a node whose `children` was `'lazy'`; unknown ids give an empty list. */
export function getDumpTreeChildren(dump: ConfigDump, id: string): DumpTreeNode[] {
  const path = decodeId(id);
  if (!path) return [];
  if (path[0] === 'P' && typeof path[1] === 'number') {
    const proxy = dump.proxies?.[path[1]];
    if (!proxy) return [];
    const prefix = path.slice(0, 2);
    return path.length === 2 ? rootNodes(proxy.dump, prefix) : childrenOf(proxy.dump, prefix, path.slice(2));
  }
  return childrenOf(dump, [], path);
}

function childrenOf(dump: ConfigDump, prefix: TreePath, rest: TreePath): DumpTreeNode[] {
  const at = (...parts: TreePath) => [...prefix, ...parts];
  const [head, index] = rest;
  const proxyType = dump.node?.istioProxyType;
  switch (head) {
    case 'bootstrap':
      return bootstrapChildren(dump, at('bootstrap'));
    case 'listeners':
      return capped(at('listeners'), dump.listeners.slice(0, 5000).map((entry, i) => listenerNode(at('L', i), entry, proxyType)), dump.listeners.length);
    case 'routes':
      return dump.routeConfigs.map((entry, i) =>
        node(at('R', i), 'routeConfig', entry.name || `(unnamed ${entry.origin} route config)`, {
          description: `${entry.origin} · ${plural(objects(entry.config.virtual_hosts).length, 'virtual host')}`,
          children: 'lazy',
          target: entry.name ? { kind: 'routeConfig', name: entry.name } : undefined,
        }),
      );
    case 'clusters':
      return dump.clusters.map((entry, i) => clusterNode(at('C', i), entry.name, entry.config, entry.state));
    case 'endpoints': {
      const orphans = orphanEndpointIndexes(dump);
      return capped(at('endpoints'), orphans.slice(0, MAX_CHILDREN).map((i) => endpointsEntryNode(at('E', i), dump.endpoints[i])), orphans.length);
    }
    case 'secrets':
      return dump.secrets.map((entry, i) =>
        node(at('S', i), 'secret', entry.name || '(unnamed)', { description: [entry.kinds.join(', '), entry.state].filter(Boolean).join(' · '), target: { kind: 'secret', name: entry.name } }),
      );
    case 'extensions':
      return dump.extensionConfigs.map((entry, i) =>
        node(at('X', i), 'extensionConfig', entry.name || '(unnamed)', { description: entry.typeUrl?.split('.').pop(), target: { kind: 'extensionConfig', name: entry.name } }),
      );
    case 'L':
      return typeof index === 'number' ? listenerPathChildren(dump, at('L', index), dump.listeners[index]?.config, rest.slice(2)) : [];
    case 'R': {
      const config = typeof index === 'number' ? dump.routeConfigs[index]?.config : undefined;
      return config ? routeConfigPathChildren(at('R', index), config, rest.slice(2)) : [];
    }
    case 'C': {
      const entry = typeof index === 'number' ? dump.clusters[index] : undefined;
      if (!entry) return [];
      if (rest[2] === 'eps') {
        const endpoints = findEndpoints(dump, entry.name);
        return endpoints ? endpointNodes(at('C', index, 'eps'), endpoints) : [];
      }
      return clusterChildren(dump, at('C', index), entry.name, entry.config);
    }
    case 'E': {
      const entry = typeof index === 'number' ? dump.endpoints[index] : undefined;
      return entry ? endpointNodes(at('E', index), entry) : [];
    }
    default:
      return [];
  }
}

/** Walks `L i / fc j / f k / rc / vh v` inside one listener. */
function listenerPathChildren(dump: ConfigDump, base: TreePath, listener: JsonObject | undefined, rest: TreePath): DumpTreeNode[] {
  if (!listener) return [];
  if (rest.length === 0) return listenerChildren(base, listener);
  if (rest[0] !== 'fc' || typeof rest[1] !== 'number') return [];
  const chain = chainAt(listener, rest[1]);
  if (!chain) return [];
  const chainPath = [...base, 'fc', rest[1]];
  if (rest.length === 2) return networkFilterNodes(chainPath, chain);
  if (rest[2] !== 'f' || typeof rest[3] !== 'number') return [];
  const filter = objects(chain.filters)[rest[3]];
  if (!filter) return [];
  const filterPath = [...chainPath, 'f', rest[3]];
  if (rest.length === 4) return networkFilterChildren(dump, filterPath, filter);
  if (rest[4] !== 'rc') return [];
  const source = hcmRouteSource(typedConfig(filter).config);
  return source.kind === 'inline' ? routeConfigPathChildren([...filterPath, 'rc'], source.config, rest.slice(5)) : [];
}

function routeConfigPathChildren(base: TreePath, routeConfig: JsonObject, rest: TreePath): DumpTreeNode[] {
  if (rest.length === 0) return virtualHostNodes(base, routeConfig);
  if (rest[0] !== 'vh' || typeof rest[1] !== 'number') return [];
  const vhost = objects(routeConfig.virtual_hosts)[rest[1]];
  return vhost ? routeNodes([...base, 'vh', rest[1]], vhost) : [];
}

/**
 * Roots whose sections are expanded to the objects whose name contains `text` (case-insensitive); virtual hosts
 * also match by domain. Matching objects keep lazy children.
 */
export function filterDumpTree(dump: ConfigDump, text: string): DumpTreeNode[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return buildDumpTree(dump);
  if (dump.proxies && dump.proxies.length > 1) {
    return dump.proxies
      .map((proxy, index) => ({ proxy, index, roots: filteredRoots(proxy.dump, ['P', index], needle) }))
      .filter((entry) => entry.roots.length > 0)
      .map(({ proxy, index, roots }) => node(['P', index], 'proxy', proxy.name, { children: roots }));
  }
  return filteredRoots(dump, [], needle);
}

function filteredRoots(dump: ConfigDump, prefix: TreePath, needle: string): DumpTreeNode[] {
  const matches = (value: string | undefined) => !!value && value.toLowerCase().includes(needle);
  const expanded: DumpTreeNode[] = [];
  for (const root of rootNodes(dump, prefix)) {
    if (root.kind !== 'section') continue;
    let children = getDumpTreeChildren(dump, root.id).filter((child) => child.kind !== 'info' && (matches(child.label) || matches(child.description)));
    if (root.id.endsWith('"routes"]')) children = routeConfigsMatchingDomain(dump, prefix, needle, children);
    if (children.length > 0) expanded.push({ ...root, description: `${children.length} match${children.length === 1 ? '' : 'es'}`, children });
  }
  return expanded;
}

function routeConfigsMatchingDomain(dump: ConfigDump, prefix: TreePath, needle: string, byName: DumpTreeNode[]): DumpTreeNode[] {
  const result = [...byName];
  const seen = new Set(byName.map((child) => child.id));
  const routeConfigNodes = childrenOf(dump, prefix, ['routes']);
  dump.routeConfigs.forEach((entry, index) => {
    const path = [...prefix, 'R', index];
    const hosts = virtualHostNodes(path, entry.config).filter((vhost, vhostIndex) => {
      const domains = arr(objects(entry.config.virtual_hosts)[vhostIndex]?.domains).map(String);
      return vhost.label.toLowerCase().includes(needle) || domains.some((domain) => domain.toLowerCase().includes(needle));
    });
    if (hosts.length === 0) return;
    const routeConfigNode = routeConfigNodes[index];
    if (!routeConfigNode) return;
    const withHosts = { ...routeConfigNode, children: hosts };
    if (seen.has(routeConfigNode.id)) result[result.findIndex((child) => child.id === routeConfigNode.id)] = withHosts;
    else result.push(withHosts);
  });
  return result;
}
