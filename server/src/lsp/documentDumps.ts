import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfigDump, type ConfigDump } from '../core/dump';
import { getField, stringValue, type ValueNode } from '../core/document/nodes';
import type { ServerContext } from './features';
import { uriPath } from './analysisCache';

export type DocumentDump = { ok: true; dump: ConfigDump; label: string; listenerAt(position: { line: number; character: number }): string | undefined } | { ok: false; message: string };

/** Fields only a Listener has, among objects with a `name`. */
const LISTENER_FIELDS = ['filter_chains', 'listener_filters', 'default_filter_chain', 'filter_chain_matcher', 'internal_listener', 'address'];

/**
 * Reads an Envoy bootstrap or listener list from an editor document (or the file behind a URI the editor has not
 * sent), with the core's dump loader. The last one is kept, keyed by version, since a picker and an explain
 * usually follow each other on the same document.
 */
export class DocumentDumps {
  private last: { uri: string; version: number; result: DocumentDump } | undefined;

  constructor(private readonly context: ServerContext) {}

  async get(uri: string): Promise<DocumentDump> {
    const document = this.context.documents.get(uri);
    if (document && this.last?.uri === uri && this.last.version === document.version) return this.last.result;
    const label = uriPath(uri).split('/').pop() || uri;
    let text: string;
    if (document) text = document.getText();
    else {
      try {
        text = await readFile(fileURLToPath(uri), 'utf8');
      } catch (error) {
        return { ok: false, message: `cannot read ${label}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
      }
    }
    const loaded = loadConfigDump(text, { fileName: uriPath(uri) });
    if (!loaded.ok) return { ok: false, message: `${label}: ${loaded.error}` };
    const names = new Set(loaded.dump.listeners.map((entry) => entry.name));
    const result: DocumentDump = {
      ok: true,
      dump: loaded.dump,
      label,
      listenerAt: (position) => {
        if (!document) return undefined;
        // a large document is analysed in the worker: its stand-in has no trees, and the user picks from a list
        const { analysis } = this.context.cache.get(document);
        const offset = document.offsetAt(position);
        for (const parsed of analysis.parsed.documents) {
          const name = innermostListener(parsed.root, offset, names);
          if (name) return name;
        }
        return undefined;
      },
    };
    if (document) this.last = { uri, version: document.version, result };
    return result;
  }
}

/** The name of the innermost object around `offset` that looks like a listener and names one the loader found. */
export function innermostListener(node: ValueNode | undefined, offset: number, names: Set<string>): string | undefined {
  if (!node || offset < node.offset || offset > node.offset + node.length) return undefined;
  const children = node.type === 'object' ? node.properties.map((property) => property.value) : node.type === 'array' ? node.items : [];
  for (const child of children) {
    const inner = innermostListener(child, offset, names);
    if (inner) return inner;
  }
  if (node.type !== 'object') return undefined;
  const name = stringValue(getField(node, 'name'));
  if (!name || !names.has(name)) return undefined;
  return LISTENER_FIELDS.some((field) => getField(node, field) !== undefined) ? name : undefined;
}
