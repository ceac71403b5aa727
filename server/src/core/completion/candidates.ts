import type { FileAnalysis } from '../analyze';
import { PLACEHOLDER } from './cursorContext';
import { getField, getProperty, stringValue, type ObjectNode, type PathSegment, type ValueNode } from '../document/nodes';
import type { LanguageModels } from '../docs/models';
import type { ObjectKind } from '../envoy/graph';
import { resolveTypedPath } from '../model/typedWalk';
import { extensionCategoryOf } from '../model/typeIndex';

const TYPE_URL_PREFIX = 'type.googleapis.com/';

const styleCache = new WeakMap<FileAnalysis, 'snake' | 'camel'>();

/** Envoy reads both spellings; completion follows whichever the document already uses (snake_case if unclear). */
export function detectKeyStyle(analysis: FileAnalysis): 'snake' | 'camel' {
  const cached = styleCache.get(analysis);
  if (cached) return cached;
  const style = keyStyleOf(analysis.documents.map((document) => document.document.root));
  styleCache.set(analysis, style);
  return style;
}

/** The spelling most multi-word keys under these nodes use; snake_case, as Envoy's docs write, when none say. */
export function keyStyleOf(nodes: (ValueNode | undefined)[]): 'snake' | 'camel' {
  let snake = 0;
  let camel = 0;
  let budget = 5000;
  const visit = (node: ValueNode | undefined): void => {
    if (!node || budget <= 0) return;
    if (node.type === 'array') node.items.forEach(visit);
    if (node.type !== 'object') return;
    for (const property of node.properties) {
      budget--;
      if (property.key === PLACEHOLDER) continue;
      if (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(property.key)) snake++;
      else if (/^[a-z]+[A-Z]\w*$/.test(property.key) && !property.key.includes('.')) camel++;
      visit(property.value);
    }
  };
  for (const node of nodes) visit(node);
  return camel > snake ? 'camel' : 'snake';
}

const REFERENCE_FIELDS: Record<string, ObjectKind> = {
  'envoy.config.route.v3.RouteAction.cluster': 'cluster',
  'envoy.config.route.v3.WeightedCluster.ClusterWeight.name': 'cluster',
  'envoy.config.route.v3.RouteAction.RequestMirrorPolicy.cluster': 'cluster',
  'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.cluster': 'cluster',
  'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.WeightedCluster.ClusterWeight.name': 'cluster',
  'envoy.config.core.v3.GrpcService.EnvoyGrpc.cluster_name': 'cluster',
  'envoy.config.core.v3.HttpUri.cluster': 'cluster',
  'envoy.config.core.v3.ApiConfigSource.cluster_names': 'cluster',
  'envoy.config.trace.v3.ZipkinConfig.collector_cluster': 'cluster',
  'envoy.config.endpoint.v3.ClusterLoadAssignment.cluster_name': 'cluster',
  'envoy.config.cluster.v3.Cluster.EdsClusterConfig.service_name': 'cluster',
  'envoy.extensions.filters.network.http_connection_manager.v3.Rds.route_config_name': 'routeConfig',
  'envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig.name': 'secret',
};

/** The kind of object a string field names (`RouteAction.cluster` → cluster), for offering the names defined. */
export function referenceKindOf(owner: string | undefined, fieldName: string): ObjectKind | undefined {
  return owner ? REFERENCE_FIELDS[`${owner}.${fieldName}`] : undefined;
}

/** Extension-bearing messages whose category is not on the field (the API tags the category elsewhere). */
const CATEGORY_BY_HOLDER: Record<string, string[]> = {
  'envoy.config.core.v3.TransportSocket': ['envoy.transport_sockets'],
};

function nodeAt(root: ValueNode, path: PathSegment[]): ValueNode | undefined {
  let node: ValueNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    node = typeof segment === 'number' ? (node.type === 'array' ? node.items[segment] : undefined) : getProperty(node, segment)?.value;
  }
  return node;
}

function inCategories(extension: string, categories: string[]): boolean {
  return categories.some((category) => extension === category || extensionCategoryOf(extension) === category || extension.startsWith(`${category}.`));
}

