import type { ClusterEntry, ConfigDump, EndpointsEntry, ExtensionConfigEntry, ListenerEntry, RouteConfigEntry, SecretEntry } from './types';
import { obj, str } from './json';

/** Name indexes, built on first lookup so loading a large dump stays cheap. */
interface DumpIndex {
  listeners: Map<string, ListenerEntry>;
  routeConfigs: Map<string, RouteConfigEntry>;
  clusters: Map<string, ClusterEntry>;
  endpoints: Map<string, EndpointsEntry>;
  secrets: Map<string, SecretEntry>;
  extensionConfigs: Map<string, ExtensionConfigEntry>;
}

const indexes = new WeakMap<ConfigDump, DumpIndex>();

/** Active and static entries win over warming, draining or failed ones of the same name. */
const LISTENER_PREFERENCE: Record<ListenerEntry['state'], number> = { active: 0, static: 0, warming: 1, draining: 2, error: 3 };

function byName<T>(entries: T[], nameOf: (entry: T) => string, rank: (entry: T) => number = () => 0): Map<string, T> {
  const map = new Map<string, T>();
  for (const entry of entries) {
    const name = nameOf(entry);
    if (!name) continue;
    const existing = map.get(name);
    if (!existing || rank(entry) < rank(existing)) map.set(name, entry);
  }
  return map;
}

function indexOf(dump: ConfigDump): DumpIndex {
  let index = indexes.get(dump);
  if (!index) {
    index = {
      listeners: byName(dump.listeners, (entry) => entry.name, (entry) => LISTENER_PREFERENCE[entry.state]),
      routeConfigs: byName(dump.routeConfigs, (entry) => entry.name),
      clusters: byName(dump.clusters, (entry) => entry.name, (entry) => (entry.state === 'warming' ? 1 : 0)),
      endpoints: byName(dump.endpoints, (entry) => entry.clusterName, (entry) => (entry.origin === 'inline' ? 1 : 0)),
      secrets: byName(dump.secrets, (entry) => entry.name, (entry) => (entry.state === 'warming' ? 1 : 0)),
      extensionConfigs: byName(dump.extensionConfigs, (entry) => entry.name),
    };
    indexes.set(dump, index);
  }
  return index;
}

export function findListener(dump: ConfigDump, name: string): ListenerEntry | undefined {
  return indexOf(dump).listeners.get(name);
}

export function findRouteConfig(dump: ConfigDump, name: string): RouteConfigEntry | undefined {
  return indexOf(dump).routeConfigs.get(name);
}

export function findCluster(dump: ConfigDump, name: string): ClusterEntry | undefined {
  return indexOf(dump).clusters.get(name);
}

export function findSecret(dump: ConfigDump, name: string): SecretEntry | undefined {
  return indexOf(dump).secrets.get(name);
}

export function findExtensionConfig(dump: ConfigDump, name: string): ExtensionConfigEntry | undefined {
  return indexOf(dump).extensionConfigs.get(name);
}

/** EDS is keyed by `eds_cluster_config.service_name` when the cluster sets one, else by the cluster name. */
export function edsServiceName(cluster: ClusterEntry | undefined, clusterName: string): string {
  return str(obj(cluster?.config.eds_cluster_config)?.service_name) || clusterName;
}

/** The endpoints of a cluster: its EDS assignment, or its inline `load_assignment`. */
export function findEndpoints(dump: ConfigDump, clusterName: string): EndpointsEntry | undefined {
  const index = indexOf(dump);
  const cluster = index.clusters.get(clusterName);
  return index.endpoints.get(edsServiceName(cluster, clusterName)) ?? index.endpoints.get(clusterName);
}
