import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type ExplainParams, type ExplainResult } from '../../server/src/protocol';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Renders `code spans` inside already escaped text. */
function inlineCode(escaped: string): string {
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>');
}

export function renderExplanationHtml(result: ExplainResult, webview: { cspSource: string }, scriptUri: string, styleUri: string): string {
  const nonce = randomBytes(16).toString('base64');
  const sections = (result.sections ?? [])
    .map((section) => {
      const lines = section.lines
        .map((line) => {
          const links = (line.links ?? [])
            .map(
              (link) =>
                `<a href="#" class="object-link" data-kind="${escapeHtml(link.kind)}" data-name="${escapeHtml(link.name)}" title="Reveal in the config dump">${escapeHtml(link.kind)}</a>`,
            )
            .join(' ');
          return `<li class="depth-${Math.min(line.depth, 6)}">${inlineCode(escapeHtml(line.text))}${links ? ` <span class="links">${links}</span>` : ''}</li>`;
        })
        .join('\n');
      return `<section><h2>${escapeHtml(section.heading)}</h2><ul>${lines}</ul></section>`;
    })
    .join('\n');
  const body = result.ok ? sections : `<p class="error">${escapeHtml(result.message ?? 'Nothing to explain.')}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>${escapeHtml(result.title ?? 'Explain This Listener')}</title>
</head>
<body>
<h1>${escapeHtml(result.title ?? 'Explain This Listener')}</h1>
${body}
<script nonce="${nonce}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>`;
}

/** One webview per explained listener; config-derived text is always escaped and scripts run only with a nonce. */
export class ExplainPanel {
  static async show(context: vscode.ExtensionContext, client: LanguageClient, params: ExplainParams): Promise<void> {
    const result = await client.sendRequest<ExplainResult>(Requests.explain, params);
    if (!result.ok) {
      void vscode.window.showErrorMessage(result.message ?? `Cannot explain listener ${params.listener}`);
      return;
    }
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('envoyLens.explain', `Explain: ${params.listener}`, vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    const scriptUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'explain.js')).toString();
    const styleUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'explain.css')).toString();
    panel.webview.html = renderExplanationHtml(result, panel.webview, scriptUri, styleUri);
    panel.webview.onDidReceiveMessage(
      async (message: { command?: string; kind?: string; name?: string }) => {
        if (message.command !== 'reveal' || typeof message.kind !== 'string' || typeof message.name !== 'string') return;
        if ('dumpId' in params.source) {
          await vscode.commands.executeCommand('envoyLens.openDumpObject', {
            data: { target: { dumpId: params.source.dumpId, kind: message.kind, name: message.name } },
          });
        }
      },
      undefined,
      context.subscriptions,
    );
  }
}
