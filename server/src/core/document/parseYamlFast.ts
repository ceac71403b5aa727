import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { ObjectNode, ParsedDocument, PropertyNode, ScalarNode, ValueNode } from './nodes';

/**
 * The fast path for YAML: js-yaml parses about ten times faster than the `yaml` package, and its `listener` option
 * reports where every node opens and closes, which is all we need to rebuild our tree with offsets. It stops at the
 * first syntax error, so broken text goes to the slower parser that reports every error (see parseYaml.ts).
 */

/** A node where it appears: an alias appears in one place but its node (shared) has the anchor's offsets. */
interface Child {
  node: ValueNode;
  start: number;
  end: number;
}

interface Frame {
  openPosition: number;
  children: Child[];
}

interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
  anchor: string | null;
}

export class FastYamlUnsupported extends Error {}

/** Nesting deeper than this is left to the slower parser, which reports it instead of overflowing. */
const MAX_DEPTH = 1000;

export interface FastParse {
  documents: ParsedDocument[];
  /** per document, where its first alias is (aliases share nodes, so a document with none cannot be a bomb) */
  firstAliasOffsets: (number | undefined)[];
}

export function parseYamlFast(text: string): FastParse | undefined {
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Frame[] = [];
  const anchors = new Map<string, ValueNode>();
  const documents: ParsedDocument[] = [];
  const firstAliasOffsets: (number | undefined)[] = [];
  let firstAlias: number | undefined;

  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      stack.push({ openPosition: state.position + shift, children: [] });
      return;
    }
    const frame = stack.pop()!;
    const child = buildNode(text, frame, state, shift, anchors, (offset) => (firstAlias ??= offset));
    const node = child.node;
    if (state.anchor !== null) anchors.set(state.anchor, node);
    const parent = stack.at(-1);
    if (parent) parent.children.push(child);
    else {
      documents.push({ root: isEmpty(node) ? undefined : node, offset: child.start, length: child.end - child.start });
      firstAliasOffsets.push(firstAlias);
      firstAlias = undefined;
    }
  };

  try {
    loadAll(text, undefined, { schema: CORE_SCHEMA, json: true, listener: listener as never, maxDepth: MAX_DEPTH } as never);
  } catch {
    return undefined;
  }
  return { documents, firstAliasOffsets };
}

function isEmpty(node: ValueNode): boolean {
  return node.type === 'null' && node.length === 0;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Skips whitespace and comments that js-yaml reads as part of a node's opening. */
function contentStart(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) i++;
    else if (code === 0x23 /* # */) {
      while (i < end && text.charCodeAt(i) !== 0x0a) i++;
    } else break;
  }
  return i;
}

/** Skips `&anchor` and `!tag` properties in front of a node's content. */
function skipProperties(text: string, from: number, end: number): number {
  let i = from;
  for (;;) {
    const code = text.charCodeAt(i);
    // At `end` nothing can advance: a bare `!` or `&` there would otherwise loop forever.
    if (i >= end || (code !== 0x26 /* & */ && code !== 0x21 /* ! */)) return i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    i = contentStart(text, i, end);
  }
}

function trimEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

function buildNode(
  text: string,
  frame: Frame,
  state: ListenerState,
  shift: number,
  anchors: Map<string, ValueNode>,
  onAlias: (offset: number) => void,
): Child {
  const closePosition = Math.min(state.position + shift, text.length);
  const start = skipProperties(text, contentStart(text, frame.openPosition, closePosition), closePosition);
  const first = text.charCodeAt(start);
  if (first === 0x2a /* * */ && state.kind === null) {
    let nameEnd = start + 1;
    while (nameEnd < closePosition && !isSpace(text.charCodeAt(nameEnd)) && !',]}'.includes(text[nameEnd])) nameEnd++;
    const target = anchors.get(text.slice(start + 1, nameEnd));
    if (!target) throw new FastYamlUnsupported('alias to an unknown anchor');
    onAlias(start);
    return { node: target, start, end: nameEnd };
  }
  const end = Math.max(start, trimEnd(text, start, closePosition));
  // A value on the line after its key is first tried as a block mapping's key; when it is not one, js-yaml closes
  // the probe and the value with the same content, so the outer frame merely wraps the real node.
  const only = frame.children.length === 1 ? frame.children[0] : undefined;
  if (only && only.start === start && only.end === end) return only;
  const placed = (node: ValueNode): Child => ({ node, start: node.offset, end: node.offset + node.length });
  switch (state.kind) {
    case 'mapping':
      return placed(buildMapping(text, frame.children, start, end));
    case 'sequence':
      return placed({ type: 'array', offset: start, length: end - start, items: pairUpFlowEntries(text, frame.children) });
    case 'scalar':
      return placed(buildScalar(text, state.result, start, end));
    default:
      // A node with no content (`key:` followed by nothing) is null and takes no room.
      return placed({ type: 'null', value: null, offset: frame.openPosition, length: 0 });
  }
}

