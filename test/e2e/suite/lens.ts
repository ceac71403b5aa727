// Helpers that reach the extension through what it exports (its API) and its commands, as another extension would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ServerInfo, TreeItemData } from '../../../server/src/protocol';
import { EXTENSION_ID, activated, poll, workspaceFile } from './helpers';

/** The shape of the extension's exports (client/src/api.ts); restated so the suite does not compile client code. */
export interface LensApi {
  serverInfo(): Promise<ServerInfo | undefined>;
  request<T>(method: string, params: unknown): Promise<T>;
  webviewMessages(): readonly { panel: string; message: unknown; at: number }[];
  readonly logUri: vscode.Uri;
}

export async function lensApi(): Promise<LensApi> {
  const extension = await activated();
  const api = extension.exports as LensApi | undefined;
  if (!api || typeof api.request !== 'function') throw new Error(`${EXTENSION_ID} exports no API`);
  return api;
}

export function treeChildren(api: LensApi, parentId?: string): Promise<TreeItemData[]> {
  return api.request<TreeItemData[]>('envoyLens/dumpTree', { parentId });
}

/** Every item under `parentId`, depth first, as the tree view would show them fully expanded. */
export async function walkTree(api: LensApi, parentId: string, limit = 500): Promise<TreeItemData[]> {
  const found: TreeItemData[] = [];
  const visit = async (id: string) => {
    for (const item of await treeChildren(api, id)) {
      if (found.length >= limit) return;
      found.push(item);
      if (item.hasChildren) await visit(item.id);
    }
  };
  await visit(parentId);
  return found;
}

/** Runs "Load Config Dump" on a workspace file, as the Explorer's context menu does, and returns its root item. */
export async function loadDumpCommand(api: LensApi, file: string | vscode.Uri): Promise<TreeItemData> {
  const uri = typeof file === 'string' ? workspaceFile(file) : file;
  const label = uri.path.split('/').pop();
  await vscode.commands.executeCommand('envoyLens.loadConfigDump', uri);
  return poll(`the dump ${label} in the tree`, async () => (await treeChildren(api)).find((item) => item.label === label), 10_000);
}

export async function listenerItems(api: LensApi, dump: TreeItemData): Promise<TreeItemData[]> {
  const section = (await treeChildren(api, dump.id)).find((item) => item.label === 'Listeners');
  if (!section) throw new Error(`${dump.label} has no Listeners section`);
  return treeChildren(api, section.id);
}

export function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);
}

/** Waits until the explanation panel titled `title` has loaded and run its own script (it posts "ready"). */
export async function waitForPanelReady(api: LensApi, title: string, since: number): Promise<void> {
  await poll(`a tab "${title}"`, () => (webviewTabs().some((tab) => tab.label === title) ? true : undefined), 15_000, () =>
    webviewTabs().map((tab) => tab.label).join(', ') || 'no webview tabs',
  );
  await poll(
    `the webview "${title}" to load its script`,
    () =>
      api.webviewMessages().some((record) => record.panel === title && record.at >= since && (record.message as { command?: string })?.command === 'ready')
        ? true
        : undefined,
    20_000,
    () => JSON.stringify(api.webviewMessages().slice(-5)),
  );
}

/** The "Envoy Lens" output channel as VS Code writes it to disk (a log channel: one file under the extension's logUri). */
export function readLog(api: LensApi): string {
  try {
    return readFileSync(join(api.logUri.fsPath, 'Envoy Lens.log'), 'utf8');
  } catch {
    return '';
  }
}
