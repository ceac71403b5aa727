import type { AnalyzedDocument, FileAnalysis } from '../analyze';
import { getField, getProperty, stringValue, type ObjectNode, type ValueNode } from '../document/nodes';
import { typeNameOfTypedConfig } from '../envoy/graph';
import { walkTyped, type TypedVisit } from '../model/typedWalk';
import type { EnvoyTypeIndex } from '../model/typeIndex';
import { describeClusterSummary, summarizeCluster } from './clusterSummary';
import { fileFacts } from './fileFacts';

export type OutlineKind =
  | 'listener' | 'filterChain' | 'filter' | 'routeConfig' | 'rds' | 'virtualHost' | 'route' | 'cluster'
  | 'endpoints' | 'secret' | 'section' | 'resource' | 'field';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  offset: number;
  length: number;
  selectionOffset: number;
  selectionLength: number;
  children: OutlineSymbol[];
}

const P = {
  listener: 'envoy.config.listener.v3.Listener',
  filterChain: 'envoy.config.listener.v3.FilterChain',
  filter: 'envoy.config.listener.v3.Filter',
  routeConfig: 'envoy.config.route.v3.RouteConfiguration',
  virtualHost: 'envoy.config.route.v3.VirtualHost',
  route: 'envoy.config.route.v3.Route',
  cluster: 'envoy.config.cluster.v3.Cluster',
  assignment: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
  secret: 'envoy.extensions.transport_sockets.tls.v3.Secret',
  rds: 'envoy.extensions.filters.network.http_connection_manager.v3.Rds',
};

function symbol(kind: OutlineKind, name: string, node: ObjectNode, nameNode?: ValueNode, detail?: string): OutlineSymbol {
  const selection = nameNode ?? node;
  return { kind, name: name || '(unnamed)', detail, offset: node.offset, length: node.length, selectionOffset: selection.offset, selectionLength: selection.length, children: [] };
}

function nameOf(node: ObjectNode): { name?: string; nameNode?: ValueNode } {
  const nameNode = getField(node, 'name');
  return { name: stringValue(nameNode), nameNode };
}

function socketAddress(listener: ObjectNode): string | undefined {
  const address = getField(getField(listener, 'address'), 'socket_address');
  const host = stringValue(getField(address, 'address'));
  const port = getField(address, 'port_value');
  return host !== undefined || port ? `${host ?? ''}:${port?.type === 'number' || port?.type === 'string' ? port.value : '?'}` : undefined;
}

function chainMatch(chain: ObjectNode): string | undefined {
  const match = getField(chain, 'filter_chain_match');
  if (match?.type !== 'object') return undefined;
  return match.properties.map((p) => `${p.key}: ${JSON.stringify(valueText(p.value))}`).join(', ') || undefined;
}

function valueText(value: ValueNode | undefined): unknown {
  if (!value) return null;
  if (value.type === 'array') return value.items.map(valueText);
  if (value.type === 'object') return '{…}';
  return value.value;
}

function routeLabel(route: ObjectNode): { name: string; detail?: string } {
  const match = getField(route, 'match');
  const matcher = match?.type === 'object' ? match.properties.find((p) => /^(prefix|path|safe_regex|safeRegex|path_separated_prefix|pathSeparatedPrefix|connect_matcher|connectMatcher|path_match_policy)$/.test(p.key)) : undefined;
  const matchText = matcher ? `${matcher.key} ${matcher.value?.type === 'string' ? matcher.value.value : '{…}'}` : undefined;
  const action = getField(route, 'route');
  const target = stringValue(getField(action, 'cluster')) ?? (getField(action, 'weighted_clusters') ? 'weighted clusters' : undefined);
  const other = getField(route, 'redirect') ? 'redirect' : getField(route, 'direct_response') ? 'direct response' : undefined;
  const name = stringValue(getField(route, 'name'));
  return { name: name ?? matchText ?? 'route', detail: [name ? matchText : undefined, target ? `→ ${target}` : other].filter(Boolean).join(' ') || undefined };
}

