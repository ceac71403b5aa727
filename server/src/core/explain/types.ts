import type { DumpTarget } from '../dump/types';

/**
 * An explanation is plain data: sections of items, each item a run of text parts. A part may be code (a name
 * as it appears in the config) and may link to a dump object, so a webview can render links and the CLI
 * can render Markdown from the same structure.
 */

export interface TextPart {
  text: string;
  code?: boolean;
  link?: DumpTarget;
}

export type Tone = 'note' | 'warning';

export interface ExplanationItem {
  parts: TextPart[];
  tone?: Tone;
  children?: ExplanationItem[];
}

export interface ExplanationSection {
  /** Stable within one explanation, e.g. `listener`, `chain-2`, `routes:http.443`, `cluster:outbound|…`. */
  id: string;
  title: TextPart[];
  /** The object the section is about. */
  target?: DumpTarget;
  items: ExplanationItem[];
}

export interface Explanation {
  listenerName: string;
  found: boolean;
  /** The hops followed, in traffic order: listener, route configs, clusters, internal listeners. */
  path: TextPart[][];
  sections: ExplanationSection[];
}

/** A plain text run. */
export function t(text: string): TextPart {
  return { text };
}

/** A name from the config, optionally linked to the dump object it names. */
export function code(text: string, link?: DumpTarget): TextPart {
  return link ? { text, code: true, link } : { text, code: true };
}

export function item(...parts: (TextPart | string)[]): ExplanationItem {
  return { parts: parts.map((part) => (typeof part === 'string' ? t(part) : part)) };
}

export function withChildren(parent: ExplanationItem, children: ExplanationItem[]): ExplanationItem {
  return children.length ? { ...parent, children } : parent;
}

export function toned(entry: ExplanationItem, tone: Tone): ExplanationItem {
  return { ...entry, tone };
}

export function plainText(parts: TextPart[]): string {
  return parts.map((part) => part.text).join('');
}
