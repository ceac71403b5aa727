import type { ObjectNode, PropertyNode, ValueNode } from '../document/nodes';
import type { OffsetEdit } from '../types';

/**
 * Text edits for quick fixes that keep the user's layout: block YAML gets new lines at the indentation of its
 * siblings, flow mappings and JSON get inline JSON.
 */
export class TextEditor {
  private unit: number | undefined;
  private lineBreak: string | undefined;

  // Made for each EnvoyFilter of a file, most of which need no fix: nothing is read from the text until a fix is.
  constructor(readonly text: string) {}

  private get newline(): string {
    return (this.lineBreak ??= this.text.includes('\r\n') ? '\r\n' : '\n');
  }

  replace(node: { offset: number; length: number }, newText: string): OffsetEdit {
    return { offset: node.offset, length: node.length, newText };
  }

  /** Replaces a scalar, quoting it the way the original was quoted. */
  replaceScalar(node: ValueNode, value: string): OffsetEdit {
    const first = this.text[node.offset];
    const quoted = first === '"' || first === "'" ? `${first}${value}${first}` : this.isFlow(node) ? JSON.stringify(value) : value;
    return this.replace(node, quoted);
  }

  isFlow(node: ValueNode): boolean {
    return this.text[node.offset] === '{' || this.text[node.offset] === '[' || this.text[node.offset] === '"';
  }

  columnOf(offset: number): number {
    return offset - this.lineStart(offset);
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The indentation step the file uses (the distance from a key to its first nested key), 2 when unclear. */
  indentUnit(): number {
    if (this.unit !== undefined) return this.unit;
    const lines = this.text.split(/\r?\n/);
    const counts = new Map<number, number>();
    for (let i = 1; i < lines.length; i++) {
      const previous = lines[i - 1];
      if (!/:\s*$/.test(previous) || /^\s*#/.test(previous)) continue;
      const step = keyColumn(lines[i]) - keyColumn(previous);
      if (step > 0 && step <= 8) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    this.unit = best ? best[0] : 2;
    return this.unit;
  }

  /**
   * Adds properties to an object, after its last line (block YAML) or right after `{` (flow, JSON). Nested plain
   * objects become nested mappings.
   */
  insertProperties(object: ObjectNode, entries: Record<string, unknown>): OffsetEdit {
    if (this.text[object.offset] === '{') {
      const inline = Object.entries(entries).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ');
      return { offset: object.offset + 1, length: 0, newText: object.properties.length > 0 ? `${inline}, ` : inline };
    }
    const indent = object.properties.length > 0 ? this.columnOf(object.properties[0].keyOffset) : this.columnOf(object.offset);
    const at = this.endOfLine(lastContentEnd(object));
    return { offset: at, length: 0, newText: this.newline + this.blockLines(entries, indent).join(this.newline) };
  }

  /**
   * Adds what `desired` has and `object` lacks, descending into objects both have; returns the edits, or undefined
   * when a value on the way is not an object (we do not guess how to restructure it).
   */
  mergeInto(object: ObjectNode, desired: Record<string, unknown>): OffsetEdit[] | undefined {
    const missing: Record<string, unknown> = {};
    const edits: OffsetEdit[] = [];
    for (const [key, value] of Object.entries(desired)) {
      const existing = object.properties.find((p) => p.key === key);
      if (!existing) {
        missing[key] = value;
        continue;
      }
      if (isPlainObject(value)) {
        if (existing.value?.type !== 'object') return undefined;
        const nested = this.mergeInto(existing.value, value);
        if (!nested) return undefined;
        edits.push(...nested);
      }
    }
    if (Object.keys(missing).length > 0) edits.push(this.insertProperties(object, missing));
    return edits;
  }

  /**
   * Deletes a block-YAML property that owns its lines (its key starts the line), or undefined when it shares a line
   * with something else.
   */
  deleteProperty(property: PropertyNode): OffsetEdit | undefined {
    const start = this.lineStart(property.keyOffset);
    if (this.text.slice(start, property.keyOffset).trim() !== '') return undefined;
    const end = this.endOfLine(property.value ? lastContentEnd(property.value) : property.keyOffset + property.keyLength);
    const next = this.text.startsWith('\r\n', end) ? end + 2 : this.text[end] === '\n' ? end + 1 : end;
    return { offset: start, length: next - start, newText: '' };
  }

  /** Block-YAML lines for plain values at a given indentation. */
  blockLines(entries: Record<string, unknown>, indent: number): string[] {
    const pad = ' '.repeat(indent);
    const lines: string[] = [];
    for (const [key, value] of Object.entries(entries)) {
      if (isPlainObject(value)) {
        lines.push(`${pad}${yamlKey(key)}:`);
        lines.push(...this.blockLines(value, indent + this.indentUnit()));
      } else {
        lines.push(`${pad}${yamlKey(key)}: ${yamlScalar(value)}`);
      }
    }
    return lines;
  }

  /** A property and its nested value as the text that replaces `key: value` in place (first line unindented). */
  blockProperty(key: string, value: unknown, indent: number): string {
    return this.blockLines({ [key]: value }, indent).join(this.newline).slice(indent);
  }

  private endOfLine(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline < 0) return this.text.length;
    return this.text[newline - 1] === '\r' ? newline - 1 : newline;
  }
}

function keyColumn(line: string): number {
  const match = /^(\s*)(- )*/.exec(line);
  return match ? match[0].length : 0;
}

/** Where the last key or scalar inside a node ends (collection ranges may run on past the last line). */
export function lastContentEnd(node: ValueNode): number {
  if (node.type === 'object') {
    let end = node.properties.length === 0 ? node.offset + node.length : node.offset;
    for (const property of node.properties) {
      end = Math.max(end, property.keyOffset + property.keyLength, property.value ? lastContentEnd(property.value) : 0);
    }
    return end;
  }
  if (node.type === 'array') {
    let end = node.items.length === 0 ? node.offset + node.length : node.offset;
    for (const item of node.items) end = Math.max(end, lastContentEnd(item));
    return end;
  }
  return node.offset + node.length;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : JSON.stringify(key);
}

function yamlScalar(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const plainSafe = /^[A-Za-z_./][\w./@-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value);
  return plainSafe ? value : JSON.stringify(value);
}

/** Applies offset edits to a text (used by tests and the CLI); edits must not overlap. */
export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  const ordered = edits.map((edit, order) => ({ edit, order })).sort((a, b) => b.edit.offset - a.edit.offset || b.order - a.order);
  let result = text;
  for (const { edit } of ordered) result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  return result;
}
