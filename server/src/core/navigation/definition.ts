import type { FileAnalysis } from '../analyze';
import type { ScalarNode } from '../document/nodes';
import type { ObjectKind } from '../envoy/graph';
import type { EnvoyTypeIndex } from '../model/typeIndex';
import { definitionsNamed, fileFacts, locate, type FileFacts } from './fileFacts';
import type { WorkspaceIndex } from './workspaceIndex';

export interface TargetLocation {
  uri: string;
  offset: number;
  length: number;
}

export interface NavigationInput {
  analysis: FileAnalysis;
  uri: string;
  offset: number;
  index: EnvoyTypeIndex;
  workspace?: WorkspaceIndex;
}

/** The object a position names or defines: a reference (`cluster: x`) or the `name:` value of a definition. */
export interface NamedTarget {
  kind: ObjectKind;
  name: string;
  node: ScalarNode;
  isDefinition: boolean;
}

const PER_FILTER_CONFIG_KEYS = new Set(['typed_per_filter_config', 'typedPerFilterConfig']);

export function namedTargetAt(analysis: FileAnalysis, offset: number, index: EnvoyTypeIndex): NamedTarget | undefined {
  if (!analysis.recognized) return undefined;
  const location = locate(analysis, offset, index);
  const node = location?.hit.node;
  if (!node || location.hit.onKey || node.type !== 'string') return undefined;
  const facts = fileFacts(analysis, index);
  const reference = facts.referenceByNode.get(node);
  if (reference) return { kind: reference.kind, name: reference.name, node, isDefinition: false };
  const definition = facts.definitionByNameNode.get(node);
  if (definition) return { kind: definition.kind, name: definition.name, node, isDefinition: true };
  return undefined;
}

/** Where the workspace's other files define a named object. */
export function workspaceDefinitions(workspace: WorkspaceIndex | undefined, uri: string, kind: ObjectKind, name: string): TargetLocation[] {
  return (workspace?.definitions(kind, name) ?? []).filter((d) => d.uri !== uri).map((d) => ({ uri: d.uri, offset: d.offset, length: d.length }));
}

/** Where the workspace's other files name an object of one kind. */
export function workspaceReferences(workspace: WorkspaceIndex | undefined, uri: string, kind: ObjectKind, name: string): TargetLocation[] {
  return (workspace?.references(kind, name) ?? []).filter((r) => r.uri !== uri).map((r) => ({ uri: r.uri, offset: r.offset, length: r.length }));
}

/** A cluster and the EDS service of the same name are one upstream: references of either are references of both. */
export function referenceKindsOf(kind: ObjectKind): ObjectKind[] {
  return kind === 'endpoints' || kind === 'cluster' ? ['cluster', 'endpoints'] : [kind];
}

/** Where a named object is defined: in this file first, then in the other files of the workspace. */
function definitionLocations(facts: FileFacts, kind: ObjectKind, name: string, input: NavigationInput): TargetLocation[] {
  const local = definitionsNamed(facts, kind, name).map((d) => ({ uri: input.uri, offset: d.nameNode.offset, length: d.nameNode.length }));
  return [...local, ...workspaceDefinitions(input.workspace, input.uri, kind, name)];
}

export function definitionAt(input: NavigationInput): TargetLocation[] {
  const { analysis, offset, index } = input;
  if (!analysis.recognized) return [];
  const facts = fileFacts(analysis, index);
  const target = namedTargetAt(analysis, offset, index);
  if (target) {
    if (target.isDefinition) return [{ uri: input.uri, offset: target.node.offset, length: target.node.length }];
    const found = definitionLocations(facts, target.kind, target.name, input);
    // An EDS service name usually equals a cluster's name; when no ClusterLoadAssignment is at hand, the cluster is
    // the next best place to land.
    if (found.length === 0 && target.kind === 'endpoints') return definitionLocations(facts, 'cluster', target.name, input);
    return found;
  }
  return perFilterConfigTarget(input, facts);
}

/** A `typed_per_filter_config` key names an HTTP filter of the connection manager that serves the route. */
function perFilterConfigTarget(input: NavigationInput, facts: FileFacts): TargetLocation[] {
  const location = locate(input.analysis, input.offset, input.index);
  const path = location?.hit.path ?? [];
  if (!location?.hit.onKey || path.length < 2 || !PER_FILTER_CONFIG_KEYS.has(String(path[path.length - 2]))) return [];
  const filterName = String(path[path.length - 1]);
  const enclosing = facts.graph.connectionManagers.filter((m) => input.offset >= m.node.offset && input.offset <= m.node.offset + m.node.length);
  // Routes served over RDS sit outside any connection manager; every manager of the file is then a candidate.
  const managers = enclosing.length ? enclosing : facts.graph.connectionManagers;
  const filters = managers.flatMap((manager) => manager.httpFilters).filter((filter) => filter.name === filterName && filter.nameNode);
  return filters.map((filter) => ({ uri: input.uri, offset: filter.nameNode!.offset, length: filter.nameNode!.length }));
}

/** Every place that names the object at the position, in this file and across the workspace. */
export function referencesAt(input: NavigationInput, includeDeclaration: boolean): TargetLocation[] {
  const { analysis, offset, index } = input;
  const target = namedTargetAt(analysis, offset, index);
  if (!target) return [];
  const facts = fileFacts(analysis, index);
  const found: TargetLocation[] = [];
  for (const kind of referenceKindsOf(target.kind)) {
    for (const reference of facts.graph.references) {
      if (reference.kind === kind && reference.name === target.name) found.push({ uri: input.uri, offset: reference.node.offset, length: reference.node.length });
    }
    found.push(...workspaceReferences(input.workspace, input.uri, kind, target.name));
  }
  if (includeDeclaration) found.unshift(...definitionLocations(facts, target.kind, target.name, input));
  return found;
}
