import { deprecatedExtensionNames } from '../envoy/extensionNames';
import type { EnvoyTypeIndex } from '../model/typeIndex';

/** The Envoy message istiod decodes `patch.value` into, per applyTo. */
export const PATCH_VALUE_TYPES: Record<string, string> = {
  LISTENER: 'envoy.config.listener.v3.Listener',
  FILTER_CHAIN: 'envoy.config.listener.v3.FilterChain',
  NETWORK_FILTER: 'envoy.config.listener.v3.Filter',
  HTTP_FILTER: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter',
  LISTENER_FILTER: 'envoy.config.listener.v3.ListenerFilter',
  ROUTE_CONFIGURATION: 'envoy.config.route.v3.RouteConfiguration',
  VIRTUAL_HOST: 'envoy.config.route.v3.VirtualHost',
  HTTP_ROUTE: 'envoy.config.route.v3.Route',
  CLUSTER: 'envoy.config.cluster.v3.Cluster',
  EXTENSION_CONFIG: 'envoy.config.core.v3.TypedExtensionConfig',
  BOOTSTRAP: 'envoy.config.bootstrap.v3.Bootstrap',
};

/** applyTo values whose patch value is a named filter with a typed_config. */
export const FILTER_APPLY_TO = new Set(['NETWORK_FILTER', 'HTTP_FILTER', 'LISTENER_FILTER']);

export function canonicalFilterName(name: string): string {
  return deprecatedExtensionNames[name] ?? name;
}

/**
 * The one message type that configures a filter name (per-route variants left out), or undefined when the API
 * has none or several.
 */
export function filterConfigType(index: EnvoyTypeIndex, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const types = index.typesForExtension(canonicalFilterName(name)).filter((type) => !/PerRoute(Config)?$/.test(type));
  return types.length === 1 ? types[0] : undefined;
}
