import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type ExplainParams, type ExplainResult } from '../../server/src/protocol';
import { renderExplanationHtml } from './explainHtml';
import { recordWebviewMessage } from './webviewMessages';

export { escapeHtml, renderExplanationHtml } from './explainHtml';

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
        recordWebviewMessage(panel.title, message);
        if (message.command !== 'reveal' || typeof message.kind !== 'string' || typeof message.name !== 'string') return;
        // A dump's object is revealed in the tree and opened; a document's (bootstrap in the editor) is opened.
        const target =
          'dumpId' in params.source
            ? { dumpId: params.source.dumpId, kind: message.kind, name: message.name, proxy: params.proxy }
            : { dumpId: '', uri: params.source.uri, kind: message.kind, name: message.name, proxy: params.proxy };
        await vscode.commands.executeCommand('envoyLens.revealDumpObject', target);
      },
      undefined,
      context.subscriptions,
    );
  }
}
