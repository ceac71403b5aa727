/**
 * The document model: one tree shape for YAML and JSON, with source offsets on every node and key,
 * so every later stage can point at the exact text it talks about.
 */

interface NodeBase {
  offset: number;
  length: number;
}

export interface ObjectNode extends NodeBase {
  type: 'object';
  properties: PropertyNode[];
}

export interface PropertyNode {
  key: string;
  keyOffset: number;
  keyLength: number;
  /** undefined only when the source has a key with nothing after it in a form that is not null (broken input) */
  value: ValueNode | undefined;
}

export interface ArrayNode extends NodeBase {
  type: 'array';
  items: ValueNode[];
}

export interface ScalarNode extends NodeBase {
  type: 'string' | 'number' | 'boolean' | 'null';
  value: string | number | boolean | null;
  /** the scalar was written in quotes (YAML or JSON): a quoted "10" is a string, never a number */
  quoted?: boolean;
  /** the source text of a number, kept when the literal is not exactly representable (int64) */
  raw?: string;
}

export type ValueNode = ObjectNode | ArrayNode | ScalarNode;

export interface ParsedDocument {
  /** undefined for an empty document */
  root: ValueNode | undefined;
  /** the span of this document inside the file (multi-document YAML) */
  offset: number;
  length: number;
}

export interface SyntaxProblem {
  offset: number;
  length: number;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface ParsedFile {
  format: 'yaml' | 'json';
  documents: ParsedDocument[];
  problems: SyntaxProblem[];
}

export function getProperty(node: ValueNode | undefined, ...names: string[]): PropertyNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  for (const property of node.properties) {
    if (names.includes(property.key)) return property;
  }
  return undefined;
}

export function getValue(node: ValueNode | undefined, ...names: string[]): ValueNode | undefined {
  return getProperty(node, ...names)?.value;
}

/** First property value found by snake_case or lowerCamelCase name: Envoy accepts both spellings. */
export function getField(node: ValueNode | undefined, snakeName: string): ValueNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  const camelName = snakeToCamel(snakeName);
  for (const property of node.properties) {
    if (property.key === snakeName || property.key === camelName) return property.value;
  }
  return undefined;
}

export function stringValue(node: ValueNode | undefined): string | undefined {
  return node && node.type === 'string' ? (node.value as string) : undefined;
}

// Field lookups ask for the same few hundred schema names millions of times on a large file.
const camelNames = new Map<string, string>();
const CAMEL_NAMES_KEPT = 10_000;

export function snakeToCamel(name: string): string {
  let camel = camelNames.get(name);
  if (camel === undefined) {
    camel = name.includes('_') ? name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase()) : name;
    if (camelNames.size >= CAMEL_NAMES_KEPT) camelNames.clear();
    camelNames.set(name, camel);
  }
  return camel;
}

/** Converts a subtree to plain JavaScript values (objects, arrays, scalars), e.g. to hand to a checker. */
export function toPlain(node: ValueNode | undefined): unknown {
  if (!node) return null;
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.properties) result[property.key] = toPlain(property.value);
      return result;
    }
    case 'array':
      return node.items.map(toPlain);
    default:
      return node.value;
  }
}

export type PathSegment = string | number;

export interface NodeAtOffset {
  node: ValueNode | undefined;
  /** the property whose key or value holds the offset, if any */
  property?: PropertyNode;
  onKey: boolean;
  /** ancestors from the root down to `node`, with the path segment that leads to each */
  path: PathSegment[];
  ancestors: ValueNode[];
}

/** Finds the innermost node at a text offset. Ends are inclusive so a cursor just after a value still hits it. */
export function findNodeAtOffset(root: ValueNode | undefined, offset: number): NodeAtOffset | undefined {
  if (!root || offset < root.offset || offset > root.offset + root.length) return undefined;
  const path: PathSegment[] = [];
  const ancestors: ValueNode[] = [];
  let current: ValueNode = root;
  let property: PropertyNode | undefined;
  for (;;) {
    ancestors.push(current);
    if (current.type === 'object') {
      const hit = current.properties.find(
        (p) =>
          (offset >= p.keyOffset && offset <= p.keyOffset + p.keyLength) ||
          (p.value && offset >= p.value.offset && offset <= p.value.offset + p.value.length),
      );
      if (!hit) return { node: current, property, onKey: false, path, ancestors };
      path.push(hit.key);
      property = hit;
      if (offset >= hit.keyOffset && offset <= hit.keyOffset + hit.keyLength) {
        return { node: hit.value, property: hit, onKey: true, path, ancestors };
      }
      current = hit.value!;
      continue;
    }
    if (current.type === 'array') {
      const index = current.items.findIndex((item) => offset >= item.offset && offset <= item.offset + item.length);
      if (index < 0) return { node: current, property, onKey: false, path, ancestors };
      path.push(index);
      property = undefined;
      current = current.items[index];
      continue;
    }
    return { node: current, property, onKey: false, path, ancestors };
  }
}
