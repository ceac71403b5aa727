import type { Explanation, ExplanationItem, TextPart } from './types';

const MAX_PATH_HOPS = 8;

/** Markdown for the CLI and for plain previews; links become code spans since a terminal cannot follow them. */
export function renderExplanationMarkdown(explanation: Explanation): string {
  const lines: string[] = [`# Explain listener \`${escapeCode(explanation.listenerName)}\``, ''];
  if (explanation.path.length > 1) {
    const shown = explanation.path.slice(0, MAX_PATH_HOPS).map(renderParts);
    const more = explanation.path.length - shown.length;
    lines.push(`**Path:** ${shown.join(' → ')}${more > 0 ? ` (+${more} more)` : ''}`, '');
  }
  for (const section of explanation.sections) {
    lines.push(`## ${renderParts(section.title)}`, '');
    for (const entry of section.items) renderItem(entry, 0, lines);
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function renderItem(entry: ExplanationItem, depth: number, lines: string[]): void {
  const marker = entry.tone === 'warning' ? '⚠ ' : entry.tone === 'note' ? '_ℹ_ ' : '';
  lines.push(`${'  '.repeat(depth)}- ${marker}${renderParts(entry.parts)}`);
  for (const child of entry.children ?? []) renderItem(child, depth + 1, lines);
}

function renderParts(parts: TextPart[]): string {
  return parts.map((part) => (part.code ? codeSpan(part.text) : escapeText(part.text))).join('');
}

/** A code span that survives backticks inside the name. */
function codeSpan(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'");
}

/**
 * Only what would change the meaning in running text (emphasis, HTML, code). Brackets and pipes are left alone:
 * without a following "(" or a table they are literal, and regexes and Istio names are full of them. Underscores inside words (`bind_to_port`) cannot start
 * emphasis in CommonMark, so they stay readable in a terminal.
 */
function escapeText(text: string): string {
  const escaped = text.replace(/([\\*<>`])/g, '\\$1');
  return escaped.replace(/_/g, (underscore, offset: number) => {
    const inWord = /[A-Za-z0-9]/.test(escaped[offset - 1] ?? '') && /[A-Za-z0-9]/.test(escaped[offset + 1] ?? '');
    return inWord ? underscore : '\\_';
  });
}
