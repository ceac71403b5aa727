import { getField, getProperty, stringValue, type ValueNode } from './document/nodes';

export const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** The Envoy resource types a file may hold on its own, with the fields that give each away. */
const resourceHallmarks: { typeName: string; all: string[]; any: string[] }[] = [
  { typeName: 'envoy.config.listener.v3.Listener', all: ['address'], any: ['filter_chains', 'listener_filters', 'default_filter_chain', 'internal_listener', 'udp_listener_config'] },
  { typeName: 'envoy.config.listener.v3.Listener', all: ['name', 'filter_chains'], any: [] },
  { typeName: 'envoy.config.route.v3.RouteConfiguration', all: ['virtual_hosts'], any: [] },
  { typeName: 'envoy.config.endpoint.v3.ClusterLoadAssignment', all: ['cluster_name', 'endpoints'], any: [] },
  { typeName: 'envoy.config.cluster.v3.Cluster', all: ['name'], any: ['connect_timeout', 'load_assignment', 'eds_cluster_config', 'lb_policy', 'cluster_type', 'transport_socket', 'dns_lookup_family'] },
  { typeName: 'envoy.extensions.transport_sockets.tls.v3.Secret', all: ['name'], any: ['tls_certificate', 'validation_context', 'session_ticket_keys', 'generic_secret'] },
];

/** Top-level fields only a Bootstrap has; generic words such as `node` or `admin` alone prove nothing. */
const bootstrapOnlyFields = [
  'static_resources', 'dynamic_resources', 'layered_runtime', 'cluster_manager', 'overload_manager', 'inline_headers',
  'bootstrap_extensions', 'stats_sinks', 'stats_config', 'stats_flush_interval', 'hds_config', 'flags_path',
  'watchdogs', 'fatal_actions', 'default_regex_engine', 'typed_dns_resolver_config', 'certificate_provider_instances',
  'header_prefix', 'use_tcp_for_dns_lookups', 'application_log_config', 'node_context_params', 'default_socket_interface',
];

function looksLikeBootstrap(root: ValueNode): boolean {
  if (bootstrapOnlyFields.some((field) => hasField(root, field))) return true;
  return getField(getField(root, 'admin'), 'address') !== undefined && hasField(root, 'node');
}

export type DocumentKind =
  | { kind: 'envoy-bootstrap' }
  | { kind: 'envoy-resource'; typeName: string; typeInferred: boolean }
  | { kind: 'envoy-resource-list'; shape: 'array' | 'discovery-response' }
  | { kind: 'config-dump'; shape: 'admin' | 'keyed' | 'wrapped' }
  | { kind: 'istio'; group: string; version: string; kindName: string }
  | { kind: 'kubernetes-list' };

export function hasField(node: ValueNode | undefined, snakeName: string): boolean {
  return getField(node, snakeName) !== undefined;
}

export function typeUrlOf(node: ValueNode | undefined): string | undefined {
  return stringValue(getProperty(node, '@type')?.value);
}

export function typeNameFromUrl(url: string): string {
  const slash = url.lastIndexOf('/');
  return slash >= 0 ? url.slice(slash + 1) : url;
}

/** Guesses the Envoy resource type of an object that carries no `@type`, from the fields only that type has. */
export function inferResourceType(node: ValueNode | undefined): string | undefined {
  if (!node || node.type !== 'object') return undefined;
  for (const hallmark of resourceHallmarks) {
    if (hallmark.all.every((f) => hasField(node, f)) && (hallmark.any.length === 0 || hallmark.any.some((f) => hasField(node, f)))) {
      return hallmark.typeName;
    }
  }
  return undefined;
}

function isAdminDumpEntry(node: ValueNode | undefined): boolean {
  const url = typeUrlOf(node);
  return url !== undefined && /envoy\.admin\.v\d\w*\.\w*ConfigDump$/.test(url);
}

function recognizeConfigDump(root: ValueNode): DocumentKind | undefined {
  const configs = getValue(root, 'configs');
  if (configs?.type === 'array' && configs.items.some(isAdminDumpEntry)) return { kind: 'config-dump', shape: 'admin' };
  if (configs?.type === 'object' && configs.properties.some((p) => isAdminDumpEntry(p.value) || /ConfigDump|^(bootstrap|listeners|clusters|routes)$/i.test(p.key))) {
    return { kind: 'config-dump', shape: 'keyed' };
  }
  const xds = getValue(root, 'xds');
  if (xds?.type === 'object' && xds.properties.some((p) => getValue(p.value, 'configs') !== undefined)) {
    return { kind: 'config-dump', shape: 'wrapped' };
  }
  return undefined;
}

function getValue(node: ValueNode | undefined, name: string): ValueNode | undefined {
  return getProperty(node, name)?.value;
}

function recognizeKubernetes(root: ValueNode): DocumentKind | undefined {
  const apiVersion = stringValue(getValue(root, 'apiVersion'));
  const kindName = stringValue(getValue(root, 'kind'));
  if (!apiVersion || !kindName) return undefined;
  const match = /^([a-z0-9.-]+\.istio\.io)\/(v[a-z0-9]+)$/.exec(apiVersion);
  if (match) return { kind: 'istio', group: match[1], version: match[2], kindName };
  if (apiVersion === 'v1' && kindName === 'List') {
    const items = getValue(root, 'items');
    if (items?.type === 'array' && items.items.some((item) => recognizeKubernetes(item)?.kind === 'istio')) {
      return { kind: 'kubernetes-list' };
    }
  }
  return undefined;
}

/** Says what an Envoy or Istio document is, or undefined when it is neither (we then stay silent). */
export function recognizeDocument(root: ValueNode | undefined): DocumentKind | undefined {
  if (!root) return undefined;
  if (root.type === 'array') {
    const objects = root.items.filter((item) => item.type === 'object');
    if (objects.length > 0 && objects.every((item) => typeUrlOf(item)?.startsWith(TYPE_URL_PREFIX) || inferResourceType(item))) {
      return { kind: 'envoy-resource-list', shape: 'array' };
    }
    return undefined;
  }
  if (root.type !== 'object') return undefined;
  const kubernetes = recognizeKubernetes(root);
  if (kubernetes) return kubernetes;
  const dump = recognizeConfigDump(root);
  if (dump) return dump;
  const url = typeUrlOf(root);
  if (url?.startsWith(TYPE_URL_PREFIX) && /^type\.googleapis\.com\/(envoy|xds|udpa)\./.test(url)) {
    const typeName = typeNameFromUrl(url);
    if (typeName === 'envoy.config.bootstrap.v3.Bootstrap') return { kind: 'envoy-bootstrap' };
    return { kind: 'envoy-resource', typeName, typeInferred: false };
  }
  if (looksLikeBootstrap(root)) return { kind: 'envoy-bootstrap' };
  const resources = getValue(root, 'resources');
  if (resources?.type === 'array' && resources.items.some((item) => typeUrlOf(item)?.startsWith(TYPE_URL_PREFIX))) {
    return { kind: 'envoy-resource-list', shape: 'discovery-response' };
  }
  const inferred = inferResourceType(root);
  if (inferred) return { kind: 'envoy-resource', typeName: inferred, typeInferred: true };
  return undefined;
}
