import type { AnalyzedDocument, Checker } from '../analyze';
import { getField, stringValue, type ObjectNode, type ValueNode } from '../document/nodes';
import { deprecatedExtensionNames, ROUTER_TYPE, terminalNetworkFilterTypes } from '../envoy/extensionNames';
import { graphOfDocuments, type EnvoyGraph, type Reference } from '../envoy/graph';
import { displaySource, type RelatedFacts } from '../envoy/relatedClusters';
import { typedRoots } from '../envoy/typedRoots';
import type { EnvoyTypeIndex } from '../model/typeIndex';
import type { Finding, Severity } from '../types';
import { checkBootstrapRules } from './bootstrapRules';
import { checkStaticSecretReferences } from './staticSecrets';
import { closestName } from './suggest';

const ROUTER_NAMES = new Set(['envoy.filters.http.router', 'envoy.router']);

/** Checks that look across a whole file: names that point nowhere, duplicate names, and filter order. */
export function createReferenceChecker(index: EnvoyTypeIndex): Checker {
  return {
    checkFile({ documents, related }) {
      if (!documents.some((d) => typedRoots(d.kind, d.document.root).length > 0)) return [];
      const graph = graphOfDocuments(documents, index);
      const findings: Finding[] = [];
      const isDump = documents.some((d) => d.kind?.kind === 'config-dump');
      if (!isDump) checkDuplicates(graph, findings);
      checkClusterReferences(graph, documents, isDump, related, findings);
      if (!isDump) {
        checkStaticSecretReferences(graph, documents, findings);
        checkHttpFilterOrder(graph, findings);
        checkNetworkFilterOrder(graph, findings);
      }
      for (const document of documents) {
        if (document.kind?.kind === 'envoy-bootstrap') findings.push(...checkBootstrapRules(document.document.root));
      }
      return findings;
    },
  };
}

function push(findings: Finding[], node: { offset: number; length: number }, severity: Severity, code: string, message: string): void {
  findings.push({ offset: node.offset, length: Math.max(node.length, 1), severity, code, message });
}

const kindLabels = { cluster: 'cluster', listener: 'listener', routeConfig: 'route configuration', secret: 'secret', endpoints: 'endpoints' };

function checkDuplicates(graph: EnvoyGraph, findings: Finding[]): void {
  const seen = new Map<string, boolean>();
  for (const definition of graph.definitions) {
    if (definition.kind === 'endpoints') continue;
    const key = `${definition.kind}\u0000${definition.scope}\u0000${definition.name}`;
    if (seen.has(key)) {
      push(findings, definition.nameNode, 'error', 'envoy-duplicate-name',
        `Duplicate ${kindLabels[definition.kind]} name "${definition.name}": Envoy refuses a configuration that defines it twice`);
    }
    seen.set(key, true);
  }
}

function bootstrapHasCds(documents: AnalyzedDocument[]): boolean {
  return documents.some((d) => d.kind?.kind === 'envoy-bootstrap' && getField(getField(d.document.root, 'dynamic_resources'), 'cds_config') !== undefined);
}

