import { randomBytes } from 'node:crypto';
import type { ExplainLine, ExplainPart, ExplainResult } from '../../server/src/protocol';

/**
 * The explanation webview's HTML. No `vscode` import, so it can be tested in plain Node. Every string that comes
 * from a config (names, regexes, headers: anything, `<script>` included) goes through escapeHtml; the only script
 * is our own file, allowed by a per-render nonce.
 */

export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function renderPart(part: ExplainPart): string {
  const text = escapeHtml(part.text);
  const inner = part.code ? `<code>${text}</code>` : text;
  if (!part.link) return inner;
  const title = escapeHtml(`Open ${part.link.kind} ${part.link.name}`);
  return `<a href="#" class="object-link" data-kind="${escapeHtml(part.link.kind)}" data-name="${escapeHtml(part.link.name)}" title="${title}">${inner}</a>`;
}

export function renderParts(parts: ExplainPart[] | undefined, fallback: string): string {
  return parts && parts.length ? parts.map(renderPart).join('') : escapeHtml(fallback);
}

function renderLine(line: ExplainLine): string {
  const classes = [`depth-${Math.max(0, Math.min(Math.floor(Number(line.depth) || 0), 6))}`];
  if (line.tone === 'warning' || line.tone === 'note') classes.push(`tone-${line.tone}`);
  const linkedInText = new Set((line.parts ?? []).flatMap((part) => (part.link ? [`${part.link.kind}\u0000${part.link.name}`] : [])));
  // Links the text does not already carry (older servers send only `links`) become small trailing links.
  const extra = (line.links ?? [])
    .filter((link) => !linkedInText.has(`${link.kind}\u0000${link.name}`))
    .map((link) => renderPart({ text: link.kind, link }))
    .join(' ');
  return `<li class="${classes.join(' ')}">${renderParts(line.parts, line.text)}${extra ? ` <span class="links">${extra}</span>` : ''}</li>`;
}

/** The hops in traffic order as boxes joined by arrows, laid out by the stylesheet. */
function renderPath(path: ExplainPart[][] | undefined): string {
  if (!path || path.length < 2) return '';
  const hops = path.map((hop) => `<li class="hop">${renderParts(hop, '')}</li>`).join('<li class="arrow" aria-hidden="true">→</li>');
  return `<nav class="path" aria-label="Traffic path"><ol>${hops}</ol></nav>`;
}

export function renderExplanationBody(result: ExplainResult): string {
  if (!result.ok) return `<p class="error">${escapeHtml(result.message ?? 'Nothing to explain.')}</p>`;
  const sections = (result.sections ?? [])
    .map((section) => {
      const lines = section.lines.map(renderLine).join('\n');
      return `<section><h2>${renderParts(section.headingParts, section.heading)}</h2><ul>${lines}</ul></section>`;
    })
    .join('\n');
  return `${renderPath(result.path)}\n${sections}`;
}

export function renderExplanationHtml(
  result: ExplainResult,
  webview: { cspSource: string },
  scriptUri: string,
  styleUri: string,
  nonce: string = randomBytes(16).toString('base64'),
): string {
  const title = escapeHtml(result.title ?? 'Explain This Listener');
  // cspSource comes from VS Code and the nonce is base64: neither holds a quote, so the policy needs no escaping.
  const csp = `default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>${title}</title>
</head>
<body>
<h1>${title}</h1>
${renderExplanationBody(result)}
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>`;
}
