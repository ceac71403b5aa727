import { analyzeText, type AnalyzedDocument, type FileAnalysis } from '../analyze';
import { findNodeAtOffset, type ObjectNode, type PathSegment, type ValueNode } from '../document/nodes';
import { documentAt } from '../navigation/fileFacts';

/** A key being typed (`  conn|`, `- |`, an empty line) or a value being typed (`lb_policy: LE|`). */
export type CursorContext =
  | { at: 'key'; document: AnalyzedDocument; parentPath: PathSegment[]; parent: ObjectNode | undefined; replaceOffset: number; prefix: string; json: boolean; replaceEnd?: number; flow?: boolean }
  | { at: 'value'; document: AnalyzedDocument; path: PathSegment[]; key: string; holder: ObjectNode | undefined; replaceOffset: number; prefix: string; json: boolean };

/** The key written in place of what is being typed, to parse the line as a mapping. */
export const PLACEHOLDER = 'envoy_lens_completion_placeholder';

function lineAround(text: string, offset: number): { start: number; before: string; after: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return { start, before: text.slice(start, offset), after: text.slice(offset, end).replace(/\r$/, '') };
}

/**
 * Works out what is being typed at `offset`. YAML being typed is often not a mapping yet (a bare word on its own
 * line), so for keys the line is rewritten to a placeholder key and the text parsed again: the placeholder's path is
 * the parent path, with the real nodes of everything around it (needed to read an Any's `@type`).
 */
