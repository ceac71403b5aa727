import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type ObjectJsonParams, type TreeItemData } from '../../server/src/protocol';
import { DumpTreeItem, type DumpTreeProvider } from './dumpTreeView';
import { objectUri } from './objectViewer';

/** Opens the read-only JSON of one object (secrets redacted by the server). */
export async function openObject(target: ObjectJsonParams): Promise<void> {
  const document = await vscode.workspace.openTextDocument(objectUri(target));
  await vscode.languages.setTextDocumentLanguage(document, 'json');
  await vscode.window.showTextDocument(document, { preview: true });
}

/**
 * Selects an object's own entry in the "Envoy Config Dump" view (a route's cluster, a listener's route config) and
 * opens its JSON. Objects of a document, or without an entry of their own, are only opened.
 */
export async function revealObject(
  client: LanguageClient,
  tree: DumpTreeProvider,
  treeView: vscode.TreeView<DumpTreeItem>,
  target: ObjectJsonParams,
): Promise<void> {
  if (target.dumpId && !target.uri) {
    const path = await client.sendRequest<TreeItemData[]>(Requests.revealPath, {
      dumpId: target.dumpId,
      kind: target.kind,
      name: target.name,
      proxy: target.proxy,
    });
    if (path.length > 0) {
      // A filter may hide the entry; the user asked to go there, so show the whole tree.
      if (tree.filterActive) tree.setFilter('');
      let item: DumpTreeItem | undefined;
      for (const data of path) item = new DumpTreeItem(data, item);
      try {
        if (item) await treeView.reveal(item, { select: true, focus: false, expand: false });
      } catch {
        // The view may be hidden or still loading; opening the object below is enough.
      }
    }
  }
  await openObject(target);
}
