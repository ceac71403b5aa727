import {
  Alias,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  Scalar,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import type { ObjectNode, ParsedDocument, ParsedFile, PropertyNode, ScalarNode, SyntaxProblem, ValueNode } from './nodes';
import { parseYamlFast } from './parseYamlFast';

/**
 * Past this many nodes reached through aliases a document is treated as an alias bomb: a few lines of anchors can
 * describe billions of nodes, and walking them would hang the server.
 */
export const MAX_ALIAS_EXPANSION = 1_000_000;

export function parseYaml(text: string): ParsedFile {
  const fast = parseYamlFast(text);
  if (!fast) return parseYamlThoroughly(text);
  const problems: SyntaxProblem[] = [];
  const documents = fast.documents.map((document, i) => {
    const aliasOffset = fast.firstAliasOffsets[i];
    return aliasOffset !== undefined && isAliasBomb(document.root, aliasOffset, problems) ? { ...document, root: undefined } : document;
  });
  return { format: 'yaml', documents, problems };
}

/** The `yaml` package: slower, but it recovers from errors and reports each one with its range. */
export function parseYamlThoroughly(text: string): ParsedFile {
  const problems: SyntaxProblem[] = [];
  const documents: ParsedDocument[] = [];
  const parsed = withoutStackTraces(() => parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false }));
  const list = Array.isArray(parsed) ? parsed : [];
  for (const doc of list) {
    for (const error of doc.errors) problems.push(toProblem(text, error.pos, error.code, error.message, 'error'));
    for (const warning of doc.warnings) problems.push(toProblem(text, warning.pos, warning.code, warning.message, 'warning'));
    const converter = new YamlConverter(doc, text);
    let root = doc.contents ? converter.convert(doc.contents as YamlNode) : undefined;
    if (root?.type === 'null' && root.length === 0) root = undefined;
    if (converter.firstAlias && isAliasBomb(root, converter.firstAlias.range?.[0] ?? 0, problems)) root = undefined;
    const [docStart, , docEnd] = doc.range;
    documents.push({ root, offset: docStart, length: docEnd - docStart });
  }
  return { format: 'yaml', documents, problems };
}

/**
 * The parser makes an Error object for every problem, and capturing each one's stack costs more than parsing: a
 * line of stray brackets yields 20,000 of them. Only their positions and messages are read.
 */
function withoutStackTraces<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function toProblem(
  text: string,
  pos: [number, number],
  code: string,
  message: string,
  severity: 'error' | 'warning',
): SyntaxProblem {
  const start = Math.min(pos[0], text.length);
  const end = Math.max(start, Math.min(pos[1], text.length));
  // The yaml library appends a location suffix; our range already says where.
  const cleaned = message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
  return { offset: start, length: Math.max(end - start, 1), code: `yaml-${code.toLowerCase().replace(/_/g, '-')}`, message: cleaned, severity };
}

/** Reports and refuses a document whose aliases would expand past MAX_ALIAS_EXPANSION nodes. */
function isAliasBomb(root: ValueNode | undefined, aliasOffset: number, problems: SyntaxProblem[]): boolean {
  if (!root || expandedSize(root, MAX_ALIAS_EXPANSION) <= MAX_ALIAS_EXPANSION) return false;
  problems.push({
    offset: aliasOffset,
    length: 1,
    code: 'yaml-alias-bomb',
    message: `Aliases in this document expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes; the document was not checked. Write the repeated parts out or use fewer nested aliases.`,
    severity: 'error',
  });
  return true;
}

/** Counts the nodes of a tree as if every shared (aliased) subtree were copied, stopping early past `limit`. */
function expandedSize(node: ValueNode, limit: number): number {
  const sizes = new Map<ValueNode, number>();
  const measure = (current: ValueNode): number => {
    const known = sizes.get(current);
    if (known !== undefined) return known;
    let size = 1;
    if (current.type === 'object') {
      for (const property of current.properties) {
        if (property.value) size += measure(property.value);
        if (size > limit) break;
      }
    } else if (current.type === 'array') {
      for (const item of current.items) {
        size += measure(item);
        if (size > limit) break;
      }
    }
    sizes.set(current, size);
    return size;
  };
  return measure(node);
}

