import type { ParsedFile } from './nodes';
import { parseJson } from './parseJson';
import { parseYaml } from './parseYaml';

export type SourceFormat = 'yaml' | 'json';

/** Picks the parser from the editor's language or the file name, falling back to sniffing the first character. */
export function detectFormat(text: string, hint?: { languageId?: string; fileName?: string }): SourceFormat {
  const languageId = hint?.languageId?.toLowerCase();
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  if (languageId === 'yaml') return 'yaml';
  const name = hint?.fileName?.toLowerCase() ?? '';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  const firstChar = text.replace(/^\uFEFF/, '').trimStart()[0];
  return firstChar === '{' || firstChar === '[' ? 'json' : 'yaml';
}

export function parseDocumentText(text: string, format: SourceFormat): ParsedFile {
  return format === 'json' ? parseJson(text) : parseYaml(text);
}
