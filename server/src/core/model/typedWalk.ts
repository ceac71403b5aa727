import { getProperty, stringValue, type ObjectNode, type PathSegment, type PropertyNode, type ValueNode } from '../document/nodes';
import type { EnvoyTypeIndex } from './typeIndex';
import type { FieldModel } from './types';

export interface TypedVisit {
  node: ObjectNode;
  typeName: string;
  /** the field (of the parent message) that holds this object */
  field?: FieldModel;
  /** the property that holds this object, for ranges */
  property?: PropertyNode;
  /** the message objects above this one, outermost first */
  ancestors: { node: ObjectNode; typeName: string }[];
}

const TYPED_STRUCTS = new Set(['xds.type.v3.TypedStruct', 'udpa.type.v1.TypedStruct']);

export function typeNameOfAny(node: ValueNode | undefined): string | undefined {
  const url = stringValue(getProperty(node, '@type')?.value);
  return url ? url.slice(url.lastIndexOf('/') + 1) : undefined;
}

/**
 * Visits every message-typed object under `root` with its Envoy type, looking through Anys by their "@type" and
 * through TypedStructs by their type_url. Stops at nodes the model does not describe.
 */
export function walkTyped(root: ValueNode, typeName: string, index: EnvoyTypeIndex, visit: (visit: TypedVisit) => void): void {
  const ancestors: { node: ObjectNode; typeName: string }[] = [];
  const visited = new Set<ObjectNode>();
  const walkValue = (node: ValueNode, type: string, field?: FieldModel, property?: PropertyNode): void => {
    if (node.type !== 'object') return;
    if (type === 'google.protobuf.Any') {
      const inner = typeNameOfAny(node);
      // An Any whose "@type" names Any itself would otherwise recurse on the same node forever.
      if (inner && inner !== type && index.message(inner)) walkValue(node, inner, field, property);
      return;
    }
    if (!index.message(type) || visited.has(node)) return;
    visited.add(node);
    visit({ node, typeName: type, field, property, ancestors: ancestors.slice() });
    ancestors.push({ node, typeName: type });
    const { byName } = index.fields(type);
    for (const child of node.properties) {
      const childField = byName.get(child.key);
      if (!childField || childField.kind !== 'message' || !child.value) continue;
      forEachElement(child.value, childField, (element) => walkValue(element, childField.type, childField, child));
    }
    if (TYPED_STRUCTS.has(type)) {
      const url = stringValue(getProperty(node, 'type_url', 'typeUrl')?.value);
      const value = getProperty(node, 'value');
      const inner = url?.slice(url.lastIndexOf('/') + 1);
      if (inner && value?.value && index.message(inner)) walkValue(value.value, inner, undefined, value);
    }
    ancestors.pop();
    visited.delete(node);
  };
  walkValue(root, typeName);
}

function forEachElement(value: ValueNode, field: FieldModel, callback: (element: ValueNode) => void): void {
  if (field.mapKey) {
    if (value.type === 'object') for (const entry of value.properties) if (entry.value) callback(entry.value);
  } else if (field.repeated && value.type === 'array') {
    value.items.forEach(callback);
  } else {
    callback(value);
  }
}

export interface ResolvedPath {
  /** the message type of the innermost object on the path */
  typeName?: string;
  /** the field the last path segment names, when it names one */
  field?: FieldModel;
  /** the message that declares `field` */
  fieldOwner?: string;
}

/** Resolves the Envoy type of the object and field at a path below a typed root (e.g. for hover and completion). */
export function resolveTypedPath(root: ValueNode, rootType: string, path: PathSegment[], index: EnvoyTypeIndex): ResolvedPath {
  let node: ValueNode | undefined = root;
  let typeName: string | undefined = rootType === 'google.protobuf.Any' ? typeNameOfAny(root) : rootType;
  let field: FieldModel | undefined;
  let fieldOwner: string | undefined;
  let pendingElement = false;
  for (const segment of path) {
    if (!node || !typeName) return {};
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.items[segment] : undefined;
      pendingElement = false;
      if (field?.kind === 'message') typeName = anyAware(node, field.type);
      continue;
    }
    if (pendingElement && field?.mapKey) {
      node = getProperty(node, segment)?.value;
      pendingElement = false;
      if (field.kind === 'message') typeName = anyAware(node, field.type);
      field = undefined;
      continue;
    }
    if (TYPED_STRUCTS.has(typeName) && segment === 'value') {
      const url = stringValue(getProperty(node, 'type_url', 'typeUrl')?.value);
      node = getProperty(node, 'value')?.value;
      typeName = url?.slice(url.lastIndexOf('/') + 1);
      field = undefined;
      continue;
    }
    field = index.fields(typeName).byName.get(segment);
    fieldOwner = typeName;
    node = getProperty(node, segment)?.value;
    if (!field) return { typeName: fieldOwner };
    pendingElement = Boolean(field.repeated || field.mapKey);
    if (field.kind === 'message' && !pendingElement) typeName = anyAware(node, field.type);
  }
  return { typeName: field && field.kind === 'message' && !pendingElement ? typeName : fieldOwner ?? typeName, field, fieldOwner };
}

function anyAware(node: ValueNode | undefined, type: string): string {
  return type === 'google.protobuf.Any' ? typeNameOfAny(node) ?? type : type;
}
