import type { ConfigDump, DumpSection, JsonObject } from './types';
import { arr, isObject, obj, objects, shortTypeName, str } from './json';
import { collectSecret, nodeInfo } from './node';
import { formatAddress } from './describe';

/**
 * Fills a ConfigDump from already-normalised (snake_case) data. One collector per source shape:
 * admin `/config_dump` sections, an Envoy bootstrap, and a list of bare xDS resources.
 */

function markSection(dump: ConfigDump, section: DumpSection): void {
  if (!dump.sections.includes(section)) dump.sections.push(section);
}

/** Which admin `*ConfigDump` a `configs` entry is, by its `@type` or, for keyed `configs`, by its key. */
export function adminSectionKind(entry: JsonObject, key?: string): string | undefined {
  const short = shortTypeName(str(entry['@type']));
  if (short?.endsWith('ConfigDump')) return short;
  const byKey: Record<string, string> = {
    bootstrap: 'BootstrapConfigDump',
    listeners: 'ListenersConfigDump',
    clusters: 'ClustersConfigDump',
    routes: 'RoutesConfigDump',
    scoped_routes: 'ScopedRoutesConfigDump',
    secrets: 'SecretsConfigDump',
    endpoints: 'EndpointsConfigDump',
    ecds: 'EcdsConfigDump',
  };
  return key ? byKey[key] : undefined;
}

export function collectAdminSection(dump: ConfigDump, entry: JsonObject, kind: string): void {
  switch (kind) {
    case 'BootstrapConfigDump':
      collectBootstrapSection(dump, entry);
      return;
    case 'ListenersConfigDump':
      collectListeners(dump, entry);
      return;
    case 'ClustersConfigDump':
      collectClusters(dump, entry);
      return;
    case 'RoutesConfigDump':
      collectRoutes(dump, entry);
      return;
    case 'ScopedRoutesConfigDump':
      markSection(dump, 'scopedRoutes');
      for (const field of ['inline_scoped_route_configs', 'dynamic_scoped_route_configs']) {
        dump.scopedRouteConfigs.push(...objects(entry[field]));
      }
      return;
    case 'SecretsConfigDump':
      collectSecrets(dump, entry);
      return;
    case 'EndpointsConfigDump':
      collectEndpoints(dump, entry);
      return;
    case 'EcdsConfigDump':
      collectEcds(dump, entry);
      return;
    default:
      dump.warnings.push(`skipped unknown config dump section ${kind}`);
  }
}

function collectBootstrapSection(dump: ConfigDump, entry: JsonObject): void {
  const bootstrap = obj(entry.bootstrap);
  if (!bootstrap) return;
  markSection(dump, 'bootstrap');
  dump.bootstrap = bootstrap;
  dump.bootstrapLastUpdated = str(entry.last_updated);
  dump.node = nodeInfo(obj(bootstrap.node));
}

function collectListeners(dump: ConfigDump, entry: JsonObject): void {
  markSection(dump, 'listeners');
  const sectionVersion = str(entry.version_info);
  for (const item of objects(entry.static_listeners)) {
    const listener = obj(item.listener);
    if (!listener) continue;
    dump.listeners.push({ name: str(listener.name) ?? '', state: 'static', versionInfo: sectionVersion, lastUpdated: str(item.last_updated), config: listener });
  }
  const states = [
    ['active_state', 'active'],
    ['warming_state', 'warming'],
    ['draining_state', 'draining'],
  ] as const;
  for (const item of objects(entry.dynamic_listeners)) {
    for (const [field, state] of states) {
      const holder = obj(item[field]);
      const listener = obj(holder?.listener);
      if (!holder || !listener) continue;
      const name = str(item.name) ?? str(listener.name) ?? '';
      dump.listeners.push({ name, state, versionInfo: str(holder.version_info), lastUpdated: str(holder.last_updated), config: listener });
    }
    const failed = obj(item.error_state);
    if (failed) {
      const listener = obj(failed.failed_configuration) ?? {};
      const name = str(item.name) ?? str(listener.name) ?? '';
      dump.listeners.push({
        name,
        state: 'error',
        lastUpdated: str(failed.last_update_attempt),
        errorDetails: str(failed.details),
        config: listener,
      });
    }
  }
}

