import { urlForDocsLabel, type ProtoFiles } from './docsLinks';

/**
 * Envoy's API comments are reStructuredText written for Sphinx. Hovers speak Markdown, so this converts the subset
 * the comments use: roles (`:ref:`, `:option:`, `:repo:`), ``literals``, hyperlinks, code blocks, admonitions and
 * `::` literal blocks, and drops the protodoc tags that only steer the docs build.
 */

const REPO_URL = 'https://github.com/envoyproxy/envoy/blob/main/';
const CODE_DIRECTIVE = /^(\s*)\.\.\s+(?:validated-code-block|code-block|code|sourcecode)::\s*(\S*)\s*$/;
const ADMONITION = /^(\s*)\.\.\s+(note|attention|warning|tip|important|caution|danger|NOTE|WARNING)::\s*(.*)$/;
const OTHER_DIRECTIVE = /^(\s*)\.\.\s+([\w-]+)::\s*(.*)$/;
const PROTODOC_TAG = /\[#[\w-]+:?[^\]]*\]/g;

/** `files` places `:ref:` labels on their envoyproxy.io pages. */
export function rstToMarkdown(rst: string, files: ProtoFiles): string {
  const withoutTags = rst.replace(PROTODOC_TAG, '');
  const markdown = convertBlocks(withoutTags.split(/\r?\n/), files).join('\n');
  return markdown.replace(/\n{3,}/g, '\n\n').trim();
}

/** The first paragraph, for one-line summaries (completion details, extension hovers). */
export function firstParagraph(markdown: string): string {
  const paragraph = markdown.split(/\n\s*\n/)[0] ?? '';
  return paragraph.startsWith('```') || paragraph.startsWith('>') ? '' : paragraph.trim();
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The lines after `start` that belong to a directive or literal block: blank, or indented deeper than `indent`. */
function blockBody(lines: string[], start: number, indent: number): { body: string[]; next: number } {
  let end = start;
  while (end < lines.length && (lines[end].trim() === '' || indentOf(lines[end]) > indent)) end++;
  while (end > start && lines[end - 1].trim() === '') end--;
  return { body: lines.slice(start, end), next: end };
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map(indentOf);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(common, indentOf(line))));
}

/** Drops the `:caption:`-style option lines a directive may start with. */
function withoutDirectiveOptions(body: string[]): string[] {
  let first = 0;
  while (first < body.length && /^\s*:[\w-]+:/.test(body[first])) first++;
  return body.slice(first);
}

function fence(language: string, body: string[]): string[] {
  const lines = dedent(withoutDirectiveOptions(body));
  while (lines.length && lines[0].trim() === '') lines.shift();
  return ['', '```' + language, ...lines, '```', ''];
}

const ADMONITION_TITLES: Record<string, string> = {
  note: 'Note', attention: 'Attention', warning: 'Warning', tip: 'Tip', important: 'Important', caution: 'Caution', danger: 'Danger',
};

function convertBlocks(lines: string[], files: ProtoFiles): string[] {
  const out: string[] = [];
  let prose: string[] = [];
  const flushProse = (): void => {
    if (prose.length) out.push(...convertInline(prose.join('\n'), files).split('\n'));
    prose = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const code = CODE_DIRECTIVE.exec(line);
    const admonition = code ? undefined : ADMONITION.exec(line);
    const other = code || admonition ? undefined : OTHER_DIRECTIVE.exec(line);
    if (code) {
      flushProse();
      const { body, next } = blockBody(lines, i + 1, indentOf(line));
      out.push(...fence(code[2] || '', body));
      i = next;
    } else if (admonition) {
      flushProse();
      const { body, next } = blockBody(lines, i + 1, indentOf(line));
      const inner = convertBlocks(dedent([admonition[3], ...body].filter((l, n) => n > 0 || l.trim() !== '')), files);
      const title = ADMONITION_TITLES[admonition[2].toLowerCase()];
      out.push('', `> **${title}:** ${inner[0] ?? ''}`.trimEnd(), ...inner.slice(1).map((l) => (l ? `> ${l}` : '>')), '');
      i = next;
    } else if (other) {
      flushProse();
      // csv-table and friends: keep their content readable as preformatted text.
      const { body, next } = blockBody(lines, i + 1, indentOf(line));
      out.push(...fence('', body));
      i = next;
    } else if (/::\s*$/.test(line) && !/^\s*\.\./.test(line)) {
      prose.push(line.replace(/\s*::\s*$/, (marker) => (/^\s*::/.test(line) || /\s::/.test(marker) ? '' : ':')));
      flushProse();
      const { body, next } = blockBody(lines, i + 1, indentOf(line));
      if (body.some((l) => l.trim() !== '')) out.push(...fence('', body));
      i = next;
    } else {
      prose.push(line);
      i++;
    }
  }
  flushProse();
  return out;
}

/** Labels shown when a `:ref:` has no text: the last part of an API name, as Sphinx shows the field or type name. */
function displayLabel(label: string): string {
  const api = /^envoy_v3_api_(?:msg|field|enum_value|enum)_(.+)$/.exec(label);
  if (!api) return label;
  const parts = api[1].split('.');
  return parts[parts.length - 1];
}

function link(text: string, url: string | undefined): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return url ? `[${clean.replace(/([[\]])/g, '\\$1')}](${url})` : clean;
}

function convertInline(text: string, files: ProtoFiles): string {
  const literals: string[] = [];
  const keep = (markdown: string): string => `\u0000${literals.push(markdown) - 1}\u0000`;
  let result = text.replace(/``([\s\S]+?)``/g, (_, literal: string) => keep(codeSpan(literal.replace(/\s*\n\s*/g, ' '))));
  result = result.replace(/:ref:`([^`]+?)`/g, (_, body: string) => {
    const withText = /^([\s\S]*?)\s*<([^<>]+)>\s*$/.exec(body);
    const label = (withText ? withText[2] : body).trim();
    const shown = withText && withText[1].trim() ? withText[1] : displayLabel(label);
    return keep(link(shown, urlForDocsLabel(label, files)));
  });
  result = result.replace(/:repo:`([^`]+?)`/g, (_, body: string) => {
    const withText = /^([\s\S]*?)\s*<([^<>]+)>\s*$/.exec(body);
    const path = (withText ? withText[2] : body).trim().replace(/^\//, '');
    return keep(link(withText?.[1].trim() || path, REPO_URL + path));
  });
  result = result.replace(/:(get|post|put|delete):`([^`]+?)`/gi, (_, method: string, path: string) => keep(codeSpan(`${method.toUpperCase()} ${path.trim()}`)));
  result = result.replace(/:[\w-]+:`([^`]+?)`/g, (_, body: string) => keep(codeSpan(body.trim())));
  result = result.replace(/`([^`<]+?)\s*<([^<>`\s]+)>`__?/g, (_, shown: string, url: string) => keep(link(shown, url)));
  result = result.replace(/`([^`\n]+)`_{1,2}/g, (_, shown: string) => keep(shown));
  result = result.replace(/\u0000(\d+)\u0000/g, (_, n: string) => literals[Number(n)]);
  return result.replace(/[ \t]+$/gm, '');
}

function codeSpan(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
