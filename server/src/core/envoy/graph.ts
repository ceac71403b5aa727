import { getField, getProperty, stringValue, type ObjectNode, type ScalarNode, type ValueNode } from '../document/nodes';
import type { AnalyzedDocument } from '../analyze';
import { walkTyped, type TypedVisit } from '../model/typedWalk';
import { typedRoots } from './typedRoots';
import type { EnvoyTypeIndex } from '../model/typeIndex';

export type ObjectKind = 'cluster' | 'listener' | 'routeConfig' | 'secret' | 'endpoints';

/** A named Envoy object defined in a document. */
export interface Definition {
  kind: ObjectKind;
  name: string;
  nameNode: ScalarNode;
  node: ObjectNode;
  /** the scope duplicates are judged in: the list that holds the object */
  scope: string;
}

export type ReferenceContext = 'route' | 'weighted-cluster' | 'mirror' | 'tcp-proxy' | 'grpc-service' | 'http-uri' | 'rds' | 'eds-service' | 'load-assignment' | 'config-source' | 'tracing' | 'sds';

/** A place that names another object. */
export interface Reference {
  kind: ObjectKind;
  name: string;
  node: ScalarNode;
  context: ReferenceContext;
  /** the route configuration is inline in the HCM (static): Envoy checks its clusters at start-up */
  inStaticRouteConfig: boolean;
  /** the name sits in an xDS config source, whose cluster Envoy needs before any xDS arrives */
  inConfigSource: boolean;
  /** an SDS reference: the field that holds it, and whether it names a static secret (no `sds_config` beside it) */
  sds?: { slot?: string; isStatic: boolean };
}

export interface HttpConnectionManagerInfo {
  node: ObjectNode;
  httpFilters: { name?: string; nameNode?: ScalarNode; typeName?: string; node: ObjectNode }[];
}

export interface FilterChainInfo {
  node: ObjectNode;
  filters: { name?: string; typeName?: string; node: ObjectNode }[];
}

export interface EnvoyGraph {
  definitions: Definition[];
  references: Reference[];
  connectionManagers: HttpConnectionManagerInfo[];
  filterChains: FilterChainInfo[];
}

const definitionTypes: Record<string, ObjectKind> = {
  'envoy.config.cluster.v3.Cluster': 'cluster',
  'envoy.config.listener.v3.Listener': 'listener',
  'envoy.config.route.v3.RouteConfiguration': 'routeConfig',
  'envoy.extensions.transport_sockets.tls.v3.Secret': 'secret',
};

/** `Message.field` → what the field's string names. */
const referenceFields: Record<string, { kind: ObjectKind; context: ReferenceContext; list?: boolean }> = {
  'envoy.config.route.v3.RouteAction.cluster': { kind: 'cluster', context: 'route' },
  'envoy.config.route.v3.WeightedCluster.ClusterWeight.name': { kind: 'cluster', context: 'weighted-cluster' },
  'envoy.config.route.v3.RouteAction.RequestMirrorPolicy.cluster': { kind: 'cluster', context: 'mirror' },
  'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.cluster': { kind: 'cluster', context: 'tcp-proxy' },
  'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.WeightedCluster.ClusterWeight.name': { kind: 'cluster', context: 'weighted-cluster' },
  'envoy.config.core.v3.GrpcService.EnvoyGrpc.cluster_name': { kind: 'cluster', context: 'grpc-service' },
  'envoy.config.core.v3.HttpUri.cluster': { kind: 'cluster', context: 'http-uri' },
  'envoy.config.core.v3.ApiConfigSource.cluster_names': { kind: 'cluster', context: 'config-source', list: true },
  'envoy.config.trace.v3.ZipkinConfig.collector_cluster': { kind: 'cluster', context: 'tracing' },
  'envoy.config.trace.v3.DatadogConfig.collector_cluster': { kind: 'cluster', context: 'tracing' },
  'envoy.config.endpoint.v3.ClusterLoadAssignment.cluster_name': { kind: 'cluster', context: 'load-assignment' },
  'envoy.config.cluster.v3.Cluster.EdsClusterConfig.service_name': { kind: 'endpoints', context: 'eds-service' },
  'envoy.extensions.filters.network.http_connection_manager.v3.Rds.route_config_name': { kind: 'routeConfig', context: 'rds' },
  'envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig.name': { kind: 'secret', context: 'sds' },
};

const HCM = 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const FILTER_CHAIN = 'envoy.config.listener.v3.FilterChain';

export function typeNameOfTypedConfig(node: ValueNode | undefined): string | undefined {
  const url = stringValue(getProperty(getField(node, 'typed_config'), '@type')?.value);
  return url?.slice(url.lastIndexOf('/') + 1);
}

