import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type ServerInfo } from '../../server/src/protocol';
import { webviewMessages, type WebviewMessageRecord } from './webviewMessages';

/** Requests that only read the server's state; loading and unloading go through the commands, which ask the user. */
const READ_ONLY = new Set<string>([Requests.serverInfo, Requests.dumpTree, Requests.explain, Requests.objectJson, Requests.listListeners, Requests.revealPath]);

/** What `activate` returns: for other extensions and for the in-editor tests. */
export interface EnvoyLensApi {
  /** undefined while the server is not running (starting, restarting or given up) */
  serverInfo(): Promise<ServerInfo | undefined>;
  request<T>(method: string, params: unknown): Promise<T>;
  webviewMessages(): readonly WebviewMessageRecord[];
  /** VS Code's log folder for this extension; the "Envoy Lens" output channel is written there */
  readonly logUri: vscode.Uri;
}

export function createApi(client: () => LanguageClient | undefined, logUri: vscode.Uri): EnvoyLensApi {
  return {
    async serverInfo() {
      const running = client();
      if (!running?.isRunning()) return undefined;
      return running.sendRequest<ServerInfo>(Requests.serverInfo);
    },
    async request<T>(method: string, params: unknown) {
      if (!READ_ONLY.has(method)) throw new Error(`${method} is not a read-only Envoy Lens request`);
      const running = client();
      if (!running?.isRunning()) throw new Error('the Envoy Lens language server is not running');
      return running.sendRequest<T>(method, params);
    },
    webviewMessages,
    logUri,
  };
}