function collectClusters(dump: ConfigDump, entry: JsonObject): void {
  markSection(dump, 'clusters');
  const fields = [
    ['static_clusters', 'static'],
    ['dynamic_active_clusters', 'active'],
    ['dynamic_warming_clusters', 'warming'],
  ] as const;
  for (const [field, state] of fields) {
    for (const item of objects(entry[field])) {
      const cluster = obj(item.cluster);
      if (!cluster) continue;
      dump.clusters.push({
        name: str(cluster.name) ?? '',
        state,
        versionInfo: str(item.version_info) ?? (state === 'static' ? undefined : str(entry.version_info)),
        lastUpdated: str(item.last_updated),
        config: cluster,
      });
    }
  }
}

function collectRoutes(dump: ConfigDump, entry: JsonObject): void {
  markSection(dump, 'routes');
  for (const [field, origin] of [['static_route_configs', 'static'], ['dynamic_route_configs', 'dynamic']] as const) {
    for (const item of objects(entry[field])) {
      const routeConfig = obj(item.route_config);
      if (!routeConfig) continue;
      dump.routeConfigs.push({
        name: str(routeConfig.name) ?? '',
        origin,
        versionInfo: str(item.version_info),
        lastUpdated: str(item.last_updated),
        config: routeConfig,
      });
    }
  }
}

function collectSecrets(dump: ConfigDump, entry: JsonObject): void {
  markSection(dump, 'secrets');
  const fields = [
    ['static_secrets', 'static'],
    ['dynamic_active_secrets', 'active'],
    ['dynamic_warming_secrets', 'warming'],
  ] as const;
  for (const [field, state] of fields) {
    for (const item of objects(entry[field])) {
      dump.secrets.push(collectSecret(obj(item.secret), state, str(item.name), str(item.version_info), str(item.last_updated)));
    }
  }
}

function collectEndpoints(dump: ConfigDump, entry: JsonObject): void {
  markSection(dump, 'endpoints');
  for (const [field, origin] of [['static_endpoint_configs', 'static'], ['dynamic_endpoint_configs', 'dynamic']] as const) {
    for (const item of objects(entry[field])) {
      const assignment = obj(item.endpoint_config);
      if (!assignment) continue;
      dump.endpoints.push({ clusterName: str(assignment.cluster_name) ?? '', origin, config: assignment });
    }
  }
}

function collectEcds(dump: ConfigDump, entry: JsonObject): void {
  markSection(dump, 'extensions');
  for (const item of objects(entry.ecds_filters)) {
    const filter = obj(item.ecds_filter);
    if (!filter) continue;
    dump.extensionConfigs.push({
      name: str(filter.name) ?? '',
      typeUrl: str(obj(filter.typed_config)?.['@type']),
      versionInfo: str(item.version_info),
      lastUpdated: str(item.last_updated),
      config: filter,
    });
  }
}

/** An Envoy bootstrap file: its static resources become static listeners, clusters and secrets. */
export function collectBootstrapFile(dump: ConfigDump, bootstrap: JsonObject): void {
  markSection(dump, 'bootstrap');
  const staticResources = obj(bootstrap.static_resources) ?? {};
  const { static_resources: _omitted, ...rest } = bootstrap;
  dump.bootstrap = rest;
  dump.node = nodeInfo(obj(bootstrap.node));
  const listeners = objects(staticResources.listeners);
  const clusters = objects(staticResources.clusters);
  const secrets = objects(staticResources.secrets);
  if (listeners.length) markSection(dump, 'listeners');
  if (clusters.length) markSection(dump, 'clusters');
  if (secrets.length) markSection(dump, 'secrets');
  for (const listener of listeners) dump.listeners.push({ name: str(listener.name) ?? '', state: 'static', config: listener });
  for (const cluster of clusters) dump.clusters.push({ name: str(cluster.name) ?? '', state: 'static', config: cluster });
  for (const secret of secrets) dump.secrets.push(collectSecret(secret, 'static', str(secret.name)));
  if (isObject(bootstrap.dynamic_resources)) {
    dump.warnings.push('bootstrap has dynamic_resources: listeners, routes or clusters from xDS are not in this file');
  }
}

