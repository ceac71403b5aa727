import type { ParsedFile, SyntaxProblem } from './nodes';
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

/**
 * Past this many syntax errors the rest are nearly always echoes of the first ones (an unclosed bracket makes every
 * later token "unexpected"), and a file of binary noise would otherwise send tens of thousands of squiggles.
 */
export const MAX_SYNTAX_PROBLEMS = 100;

export function parseDocumentText(text: string, format: SourceFormat): ParsedFile {
  const parsed = format === 'json' ? parseJson(text) : parseYaml(text);
  return { ...parsed, problems: withinLimit(parsed.problems) };
}

function withinLimit(problems: SyntaxProblem[]): SyntaxProblem[] {
  if (problems.length <= MAX_SYNTAX_PROBLEMS) return problems;
  const sorted = [...problems].sort((a, b) => a.offset - b.offset);
  const kept = sorted.slice(0, MAX_SYNTAX_PROBLEMS);
  const rest = sorted.length - kept.length;
  const next = sorted[MAX_SYNTAX_PROBLEMS];
  kept.push({
    offset: next.offset,
    length: next.length,
    code: 'syntax-more-problems',
    message: `${rest.toLocaleString('en-US')} more syntax problem${rest === 1 ? '' : 's'} from here on are not listed; they usually follow from the first ones, so fix those first`,
    severity: 'warning',
  });
  return kept;
}