function checkClusterReferences(graph: EnvoyGraph, documents: AnalyzedDocument[], isDump: boolean, related: RelatedFacts | undefined, findings: Finding[]): void {
  const clusters = new Set(graph.definitions.filter((d) => d.kind === 'cluster').map((d) => d.name));
  const isBootstrap = documents.some((d) => d.kind?.kind === 'envoy-bootstrap');
  // A config dump is one Envoy's whole state: other files can neither add to it nor explain what it lacks.
  const elsewhere = new Map<string, string>();
  if (!isDump) for (const cluster of related?.clusters ?? []) if (!elsewhere.has(cluster.name)) elsewhere.set(cluster.name, cluster.source);
  // A file of routes alone names clusters defined elsewhere: judge it only when we see where they might be.
  if (!isBootstrap && clusters.size === 0 && elsewhere.size === 0) return;
  const hasCds = bootstrapHasCds(documents);
  const lookedElsewhere = elsewhere.size > 0 && related ? (related.origin === 'file-set' ? 'the files checked together' : 'the workspace') : undefined;
  for (const reference of graph.references) {
    if (reference.kind !== 'cluster' || reference.context === 'load-assignment' || clusters.has(reference.name)) continue;
    const severity = referenceSeverity(reference, isBootstrap, hasCds, isDump);
    if (!severity) continue;
    const otherFile = elsewhere.get(reference.name);
    if (otherFile !== undefined && severity !== 'error') continue;
    const consequence =
      severity === 'error'
        ? reference.inConfigSource
          ? '; an xDS or SDS config source needs a statically defined cluster, so Envoy will not start'
          : '; Envoy checks the clusters of static routes at start-up and will not start'
        : isDump
          ? ''
          : '; it must come from elsewhere (CDS), or requests to it fail with 503';
    if (otherFile !== undefined) {
      // Envoy reads only its own bootstrap at start-up, so a definition in another file does not count.
      push(findings, reference.node, severity, 'envoy-unknown-cluster',
        `Cluster "${reference.name}" is defined in ${displaySource(otherFile)}, not in static_resources of this bootstrap${consequence}`);
      continue;
    }
    // Another file's cluster only fixes a reference Envoy does not check at start-up, so only then is it a suggestion.
    const candidates = severity === 'error' || !lookedElsewhere ? clusters : [...clusters, ...elsewhere.keys()];
    const suggestion = closestName(reference.name, candidates);
    const here = isDump ? 'in this config dump' : isBootstrap ? 'in static_resources' : 'in this file';
    const where = lookedElsewhere && severity !== 'error' ? `${here} or ${lookedElsewhere}` : here;
    push(findings, reference.node, severity, 'envoy-unknown-cluster',
      `No cluster named "${reference.name}" ${where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}${consequence}`);
  }
}

function referenceSeverity(reference: Reference, isBootstrap: boolean, hasCds: boolean, isDump: boolean): Severity | undefined {
  if (isDump) return 'warning';
  if (!isBootstrap) return 'warning';
  if (reference.inConfigSource) return 'error';
  if (!hasCds && (reference.inStaticRouteConfig || reference.context === 'tcp-proxy')) return 'error';
  return 'warning';
}

function isRouter(filter: { name?: string; typeName?: string }): boolean {
  return filter.typeName === ROUTER_TYPE || (filter.typeName === undefined && filter.name !== undefined && ROUTER_NAMES.has(filter.name));
}

function checkHttpFilterOrder(graph: EnvoyGraph, findings: Finding[]): void {
  for (const manager of graph.connectionManagers) {
    const filters = manager.httpFilters;
    const routerIndex = filters.findIndex(isRouter);
    if (routerIndex >= 0 && routerIndex < filters.length - 1) {
      const after = filters[routerIndex + 1];
      push(findings, after.nameNode ?? after.node, 'error', 'envoy-filter-after-router',
        `HTTP filter "${after.name ?? after.typeName ?? 'unnamed'}" comes after the router; Envoy rejects the listener because the router must be the last HTTP filter`);
    } else if (routerIndex < 0 && filters.length > 0) {
      const last = filters[filters.length - 1];
      push(findings, last.nameNode ?? last.node, 'error', 'envoy-missing-router',
        `The last HTTP filter is "${last.name ?? last.typeName ?? 'unnamed'}", not the router: Envoy needs a terminal filter (envoy.filters.http.router) at the end of http_filters`);
    }
  }
}

function isTerminalNetworkFilter(filter: { name?: string; typeName?: string }): boolean {
  if (filter.typeName) return terminalNetworkFilterTypes.has(filter.typeName);
  const name = filter.name ? deprecatedExtensionNames[filter.name] ?? filter.name : undefined;
  return name === 'envoy.filters.network.http_connection_manager' || name === 'envoy.filters.network.tcp_proxy';
}

function checkNetworkFilterOrder(graph: EnvoyGraph, findings: Finding[]): void {
  for (const chain of graph.filterChains) {
    const terminalIndex = chain.filters.findIndex(isTerminalNetworkFilter);
    if (terminalIndex >= 0 && terminalIndex < chain.filters.length - 1) {
      const terminal = chain.filters[terminalIndex];
      const after = chain.filters[terminalIndex + 1];
      push(findings, nameNodeOf(after.node), 'error', 'envoy-filter-after-terminal',
        `Network filter "${after.name ?? after.typeName}" comes after the terminal filter "${terminal.name ?? terminal.typeName}"; Envoy rejects a filter chain where anything follows it`);
    }
  }
}

function nameNodeOf(node: ObjectNode): ValueNode {
  return getField(node, 'name') ?? node;
}
