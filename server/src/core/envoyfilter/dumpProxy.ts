import type { ConfigDump, JsonObject, ListenerEntry } from '../dump/types';
import { num, objects, obj, str, typedConfig, wrapped } from '../dump/json';
import { parseIstioClusterName, type IstioClusterName } from '../istio/names';

/** The patch contexts istiod hands to its listener, route and cluster patchers. */
export type PatchContext = 'SIDECAR_INBOUND' | 'SIDECAR_OUTBOUND' | 'GATEWAY' | 'WAYPOINT';

/** What kind of Istio proxy a dump comes from; `other` when it is not an Istio proxy we can reason about. */
export type ProxyRole = 'sidecar' | 'gateway' | 'waypoint' | 'ztunnel' | 'other';

export interface ProxyFilter {
  name: string;
  /** the HTTP filters, when this filter is a connection manager */
  httpFilters?: string[];
  /** an inline route configuration of a connection manager */
  routeConfig?: JsonObject;
}

export interface ProxyChain {
  listener: ProxyListener;
  /** `name`, or `#index` / `default` for chains without one */
  label: string;
  name: string;
  match?: JsonObject;
  destinationPort?: number;
  filters: ProxyFilter[];
}

export interface ProxyListener {
  name: string;
  port?: number;
  context: PatchContext;
  /** virtualInbound / virtualOutbound: istiod matches their port on the filter chains' destination_port */
  virtual: boolean;
  /** Envoy rejected the configuration istiod sent (the dump keeps it as error_state) */
  rejected: boolean;
  listenerFilters: string[];
  chains: ProxyChain[];
}

export interface ProxyRouteConfig {
  name: string;
  context: PatchContext;
  config: JsonObject;
  /** set when the route configuration sits inline in this listener's connection manager */
  inlineIn?: string;
}

export interface ProxyCluster {
  name: string;
  context: PatchContext;
  istio?: IstioClusterName;
}

/** The objects of a dump that istiod's EnvoyFilter patchers would walk, each with the context it is patched in. */
export interface ProxyView {
  role: ProxyRole;
  listeners: ProxyListener[];
  routeConfigs: ProxyRouteConfig[];
  clusters: ProxyCluster[];
}

export const VIRTUAL_LISTENERS = new Set(['virtualInbound', 'virtualOutbound']);
const HCM_NAME = 'envoy.filters.network.http_connection_manager';
const views = new WeakMap<ConfigDump, ProxyView>();

export function proxyRole(dump: ConfigDump): ProxyRole {
  switch (dump.node?.istioProxyType) {
    case 'sidecar':
      return 'sidecar';
    case 'router':
      return 'gateway';
    case 'waypoint':
      return 'waypoint';
    case 'ztunnel':
      return 'ztunnel';
  }
  // Partial dumps (istioctl proxy-config output) carry no node; Istio's generated names still give the role away.
  if (dump.listeners.some((entry) => VIRTUAL_LISTENERS.has(entry.name))) return 'sidecar';
  if (dump.routeConfigs.some((entry) => /^https?\.\d+/.test(entry.name))) return 'gateway';
  if (dump.clusters.some((entry) => entry.name.startsWith('outbound|')) || dump.routeConfigs.some((entry) => entry.name.startsWith('inbound|'))) return 'sidecar';
  return 'other';
}

export function proxyView(dump: ConfigDump): ProxyView {
  let view = views.get(dump);
  if (!view) {
    view = buildView(dump);
    views.set(dump, view);
  }
  return view;
}

function buildView(dump: ConfigDump): ProxyView {
  const role = proxyRole(dump);
  const listeners = patchableListeners(dump).map((entry) => toListener(entry, role));
  const routeConfigs: ProxyRouteConfig[] = [];
  const seenRoutes = new Set<string>();
  for (const entry of dump.routeConfigs) {
    // Static route configurations come from the bootstrap (health and stats ports), which EnvoyFilters never patch.
    if (entry.origin === 'static' || seenRoutes.has(entry.name)) continue;
    seenRoutes.add(entry.name);
    routeConfigs.push({ name: entry.name, context: routeContext(role, entry.name), config: entry.config });
  }
  for (const listener of listeners) {
    for (const chain of listener.chains) {
      for (const filter of chain.filters) {
        const name = str(filter.routeConfig?.name) ?? '';
        if (!filter.routeConfig || seenRoutes.has(name)) continue;
        seenRoutes.add(name);
        routeConfigs.push({ name, context: listener.context, config: filter.routeConfig, inlineIn: listener.name });
      }
    }
  }
  const clusters = dump.clusters
    .filter((entry) => entry.state !== 'static')
    .map((entry): ProxyCluster => ({ name: entry.name, context: clusterContext(role, entry.name), istio: parseIstioClusterName(entry.name) }));
  return { role, listeners, routeConfigs, clusters };
}

