import { getProperty, stringValue, type ObjectNode, type PropertyNode, type ValueNode } from '../document/nodes';

/** One entry of `spec.configPatches`, with the parts the checks look at already picked out. */
export interface ConfigPatch {
  item: ObjectNode;
  index: number;
  applyTo?: string;
  applyToProperty?: PropertyNode;
  match?: ObjectNode;
  matchProperty?: PropertyNode;
  context?: string;
  contextNode?: ValueNode;
  /** the object match present (listener, routeConfiguration, cluster or waypoint), if any */
  listener?: ObjectNode;
  routeConfiguration?: ObjectNode;
  cluster?: ObjectNode;
  waypoint?: ObjectNode;
  /** `listener.filterChain.filter` or `waypoint.filter` */
  filter?: ObjectNode;
  filterProperty?: PropertyNode;
  filterName?: string;
  filterNameNode?: ValueNode;
  subFilter?: ObjectNode;
  subFilterProperty?: PropertyNode;
  subFilterName?: string;
  subFilterNameNode?: ValueNode;
  patch?: ObjectNode;
  patchProperty?: PropertyNode;
  operation?: string;
  operationNode?: ValueNode;
  valueProperty?: PropertyNode;
  filterClass?: string;
}

export function objectAt(node: ValueNode | undefined, ...path: string[]): ObjectNode | undefined {
  let current = node;
  for (const name of path) current = getProperty(current, name)?.value;
  return current?.type === 'object' ? current : undefined;
}

export function readConfigPatch(item: ObjectNode, index: number): ConfigPatch {
  const patch: ConfigPatch = { item, index };
  patch.applyToProperty = getProperty(item, 'applyTo');
  patch.applyTo = stringValue(patch.applyToProperty?.value);
  patch.matchProperty = getProperty(item, 'match');
  patch.match = objectAt(item, 'match');
  patch.contextNode = getProperty(patch.match, 'context')?.value;
  patch.context = stringValue(patch.contextNode);
  patch.listener = objectAt(patch.match, 'listener');
  patch.routeConfiguration = objectAt(patch.match, 'routeConfiguration');
  patch.cluster = objectAt(patch.match, 'cluster');
  patch.waypoint = objectAt(patch.match, 'waypoint');
  const filterParent = patch.listener ? objectAt(patch.listener, 'filterChain') : patch.waypoint;
  patch.filterProperty = getProperty(filterParent, 'filter');
  patch.filter = objectAt(filterParent, 'filter');
  patch.filterNameNode = getProperty(patch.filter, 'name')?.value;
  patch.filterName = stringValue(patch.filterNameNode);
  patch.subFilterProperty = getProperty(patch.filter, 'subFilter');
  patch.subFilter = objectAt(patch.filter, 'subFilter');
  patch.subFilterNameNode = getProperty(patch.subFilter, 'name')?.value;
  patch.subFilterName = stringValue(patch.subFilterNameNode);
  patch.patchProperty = getProperty(item, 'patch');
  patch.patch = objectAt(item, 'patch');
  patch.operationNode = getProperty(patch.patch, 'operation')?.value;
  patch.operation = stringValue(patch.operationNode);
  patch.valueProperty = getProperty(patch.patch, 'value');
  patch.filterClass = stringValue(getProperty(patch.patch, 'filterClass')?.value);
  return patch;
}

/** The configPatches of an EnvoyFilter spec, skipping entries that are not objects (the schema walker reports those). */
export function readConfigPatches(spec: ObjectNode): ConfigPatch[] {
  const list = getProperty(spec, 'configPatches')?.value;
  if (list?.type !== 'array') return [];
  return list.items.flatMap((item, index) => (item.type === 'object' ? [readConfigPatch(item, index)] : []));
}

export function anchorOf(property: PropertyNode): { offset: number; length: number } {
  return { offset: property.keyOffset, length: property.keyLength };
}