export function cursorContext(analysis: FileAnalysis, text: string, offset: number): CursorContext | undefined {
  if (analysis.parsed.format === 'json') return jsonContext(analysis, text, offset);
  const line = lineAround(text, offset);
  const flowStart = innermostOpenFlow(line.before);
  if (flowStart >= 0) return flowContext(analysis, offset, line, flowStart);
  const valueMatch = /^(\s*(?:-\s+)*)(["']?)([\w@.-]+)\2\s*:\s+(["']?)([^"'#]*)$/.exec(line.before);
  if (valueMatch) {
    const document = documentAt(analysis, offset);
    const hitOffset = line.start + valueMatch[1].length + valueMatch[2].length;
    const hit = document && findNodeAtOffset(document.document.root, hitOffset);
    if (!document || !hit?.onKey) return undefined;
    const holder = hit.ancestors[hit.ancestors.length - 1];
    const prefix = valueMatch[5];
    return { at: 'value', document, path: hit.path, key: valueMatch[3], holder: holder?.type === 'object' ? holder : undefined, replaceOffset: offset - prefix.length, prefix, json: false };
  }
  const keyMatch = /^(\s*(?:-\s+)*)(["']?)([\w@.-]*)$/.exec(line.before);
  if (!keyMatch || !/^[\w@.-]*\s*$/.test(line.after)) return undefined;
  const lead = keyMatch[1];
  const patched = `${text.slice(0, line.start)}${lead}${PLACEHOLDER}:${text.slice(offset + line.after.length)}`;
  const reparsed = analyzeText({ text: patched, fileName: analysis.parsed.format === 'yaml' ? 'completion.yaml' : 'completion.json' });
  const placeholderOffset = line.start + lead.length + 1;
  const document = documentAt(reparsed, placeholderOffset);
  const hit = document && findNodeAtOffset(document.document.root, placeholderOffset);
  if (!document || !hit?.onKey || hit.property?.key !== PLACEHOLDER) return undefined;
  const parent = hit.ancestors[hit.ancestors.length - 1];
  const original = documentAt(analysis, Math.min(offset, text.length));
  const prefix = keyMatch[3];
  return {
    at: 'key',
    // the placeholder document may no longer be recognisable on its own (a file being started); the original's kind holds
    document: { document: document.document, kind: document.kind ?? original?.kind },
    parentPath: hit.path.slice(0, -1),
    parent: parent?.type === 'object' ? withoutPlaceholder(parent) : undefined,
    replaceOffset: offset - prefix.length,
    prefix,
    json: false,
  };
}

/**
 * Where the innermost `{` or `[` still open before the cursor on this line is (quoted text skipped), or -1. A
 * flow sequence gives -1 too: only keys and values of flow mappings are completed.
 */
function innermostOpenFlow(before: string): number {
  const open: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(before[i - 1]))) break;
    else if (c === '{' || c === '[') open.push(i);
    else if ((c === '}' || c === ']') && open.length) open.pop();
  }
  const innermost = open.at(-1);
  return innermost !== undefined && before[innermost] === '{' && !quote ? innermost : -1;
}

/**
 * A key or value inside a flow mapping (`socket_address: { address: 0.0.0.0, po| }`). The text as typed usually
 * parses (a bare `po` is a key with no value), so the tree itself says where the cursor is.
 */
function flowContext(analysis: FileAnalysis, offset: number, line: { start: number; before: string }, flowStart: number): CursorContext | undefined {
  const document = documentAt(analysis, offset);
  if (!document) return undefined;
  const inside = line.before.slice(flowStart + 1);
  const entryStart = inside.lastIndexOf(',') + 1;
  const entry = inside.slice(entryStart);
  const entryOffset = line.start + flowStart + 1 + entryStart;
  const valueMatch = /^(\s*)(["']?)([\w@.-]+)\2\s*:\s*(["']?)([\w./@-]*)$/.exec(entry);
  if (valueMatch) {
    const hit = findNodeAtOffset(document.document.root, entryOffset + valueMatch[1].length + valueMatch[2].length);
    if (!hit?.onKey) return undefined;
    const holder = hit.ancestors[hit.ancestors.length - 1];
    const prefix = valueMatch[5];
    return { at: 'value', document, path: hit.path, key: valueMatch[3], holder: holder?.type === 'object' ? holder : undefined, replaceOffset: offset - prefix.length, prefix, json: false };
  }
  const keyMatch = /^(\s*)([\w@.-]*)$/.exec(entry);
  if (!keyMatch) return undefined;
  const prefix = keyMatch[2];
  const base = { at: 'key' as const, document, replaceOffset: offset - prefix.length, prefix, json: false, flow: true };
  if (prefix) {
    // the word typed so far parsed as a key of its own: its mapping is the parent, without it
    const hit = findNodeAtOffset(document.document.root, offset - prefix.length);
    const parent = hit?.ancestors[hit.ancestors.length - 1];
    if (!hit?.onKey || parent?.type !== 'object') return undefined;
    return { ...base, parentPath: hit.path.slice(0, -1), parent: { ...parent, properties: parent.properties.filter((p) => p !== hit.property) } };
  }
  const hit = findNodeAtOffset(document.document.root, line.start + flowStart);
  const node = hit?.node;
  if (!hit || node?.type !== 'object') return undefined;
  return { ...base, parentPath: hit.path, parent: node };
}

function withoutPlaceholder(node: ObjectNode): ObjectNode {
  return { ...node, properties: node.properties.filter((p) => p.key !== PLACEHOLDER) };
}

/** JSON keeps its structure while typed (the parser is tolerant), so the tree itself says where the cursor is. */
function jsonContext(analysis: FileAnalysis, text: string, offset: number): CursorContext | undefined {
  const document = documentAt(analysis, offset);
  if (!document) return undefined;
  const before = text.slice(Math.max(0, offset - 200), offset);
  const valueMatch = /"([\w@.-]+)"\s*:\s*"([^"]*)$/.exec(before);
  const hit = findNodeAtOffset(document.document.root, valueMatch ? offset - valueMatch[2].length - 1 : offset);
  if (!hit) return undefined;
  if (valueMatch) {
    const holder = hit.ancestors.slice().reverse().find((a): a is ObjectNode => a.type === 'object' && a.properties.some((p) => p.key === valueMatch[1]));
    const path = hit.path[hit.path.length - 1] === valueMatch[1] ? hit.path : [...hit.path, valueMatch[1]];
    return { at: 'value', document, path, key: valueMatch[1], holder, replaceOffset: offset - valueMatch[2].length, prefix: valueMatch[2], json: true };
  }
  const keyMatch = /"?([\w@.-]*)$/.exec(before);
  const prefix = keyMatch?.[1] ?? '';
  let node: ValueNode | undefined = hit.node;
  let parentPath = hit.path;
  if (hit.onKey) {
    node = hit.ancestors[hit.ancestors.length - 1];
    parentPath = hit.path.slice(0, -1);
  }
  if (node?.type !== 'object') return undefined;
  const quoted = before.endsWith(`"${prefix}`);
  // inside quotes the editor has usually closed already: the item replaces both quotes
  const replaceEnd = quoted && text[offset] === '"' ? offset + 1 : offset;
  return { at: 'key', document, parentPath, parent: node, replaceOffset: offset - prefix.length - (quoted ? 1 : 0), prefix, json: true, replaceEnd };
}