class YamlConverter {
  private readonly converted = new Map<YamlNode, ValueNode>();
  /** nodes being converted: an alias to one of them (`a: &a {b: *a}`) would make the tree a cycle */
  private readonly resolving = new Set<YamlNode>();
  firstAlias: Alias | undefined;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
  ) {}

  convert(node: YamlNode): ValueNode {
    if (isAlias(node)) return this.convertAlias(node);
    const cached = this.converted.get(node);
    if (cached) return cached;
    const [start, valueEnd] = node.range ?? [0, 0];
    let result: ValueNode;
    if (isMap(node)) {
      const object: ObjectNode = { type: 'object', offset: start, length: valueEnd - start, properties: [] };
      this.converted.set(node, object);
      this.resolving.add(node);
      this.fillProperties(object, node.items as Pair[]);
      this.resolving.delete(node);
      result = object;
    } else if (isSeq(node)) {
      const array: ValueNode = { type: 'array', offset: start, length: valueEnd - start, items: [] };
      this.converted.set(node, array);
      this.resolving.add(node);
      for (const item of node.items) {
        array.items.push(item == null ? this.nullAt(valueEnd) : this.convert(item as YamlNode));
      }
      this.resolving.delete(node);
      result = array;
    } else if (isScalar(node)) {
      result = this.convertScalar(node, start, valueEnd);
      this.converted.set(node, result);
    } else {
      result = this.nullAt(start);
    }
    return result;
  }

  private convertAlias(alias: Alias): ValueNode {
    this.firstAlias ??= alias;
    const [start, end] = alias.range ?? [0, 0];
    const target = alias.resolve(this.doc) as YamlNode | undefined;
    if (!target || this.resolving.has(target)) return { type: 'null', value: null, offset: start, length: end - start };
    this.resolving.add(target);
    try {
      return this.convert(target);
    } finally {
      this.resolving.delete(target);
    }
  }

  private fillProperties(object: ObjectNode, pairs: Pair[]): void {
    const merged: PropertyNode[] = [];
    for (const pair of pairs) {
      const keyNode = pair.key as YamlNode | null;
      const [keyStart, keyEnd] = keyNode?.range ?? [object.offset, object.offset];
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
      const valueNode = pair.value as YamlNode | null;
      if (key === '<<' && keyNode && isScalar(keyNode) && keyNode.type === Scalar.PLAIN && valueNode) {
        merged.push(...this.mergeSources(valueNode));
        continue;
      }
      object.properties.push({
        key,
        keyOffset: keyStart,
        keyLength: keyEnd - keyStart,
        value: valueNode ? this.convert(valueNode) : this.nullAt(keyEnd),
      });
    }
    if (merged.length) {
      const explicit = new Set(object.properties.map((p) => p.key));
      for (const property of merged) {
        if (!explicit.has(property.key)) {
          explicit.add(property.key);
          object.properties.push(property);
        }
      }
    }
  }

  private mergeSources(node: YamlNode): PropertyNode[] {
    const sources = isSeq(node) ? (node.items as YamlNode[]) : [node];
    const properties: PropertyNode[] = [];
    for (const source of sources) {
      const value = this.convert(source);
      if (value.type === 'object') properties.push(...value.properties);
    }
    return properties;
  }

  private convertScalar(node: Scalar, start: number, end: number): ScalarNode {
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    const length = end - start;
    const value = node.value;
    if (value === null || value === undefined) return { type: 'null', value: null, offset: start, length };
    if (typeof value === 'boolean') return { type: 'boolean', value, offset: start, length };
    if (typeof value === 'number') {
      const raw = this.text.slice(start, end);
      return Number.isSafeInteger(value) || !Number.isInteger(value)
        ? { type: 'number', value, offset: start, length }
        : { type: 'number', value, offset: start, length, raw };
    }
    if (typeof value === 'bigint') {
      return { type: 'number', value: Number(value), raw: String(value), offset: start, length };
    }
    return { type: 'string', value: String(value), quoted, offset: start, length };
  }

  private nullAt(offset: number): ScalarNode {
    return { type: 'null', value: null, offset, length: 0 };
  }
}