/** Categories an Any or TypedExtensionConfig slot accepts, looking up one level when the slot's own field says none. */
function slotCategories(root: ObjectNode, rootType: string, anyPath: PathSegment[], models: LanguageModels): string[] {
  const resolved = resolveTypedPath(root, rootType, anyPath, models.envoy);
  if (resolved.field?.extensionCategory?.length) return resolved.field.extensionCategory;
  if (resolved.fieldOwner && CATEGORY_BY_HOLDER[resolved.fieldOwner]) return CATEGORY_BY_HOLDER[resolved.fieldOwner];
  if (resolved.fieldOwner === 'envoy.config.core.v3.TypedExtensionConfig') {
    const holderPath = anyPath.slice(0, -1);
    const up = typeof holderPath[holderPath.length - 1] === 'number' ? holderPath.slice(0, -1) : holderPath;
    const outer = resolveTypedPath(root, rootType, up, models.envoy);
    return outer.field?.extensionCategory ?? [];
  }
  return [];
}

export interface TypeUrlCandidate {
  url: string;
  typeName: string;
  extensions: string[];
  preferred: boolean;
}

/**
 * `@type` URLs that fit an Any: the messages of the extension category the slot accepts, with the type of the
 * extension the surrounding object names (an HTTP filter `name`, a `typed_per_filter_config` key) first.
 */
export function typeUrlCandidates(
  root: ObjectNode,
  rootType: string,
  anyPath: PathSegment[],
  models: LanguageModels,
): TypeUrlCandidate[] {
  const index = models.envoy;
  const preferredNames = new Set<string>();
  const last = anyPath[anyPath.length - 1];
  const container = resolveTypedPath(root, rootType, anyPath.slice(0, -1), index);
  if (typeof last === 'string' && container.field?.mapKey) {
    // map of extension name (or type name) → Any: typed_per_filter_config, typed_extension_protocol_options
    for (const type of index.typesForExtension(last)) preferredNames.add(type);
    if (index.message(last)) preferredNames.add(last);
  } else {
    const owner = nodeAt(root, typeof last === 'number' ? anyPath.slice(0, -2) : anyPath.slice(0, -1));
    const ownerName = stringValue(getField(owner, 'name'));
    if (ownerName) for (const type of index.typesForExtension(ownerName)) preferredNames.add(type);
  }
  const categories = slotCategories(root, rootType, anyPath, models);
  const candidates = new Map<string, TypeUrlCandidate>();
  const add = (typeName: string, preferred: boolean): void => {
    if (candidates.has(typeName) || !index.message(typeName)) return;
    candidates.set(typeName, { url: TYPE_URL_PREFIX + typeName, typeName, extensions: index.message(typeName)?.extensions ?? [], preferred });
  };
  for (const typeName of preferredNames) add(typeName, true);
  for (const typeName of index.messageNames()) {
    const message = index.message(typeName)!;
    if (!message.extensions?.length || message.deprecated) continue;
    if (categories.length === 0 || message.extensions.some((extension) => inCategories(extension, categories))) add(typeName, false);
  }
  return [...candidates.values()];
}

/** Extension names that fit the `name` of a filter or other extension holder, from its `typed_config` slot. */
export function extensionNameCandidates(owner: string | undefined, holder: ObjectNode, models: LanguageModels): string[] {
  if (!owner) return [];
  const message = models.envoy.message(owner);
  const slot = message?.fields.find((field) => field.name === 'typed_config');
  if (!slot) return [];
  const categories = slot.extensionCategory ?? CATEGORY_BY_HOLDER[owner] ?? [];
  const url = stringValue(getProperty(getField(holder, 'typed_config'), '@type')?.value);
  const typeName = url?.slice(url.lastIndexOf('/') + 1);
  const first = typeName ? models.envoy.message(typeName)?.extensions ?? [] : [];
  const rest = categories.length ? models.envoy.extensionNames().filter((name) => inCategories(name, categories)).sort() : [];
  return [...new Set([...first, ...rest])];
}
