import { plainText, renderExplanationMarkdown, type Explanation, type ExplanationItem, type TextPart } from '../core/explain';
import type { ExplainLine, ExplainPart, ExplainResult, ExplainSection } from '../protocol';

/**
 * The core's explanation as protocol data. Text stays plain (config names may hold anything, `<script>` included);
 * the webview escapes it when rendering.
 */
export function toExplainResult(explanation: Explanation, sourceLabel: string): ExplainResult {
  if (!explanation.found) {
    const hint = explanation.sections.flatMap((section) => section.items.map((entry) => plainText(entry.parts))).join(' ');
    return { ok: false, message: hint || `No listener named "${explanation.listenerName}" in ${sourceLabel}.` };
  }
  return {
    ok: true,
    title: `Listener ${explanation.listenerName} — ${sourceLabel}`,
    markdown: renderExplanationMarkdown(explanation),
    path: explanation.path.map(toParts),
    sections: explanation.sections.map((section): ExplainSection => {
      const lines: ExplainLine[] = [];
      for (const entry of section.items) flatten(entry, 0, lines);
      const converted: ExplainSection = { heading: plainText(section.title), headingParts: toParts(section.title), lines };
      if (section.target) converted.target = { kind: section.target.kind, name: section.target.name };
      return converted;
    }),
  };
}

function flatten(entry: ExplanationItem, depth: number, out: ExplainLine[]): void {
  const parts = toParts(entry.parts);
  const links = parts.flatMap((part) => (part.link ? [part.link] : []));
  const line: ExplainLine = { text: plainText(entry.parts), parts, depth };
  if (entry.tone) line.tone = entry.tone;
  if (links.length) line.links = links;
  out.push(line);
  for (const child of entry.children ?? []) flatten(child, depth + 1, out);
}

function toParts(parts: TextPart[]): ExplainPart[] {
  return parts.map((part) => {
    const converted: ExplainPart = { text: part.text };
    if (part.code) converted.code = true;
    if (part.link) converted.link = { kind: part.link.kind, name: part.link.name };
    return converted;
  });
}
