import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OBJECT_VIEW_SCHEME, Requests, type ObjectJsonParams } from '../../server/src/protocol';

export const OBJECT_SCHEME = OBJECT_VIEW_SCHEME;

export function objectUri(target: ObjectJsonParams): vscode.Uri {
  const fields: Record<string, string> = { dump: target.dumpId, kind: target.kind, name: target.name };
  if (target.proxy) fields.proxy = target.proxy;
  if (target.uri) fields.uri = target.uri;
  const query = new URLSearchParams(fields).toString();
  const safeName = target.name.replace(/[^\w.-]+/g, '_').slice(0, 80) || target.kind;
  return vscode.Uri.from({ scheme: OBJECT_SCHEME, path: `/${target.kind}/${safeName}.json`, query });
}

/** Read-only views of one object of a loaded dump, served by the server with secrets redacted. */
export function registerObjectViewer(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const query = new URLSearchParams(uri.query);
      const params: ObjectJsonParams = { dumpId: query.get('dump') ?? '', kind: query.get('kind') ?? '', name: query.get('name') ?? '' };
      const proxy = query.get('proxy');
      const source = query.get('uri');
      if (proxy) params.proxy = proxy;
      if (source) params.uri = source;
      const running = client();
      if (!running?.isRunning()) return '// The Envoy Lens server is not running.';
      return running.sendRequest<string>(Requests.objectJson, params);
    },
  };
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(OBJECT_SCHEME, provider));
}