const graphsByDocuments = new WeakMap<readonly AnalyzedDocument[], { index: EnvoyTypeIndex; graph: EnvoyGraph }>();

/**
 * The graph of a file's recognised documents, built once per analysis: the reference checks, the workspace index and
 * the navigation features all ask for it, and each walk of a large file costs as much as validating it.
 */
export function graphOfDocuments(documents: readonly AnalyzedDocument[], index: EnvoyTypeIndex): EnvoyGraph {
  const cached = graphsByDocuments.get(documents);
  if (cached && cached.index === index) return cached.graph;
  const graph = extractGraph(documents.flatMap((d) => typedRoots(d.kind, d.document.root)), index);
  graphsByDocuments.set(documents, { index, graph });
  return graph;
}

/** Extracts the named objects and the names that point at them from typed document roots. */
export function extractGraph(roots: { node: ValueNode; typeName: string }[], index: EnvoyTypeIndex): EnvoyGraph {
  const graph: EnvoyGraph = { definitions: [], references: [], connectionManagers: [], filterChains: [] };
  for (const root of roots) {
    walkTyped(root.node, root.typeName, index, (visit) => collect(visit, graph, index));
  }
  return graph;
}

function collect(visit: TypedVisit, graph: EnvoyGraph, index: EnvoyTypeIndex): void {
  const { node, typeName } = visit;
  const definitionKind = definitionTypes[typeName];
  if (definitionKind) {
    const nameNode = getField(node, 'name');
    if (nameNode?.type === 'string') {
      const container = visit.ancestors.at(-1);
      const scope = `${container ? `${container.node.offset}` : 'root'}:${visit.field?.name ?? ''}`;
      graph.definitions.push({ kind: definitionKind, name: nameNode.value as string, nameNode, node, scope });
    }
  }
  if (typeName === 'envoy.config.endpoint.v3.ClusterLoadAssignment' && !visit.ancestors.some((a) => a.typeName === 'envoy.config.cluster.v3.Cluster')) {
    const nameNode = getField(node, 'cluster_name');
    if (nameNode?.type === 'string') {
      graph.definitions.push({ kind: 'endpoints', name: nameNode.value as string, nameNode, node, scope: 'endpoints' });
    }
  }
  const inStaticRouteConfig = visit.ancestors.some((a) => a.typeName === HCM) && visit.ancestors.some((a) => a.typeName === 'envoy.config.route.v3.RouteConfiguration');
  const inConfigSource = typeName === 'envoy.config.core.v3.ApiConfigSource' || visit.ancestors.some((a) => a.typeName === 'envoy.config.core.v3.ApiConfigSource');
  for (const property of node.properties) {
    const fieldModel = index.fields(typeName).byName.get(property.key);
    if (!fieldModel || !property.value) continue;
    const reference = referenceFields[`${typeName}.${fieldModel.name}`];
    if (!reference) continue;
    // A ClusterLoadAssignment nested in its cluster simply repeats the cluster's own name.
    if (reference.context === 'load-assignment' && visit.ancestors.some((a) => a.typeName === 'envoy.config.cluster.v3.Cluster')) continue;
    const values = property.value.type === 'array' ? property.value.items : [property.value];
    const sds = reference.context === 'sds' ? { slot: visit.field?.name, isStatic: getField(node, 'sds_config') === undefined } : undefined;
    for (const value of values) {
      if (value.type !== 'string') continue;
      graph.references.push({ kind: reference.kind, name: value.value as string, node: value, context: reference.context, inStaticRouteConfig, inConfigSource, ...(sds && { sds }) });
    }
  }
  if (typeName === HCM) {
    const filters = getField(node, 'http_filters');
    graph.connectionManagers.push({
      node,
      httpFilters: (filters?.type === 'array' ? filters.items : []).filter((f): f is ObjectNode => f.type === 'object').map((filter) => {
        const nameNode = getField(filter, 'name');
        return { name: stringValue(nameNode), nameNode: nameNode?.type === 'string' ? nameNode : undefined, typeName: typeNameOfTypedConfig(filter), node: filter };
      }),
    });
  }
  if (typeName === FILTER_CHAIN) {
    const filters = getField(node, 'filters');
    if (filters?.type === 'array') {
      graph.filterChains.push({
        node,
        filters: filters.items.filter((f): f is ObjectNode => f.type === 'object').map((filter) => ({
          name: stringValue(getField(filter, 'name')),
          typeName: typeNameOfTypedConfig(filter),
          node: filter,
        })),
      });
    }
  }
}