/** One entry per listener name (active before warming or failed), leaving out the bootstrap's static listeners. */
function patchableListeners(dump: ConfigDump): ListenerEntry[] {
  const rank: Record<ListenerEntry['state'], number> = { active: 0, static: 0, warming: 1, draining: 2, error: 3 };
  const byName = new Map<string, ListenerEntry>();
  for (const entry of dump.listeners) {
    if (entry.state === 'static' || entry.unnamed) continue;
    const existing = byName.get(entry.name);
    if (!existing || rank[entry.state] < rank[existing.state]) byName.set(entry.name, entry);
  }
  return [...byName.values()];
}

function toListener(entry: ListenerEntry, role: ProxyRole): ProxyListener {
  const config = entry.config;
  const listener: ProxyListener = {
    name: entry.name,
    port: num(obj(obj(config.address)?.socket_address)?.port_value),
    context: listenerContext(role, entry.name, str(config.traffic_direction)),
    virtual: VIRTUAL_LISTENERS.has(entry.name),
    rejected: entry.state === 'error',
    listenerFilters: objects(config.listener_filters).flatMap((filter) => str(filter.name) ?? []),
    chains: [],
  };
  objects(config.filter_chains).forEach((chain, index) => listener.chains.push(toChain(listener, chain, `#${index + 1}`)));
  const fallback = obj(config.default_filter_chain);
  if (fallback) listener.chains.push(toChain(listener, fallback, 'default'));
  return listener;
}

function toChain(listener: ProxyListener, chain: JsonObject, fallbackLabel: string): ProxyChain {
  const match = obj(chain.filter_chain_match);
  const name = str(chain.name) ?? '';
  const port = wrapped(match?.destination_port);
  return {
    listener,
    label: name || fallbackLabel,
    name,
    match,
    destinationPort: typeof port === 'number' ? port : undefined,
    filters: objects(chain.filters).map(toFilter),
  };
}

function toFilter(filter: JsonObject): ProxyFilter {
  const name = str(filter.name) ?? '';
  const result: ProxyFilter = { name };
  const { config } = typedConfig(filter);
  if (name === HCM_NAME || Array.isArray(config.http_filters)) {
    result.httpFilters = objects(config.http_filters).flatMap((httpFilter) => str(httpFilter.name) ?? []);
    result.routeConfig = obj(config.route_config);
  }
  return result;
}

function listenerContext(role: ProxyRole, name: string, direction: string | undefined): PatchContext {
  if (role === 'gateway') return 'GATEWAY';
  if (role === 'waypoint') return 'WAYPOINT';
  if (direction === 'INBOUND' || name === 'virtualInbound') return 'SIDECAR_INBOUND';
  return 'SIDECAR_OUTBOUND';
}

function routeContext(role: ProxyRole, name: string): PatchContext {
  if (role === 'gateway') return 'GATEWAY';
  if (role === 'waypoint') return 'WAYPOINT';
  return name.startsWith('inbound') ? 'SIDECAR_INBOUND' : 'SIDECAR_OUTBOUND';
}

function clusterContext(role: ProxyRole, name: string): PatchContext {
  if (role === 'gateway') return 'GATEWAY';
  if (role === 'waypoint') return 'WAYPOINT';
  return name.startsWith('inbound') || name.startsWith('InboundPassthrough') ? 'SIDECAR_INBOUND' : 'SIDECAR_OUTBOUND';
}

export function roleWord(role: ProxyRole): string {
  switch (role) {
    case 'gateway':
      return 'gateway';
    case 'other':
      return 'proxy';
    default:
      return role;
  }
}