type ResourceKind = 'listener' | 'routeConfig' | 'cluster' | 'endpoints' | 'secret' | 'extensionConfig';

const RESOURCE_TYPES: Record<string, ResourceKind> = {
  Listener: 'listener',
  RouteConfiguration: 'routeConfig',
  Cluster: 'cluster',
  ClusterLoadAssignment: 'endpoints',
  Secret: 'secret',
  TypedExtensionConfig: 'extensionConfig',
};

/** The kind of a bare xDS resource, by `@type` or, for untyped lists, by the fields only that kind has. */
export function resourceKind(resource: JsonObject): ResourceKind | undefined {
  const short = shortTypeName(str(resource['@type']));
  if (short) return RESOURCE_TYPES[short];
  if ('filter_chains' in resource || 'default_filter_chain' in resource || 'listener_filters' in resource) return 'listener';
  if ('virtual_hosts' in resource || 'vhds' in resource) return 'routeConfig';
  if ('cluster_name' in resource && 'endpoints' in resource) return 'endpoints';
  if ('tls_certificate' in resource || 'validation_context' in resource || 'generic_secret' in resource) return 'secret';
  if ('connect_timeout' in resource || 'lb_policy' in resource || 'load_assignment' in resource || 'eds_cluster_config' in resource || 'cluster_type' in resource) {
    return 'cluster';
  }
  if ('address' in resource && 'name' in resource) return 'listener';
  return undefined;
}

/** Returns how many resources it could not place. */
export function collectResources(dump: ConfigDump, resources: unknown[]): number {
  let unknown = 0;
  for (const resource of resources) {
    if (!isObject(resource)) {
      unknown++;
      continue;
    }
    const name = str(resource.name) ?? '';
    switch (resourceKind(resource)) {
      case 'listener':
        markSection(dump, 'listeners');
        dump.listeners.push({ name, state: 'static', config: resource });
        break;
      case 'routeConfig':
        markSection(dump, 'routes');
        dump.routeConfigs.push({ name, origin: 'static', config: resource });
        break;
      case 'cluster':
        markSection(dump, 'clusters');
        dump.clusters.push({ name, state: 'static', config: resource });
        break;
      case 'endpoints':
        markSection(dump, 'endpoints');
        dump.endpoints.push({ clusterName: str(resource.cluster_name) ?? '', origin: 'static', config: resource });
        break;
      case 'secret':
        markSection(dump, 'secrets');
        dump.secrets.push(collectSecret(resource, 'static', name));
        break;
      case 'extensionConfig':
        markSection(dump, 'extensions');
        dump.extensionConfigs.push({ name, typeUrl: str(obj(resource.typed_config)?.['@type']), config: resource });
        break;
      default:
        unknown++;
    }
  }
  return unknown;
}

/** A cluster's own `load_assignment` counts as its endpoints when the dump has no EDS entry for it. */
export function addInlineEndpoints(dump: ConfigDump): void {
  const known = new Set(dump.endpoints.map((entry) => entry.clusterName));
  for (const cluster of dump.clusters) {
    const assignment = obj(cluster.config.load_assignment);
    if (!assignment || known.has(cluster.name)) continue;
    known.add(cluster.name);
    dump.endpoints.push({ clusterName: cluster.name, origin: 'inline', config: { ...assignment, cluster_name: str(assignment.cluster_name) ?? cluster.name } });
  }
}

/** Envoy lets static listeners go without a name; give them one from their address so they can be found and explained. */
export function nameUnnamedListeners(dump: ConfigDump): void {
  dump.listeners.forEach((entry, index) => {
    if (entry.name) return;
    const address = formatAddress(obj(entry.config.address));
    entry.name = address ? `listener at ${address}` : `listener #${index + 1}`;
    entry.unnamed = true;
  });
}

export function isBootstrapShape(value: JsonObject): boolean {
  return 'static_resources' in value || 'dynamic_resources' in value || ('admin' in value && 'node' in value) || 'cluster_manager' in value;
}

export function isResourceList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.resources)) return arr(value.resources);
  return undefined;
}
