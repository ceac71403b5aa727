import { getField, stringValue, type ObjectNode, type ValueNode } from '../document/nodes';
import { typeNameOfTypedConfig } from '../envoy/graph';

/** The facts an SRE wants first about a cluster, as plain data so an index can keep it without the tree. */
export interface ClusterSummary {
  discovery: string;
  lbPolicy: string;
  /** undefined when the endpoints come from EDS and no ClusterLoadAssignment is at hand */
  endpointCount?: number;
  tls: 'tls' | 'per-endpoint' | 'plaintext';
  connectTimeout?: string;
  edsServiceName?: string;
}

function items(node: ValueNode | undefined): ValueNode[] {
  return node?.type === 'array' ? node.items : [];
}

/** Counts the endpoints of a ClusterLoadAssignment (inline `load_assignment` or an EDS resource). */
export function countEndpoints(assignment: ValueNode | undefined): number | undefined {
  if (assignment?.type !== 'object') return undefined;
  return items(getField(assignment, 'endpoints')).reduce((sum, locality) => sum + items(getField(locality, 'lb_endpoints')).length, 0);
}

function isTlsSocket(socket: ValueNode | undefined): boolean {
  const typeName = typeNameOfTypedConfig(socket) ?? '';
  const name = stringValue(getField(socket, 'name')) ?? '';
  return /UpstreamTlsContext$/.test(typeName) || name === 'envoy.transport_sockets.tls' || name === 'tls';
}

/** `endpointsByName` resolves EDS clusters against ClusterLoadAssignments found elsewhere (a dump, another file). */
export function summarizeCluster(cluster: ObjectNode, endpointsByName?: (name: string) => ValueNode | undefined): ClusterSummary {
  const customType = stringValue(getField(getField(cluster, 'cluster_type'), 'name'));
  const discovery = customType ?? stringValue(getField(cluster, 'type')) ?? 'STATIC';
  const lbPolicy = stringValue(getField(cluster, 'lb_policy')) ?? 'ROUND_ROBIN';
  const name = stringValue(getField(cluster, 'name'));
  const edsServiceName = stringValue(getField(getField(cluster, 'eds_cluster_config'), 'service_name'));
  let endpointCount = countEndpoints(getField(cluster, 'load_assignment'));
  if (endpointCount === undefined && discovery === 'EDS' && endpointsByName) {
    const assignment = endpointsByName(edsServiceName ?? name ?? '');
    endpointCount = countEndpoints(assignment);
  }
  const matches = items(getField(cluster, 'transport_socket_matches'));
  const tls = matches.some((match) => isTlsSocket(getField(match, 'transport_socket')))
    ? 'per-endpoint'
    : isTlsSocket(getField(cluster, 'transport_socket'))
      ? 'tls'
      : 'plaintext';
  const timeout = getField(cluster, 'connect_timeout');
  return {
    discovery,
    lbPolicy,
    endpointCount,
    tls,
    connectTimeout: timeout && (timeout.type === 'string' || timeout.type === 'number') ? String(timeout.value) : undefined,
    edsServiceName,
  };
}

const tlsWords: Record<ClusterSummary['tls'], string> = {
  tls: 'TLS to every endpoint',
  'per-endpoint': 'TLS chosen per endpoint (transport_socket_matches)',
  plaintext: 'plaintext',
};

export function describeClusterSummary(summary: ClusterSummary): string {
  const endpoints =
    summary.endpointCount !== undefined
      ? `${summary.endpointCount} endpoint${summary.endpointCount === 1 ? '' : 's'}`
      : summary.discovery === 'EDS'
        ? `endpoints from EDS${summary.edsServiceName ? ` (\`${summary.edsServiceName}\`)` : ''}`
        : summary.discovery === 'ORIGINAL_DST'
          ? 'endpoints: the original destination of each connection'
          : 'no endpoints listed';
  const parts = [`type \`${summary.discovery}\``, `lb \`${summary.lbPolicy}\``, endpoints, tlsWords[summary.tls]];
  if (summary.connectTimeout) parts.push(`connect timeout ${summary.connectTimeout}`);
  return parts.join(' · ');
}