/** The next node is the value of the node ending at `end` when only a `:` (and spaces) stands between them. */
function followsColon(text: string, end: number, next: Child): boolean {
  const gapEnd = next.end === next.start ? Math.max(next.start, end + 1) : next.start;
  return /^\s*:/.test(text.slice(end, gapEnd));
}

function bareColonEnd(text: string, end: number, next: Child): number | undefined {
  if (next.node.type !== 'null' || next.end !== next.start || text[end] !== ':') return undefined;
  return /[,\]]/.test(text[end + 1] ?? '') ? end + 1 : undefined;
}

/** In a flow sequence `[a: 1]` is a one-pair mapping; js-yaml reports its key and value as two loose nodes. */
function pairUpFlowEntries(text: string, children: Child[]): ValueNode[] {
  const items: ValueNode[] = [];
  for (let i = 0; i < children.length; i++) {
    const current = children[i];
    const next = children[i + 1];
    const key = current.node;
    const colonEnd = next ? bareColonEnd(text, current.end, next) : undefined;
    if (colonEnd !== undefined) {
      // `[2001:db8::]`: a colon glued to the next `,` or `]` is part of the scalar, as Kubernetes' YAML reads it.
      items.push({ type: 'string', value: text.slice(current.start, colonEnd), offset: current.start, length: colonEnd - current.start });
      i++;
    } else if (next && key.type !== 'object' && key.type !== 'array' && followsColon(text, current.end, next)) {
      items.push({
        type: 'object',
        offset: current.start,
        length: Math.max(next.end, current.end) - current.start,
        properties: [{ key: String((key as ScalarNode).value), keyOffset: current.start, keyLength: current.end - current.start, value: next.node }],
      });
      i++;
    } else {
      items.push(key);
    }
  }
  return items;
}

function buildScalar(text: string, value: unknown, start: number, end: number): ScalarNode {
  const length = end - start;
  const first = text.charCodeAt(start);
  if (value === null || value === undefined) return { type: 'null', value: null, offset: start, length };
  if (typeof value === 'boolean') return { type: 'boolean', value, offset: start, length };
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Number.isSafeInteger(value)
      ? { type: 'number', value, raw: text.slice(start, end), offset: start, length }
      : { type: 'number', value, offset: start, length };
  }
  const quoted = first === 0x22 /* " */ || first === 0x27; /* ' */
  return { type: 'string', value: String(value), quoted, offset: start, length };
}

/** Children alternate key, value; a flow-mapping key without `:` has no value node, which the text between tells. */
function buildMapping(text: string, children: Child[], start: number, end: number): ObjectNode {
  const explicit: PropertyNode[] = [];
  const merged: PropertyNode[] = [];
  for (let i = 0; i < children.length; i++) {
    const keyChild = children[i];
    const keyNode = keyChild.node;
    // js-yaml probes for one more key where a mapping ends; the probe finds nothing and is not a key.
    if (keyNode.type === 'null' && keyChild.end === keyChild.start) continue;
    const next = children[i + 1];
    const hasValue = next !== undefined && followsColon(text, keyChild.end, next);
    const value: ValueNode = hasValue ? next.node : { type: 'null', value: null, offset: keyChild.end, length: 0 };
    if (hasValue) i++;
    const key = keyNode.type === 'object' || keyNode.type === 'array' ? text.slice(keyChild.start, keyChild.end) : String((keyNode as ScalarNode).value);
    if (key === '<<' && keyNode.type === 'string' && !keyNode.quoted) {
      const sources = value.type === 'array' ? value.items : [value];
      for (const source of sources) if (source.type === 'object') merged.push(...source.properties);
      continue;
    }
    explicit.push({ key, keyOffset: keyChild.start, keyLength: keyChild.end - keyChild.start, value });
  }
  const properties = explicit;
  if (merged.length) {
    const names = new Set(explicit.map((p) => p.key));
    for (const property of merged) {
      if (!names.has(property.key)) {
        names.add(property.key);
        properties.push(property);
      }
    }
  }
  return { type: 'object', offset: start, length: end - start, properties };
}
