import type { ScalarNode, ValueNode } from '../document/nodes';
import { displaySource } from '../envoy/relatedClusters';
import type { ObjectKind } from '../envoy/graph';
import { describeIstioCluster, describeIstioListener, describeIstioPort, describeIstioRouteName, parseIstioClusterName } from '../istio/names';
import { countEndpoints, describeClusterSummary, summarizeCluster } from '../navigation/clusterSummary';
import type { FileFacts } from '../navigation/fileFacts';
import type { WorkspaceIndex } from '../navigation/workspaceIndex';

const KIND_WORDS: Record<ObjectKind, string> = {
  cluster: 'cluster',
  listener: 'listener',
  routeConfig: 'route configuration',
  secret: 'secret',
  endpoints: 'endpoints (ClusterLoadAssignment)',
};

function istioMeaning(kind: ObjectKind | undefined, name: string): string | undefined {
  switch (kind) {
    case 'listener':
      return describeIstioListener(name);
    case 'routeConfig':
      return describeIstioRouteName(name);
    case 'cluster':
    case 'endpoints':
      return describeIstioCluster(name);
    default:
      return describeIstioCluster(name) ?? (WELL_KNOWN_LISTENER_NAMES.has(name) ? describeIstioListener(name) : undefined);
  }
}

const WELL_KNOWN_LISTENER_NAMES = new Set(['virtualOutbound', 'virtualInbound', 'connect_originate', 'connect_terminate', 'main_internal']);

function decodedClusterName(name: string): string | undefined {
  const parsed = parseIstioClusterName(name);
  if (!parsed) return undefined;
  const parts = [`direction \`${parsed.direction}\``, `port ${parsed.port}`];
  if (parsed.subset) parts.push(`${parsed.direction === 'inbound-vip' ? 'protocol' : 'subset'} \`${parsed.subset}\``);
  if (parsed.host) parts.push(`host \`${parsed.host}\``);
  return parts.join(' · ');
}

/** What a cluster referenced here is, from its definition in this file or elsewhere in the workspace. */
function clusterFacts(name: string, facts: FileFacts, uri: string, workspace: WorkspaceIndex | undefined): string | undefined {
  const endpoints = (n: string): ValueNode | undefined => facts.graph.definitions.find((d) => d.kind === 'endpoints' && d.name === n)?.node;
  const local = facts.graph.definitions.find((d) => d.kind === 'cluster' && d.name === name);
  if (local) return describeClusterSummary(summarizeCluster(local.node, endpoints));
  const remote = workspace?.definitions('cluster', name).find((d) => d.uri !== uri && d.cluster);
  if (remote?.cluster) {
    return `${describeClusterSummary(remote.cluster)} (defined in \`${displaySource(remote.uri)}\`)`;
  }
  return undefined;
}

/**
 * The hover of a string that names an Envoy object: what Istio's naming says about it and, for a referenced
 * cluster, a summary of its definition.
 */
export function nameHoverMarkdown(node: ScalarNode, facts: FileFacts, uri: string, workspace?: WorkspaceIndex): string | undefined {
  if (node.type !== 'string') return undefined;
  const name = node.value as string;
  const reference = facts.referenceByNode.get(node);
  const definition = facts.definitionByNameNode.get(node);
  const kind = reference?.kind ?? definition?.kind;
  const sections: string[] = [];
  const meaning = istioMeaning(kind, name);
  if (kind || meaning) sections.push(`**${name}**${kind ? ` · ${KIND_WORDS[kind]}${definition ? ' (defined here)' : ''}` : ''}`);
  if (meaning) sections.push(meaning);
  const decoded = decodedClusterName(name);
  if (decoded) sections.push(`Istio cluster name: ${decoded}`);
  // Without a workspace (a large file, hovered in the analysis worker) only the file itself was searched.
  const searched = workspace ? 'this file or the workspace' : 'this file';
  if (reference && (reference.kind === 'cluster' || reference.kind === 'endpoints')) {
    const summary = clusterFacts(name, facts, uri, workspace);
    if (summary) sections.push(`Cluster: ${summary}`);
    else if (reference.kind === 'cluster') sections.push(`_No cluster of this name in ${searched}._`);
  }
  if (reference?.kind === 'routeConfig') {
    const local = facts.graph.definitions.some((d) => d.kind === 'routeConfig' && d.name === name);
    const remote = workspace?.definitions('routeConfig', name).some((d) => d.uri !== uri);
    sections.push(local || remote ? 'Route configuration found: go to definition to open it.' : `_Served over RDS; no route configuration of this name in ${searched}._`);
  }
  if (definition?.kind === 'endpoints') {
    const count = countEndpoints(definition.node);
    if (count !== undefined) sections.push(`${count} endpoint${count === 1 ? '' : 's'}`);
  }
  return sections.length ? sections.join('\n\n') : undefined;
}

const PORT_KEYS = new Set(['port_value', 'portValue', 'port', 'number', 'targetPort', 'destination_port', 'destinationPort']);

/** Istio's well-known ports (15001 outbound capture, 15006 inbound, 15008 HBONE…) where a port is written. */
export function portHoverMarkdown(key: string | undefined, node: ScalarNode): string | undefined {
  if (!key || !PORT_KEYS.has(key) || (node.type !== 'number' && node.type !== 'string')) return undefined;
  const port = Number(node.value);
  const meaning = Number.isInteger(port) ? describeIstioPort(port) : undefined;
  return meaning ? `**${port}** · ${meaning}` : undefined;
}