function envoySymbol(visit: TypedVisit): OutlineSymbol | undefined {
  const { node, typeName } = visit;
  const { name, nameNode } = nameOf(node);
  switch (typeName) {
    case P.listener:
      return symbol('listener', name ?? socketAddress(node) ?? 'listener', node, nameNode, name ? socketAddress(node) : undefined);
    case P.filterChain:
      return symbol('filterChain', name ?? 'filter chain', node, nameNode, chainMatch(node));
    case P.filter:
      return symbol('filter', name ?? typeNameOfTypedConfig(node) ?? 'filter', node, nameNode, typeNameOfTypedConfig(node)?.split('.').pop());
    case P.routeConfig:
      return symbol('routeConfig', name ?? 'route configuration', node, nameNode);
    case P.virtualHost: {
      const domains = getField(node, 'domains');
      return symbol('virtualHost', name ?? 'virtual host', node, nameNode, domains?.type === 'array' ? domains.items.map((d) => String(valueText(d))).join(', ') : undefined);
    }
    case P.route: {
      const label = routeLabel(node);
      return symbol('route', label.name, node, nameNode, label.detail);
    }
    case P.cluster:
      return symbol('cluster', name ?? 'cluster', node, nameNode, describeClusterSummary(summarizeCluster(node)).replace(/`/g, ''));
    case P.assignment:
      if (visit.ancestors.some((a) => a.typeName === P.cluster)) return undefined;
      return symbol('endpoints', stringValue(getField(node, 'cluster_name')) ?? 'endpoints', node, getField(node, 'cluster_name'));
    case P.secret:
      return symbol('secret', name ?? 'secret', node, nameNode);
    case P.rds: {
      const routeName = getField(node, 'route_config_name');
      return symbol('rds', `RDS ${stringValue(routeName) ?? ''}`.trim(), node, routeName);
    }
    default:
      if (/^envoy\.admin\.v3\.\w+ConfigDump$/.test(typeName)) return symbol('section', typeName.slice('envoy.admin.v3.'.length), node);
      return undefined;
  }
}

function envoyOutline(roots: { node: ValueNode; typeName: string }[], index: EnvoyTypeIndex): OutlineSymbol[] {
  const top: OutlineSymbol[] = [];
  const byNode = new Map<ObjectNode, OutlineSymbol>();
  for (const root of roots) {
    walkTyped(root.node, root.typeName, index, (visit) => {
      const found = envoySymbol(visit);
      if (!found) return;
      byNode.set(visit.node, found);
      const parent = [...visit.ancestors].reverse().find((a) => byNode.has(a.node));
      (parent ? byNode.get(parent.node)!.children : top).push(found);
    });
  }
  return top;
}

function istioOutline(document: AnalyzedDocument): OutlineSymbol[] {
  const root = document.document.root;
  if (root?.type !== 'object') return [];
  const kindName = stringValue(getProperty(root, 'kind')?.value) ?? 'resource';
  const metadata = getProperty(root, 'metadata')?.value;
  const nameNode = getProperty(metadata, 'name')?.value;
  const namespace = stringValue(getProperty(metadata, 'namespace')?.value);
  const resource = symbol('resource', `${kindName} ${stringValue(nameNode) ?? ''}`.trim(), root, nameNode, namespace);
  const spec = getProperty(root, 'spec')?.value;
  if (spec?.type === 'object') {
    for (const property of spec.properties) {
      if (!property.value || property.value.type !== 'object' && property.value.type !== 'array') continue;
      const section: OutlineSymbol = {
        kind: 'section', name: property.key, offset: property.keyOffset, length: property.value.offset + property.value.length - property.keyOffset,
        selectionOffset: property.keyOffset, selectionLength: property.keyLength, children: [],
      };
      if (property.value.type === 'array') {
        property.value.items.forEach((item, i) => {
          if (item.type !== 'object') return;
          const itemName = getProperty(item, 'name')?.value;
          section.children.push(symbol('field', stringValue(itemName) ?? `${property.key}[${i}]`, item, itemName));
        });
      }
      resource.children.push(section);
    }
  }
  if (document.kind?.kind === 'kubernetes-list') {
    const items = getProperty(root, 'items')?.value;
    if (items?.type === 'array') {
      resource.children = items.items.flatMap((item) => istioOutline({ document: { root: item, offset: item.offset, length: item.length }, kind: { kind: 'istio', group: '', version: '', kindName: '' } }));
    }
  }
  return [resource];
}

const outlines = new WeakMap<FileAnalysis, { index: EnvoyTypeIndex; symbols: OutlineSymbol[] }>();

/**
 * The outline of a recognised file: Envoy objects nested as Envoy nests them, Istio resources by kind and name.
 * Kept per analysis: the outline, breadcrumbs and sticky scroll each ask for it, and on a large dump it takes a walk
 * of the whole tree.
 */
export function documentSymbols(analysis: FileAnalysis, index: EnvoyTypeIndex): OutlineSymbol[] {
  if (!analysis.recognized) return [];
  const cached = outlines.get(analysis);
  if (cached?.index === index) return cached.symbols;
  const symbols = buildOutline(analysis, index);
  outlines.set(analysis, { index, symbols });
  return symbols;
}

function buildOutline(analysis: FileAnalysis, index: EnvoyTypeIndex): OutlineSymbol[] {
  const facts = fileFacts(analysis, index);
  const result: OutlineSymbol[] = [];
  for (const document of analysis.documents) {
    if (document.kind?.kind === 'istio' || document.kind?.kind === 'kubernetes-list') result.push(...istioOutline(document));
    else result.push(...envoyOutline(facts.rootsByDocument.get(document) ?? [], index));
  }
  return result;
}
