import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type DumpTreeParams, type TreeItemData } from '../../server/src/protocol';

const icons: Record<string, string> = {
  dump: 'file-code',
  group: 'folder',
  bootstrap: 'gear',
  listener: 'radio-tower',
  filterChain: 'filter',
  filter: 'symbol-event',
  httpFilter: 'symbol-event',
  routeConfig: 'references',
  virtualHost: 'globe',
  route: 'arrow-right',
  cluster: 'server-environment',
  endpoint: 'circle-small-filled',
  secret: 'lock',
  extensionConfig: 'extensions',
  info: 'info',
};

/**
 * `contextValue` is a list of `;token;` flags for the menus in package.json: `kind=<kind>`, `object` (has JSON to
 * open), `reference` (points at an object listed elsewhere in the tree), `explain` (a listener).
 */
export function contextValueOf(data: TreeItemData): string {
  const tokens = [`kind=${data.kind}`];
  const target = data.target;
  if (target && target.kind !== 'dump') tokens.push('object');
  if (target && data.reference) tokens.push('reference');
  if (target?.kind === 'listener') tokens.push('explain');
  if (target) tokens.push('named');
  return `;${tokens.join(';')};`;
}

export class DumpTreeItem extends vscode.TreeItem {
  constructor(
    readonly data: TreeItemData,
    readonly parent?: DumpTreeItem,
  ) {
    super(data.label, data.hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = data.id;
    this.description = data.description;
    this.tooltip = data.tooltip;
    this.iconPath = new vscode.ThemeIcon(data.icon ?? icons[data.kind] ?? 'symbol-misc');
    this.contextValue = contextValueOf(data);
    if (data.target && data.target.kind !== 'dump') {
      this.command = { command: 'envoyLens.openDumpObject', title: 'Open', arguments: [this] };
    }
  }
}

/** The "Envoy Config Dump" view: items come from the server, which holds the loaded dumps. */
export class DumpTreeProvider implements vscode.TreeDataProvider<DumpTreeItem> {
  private readonly changed = new vscode.EventEmitter<DumpTreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filter = '';

  constructor(private readonly client: () => LanguageClient | undefined) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  setFilter(filter: string): void {
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', 'envoyLens.dumpFilterActive', filter.length > 0);
    this.refresh();
  }

  get filterActive(): boolean {
    return this.filter.length > 0;
  }

  getTreeItem(element: DumpTreeItem): vscode.TreeItem {
    return element;
  }

  /** Needed by TreeView.reveal; parents are known because every item is made by its parent's getChildren. */
  getParent(element: DumpTreeItem): DumpTreeItem | undefined {
    return element.parent;
  }

  async getChildren(element?: DumpTreeItem): Promise<DumpTreeItem[]> {
    const client = this.client();
    if (!client?.isRunning()) return [];
    const params: DumpTreeParams = { parentId: element?.data.id, filter: this.filter || undefined };
    const items = await client.sendRequest<TreeItemData[]>(Requests.dumpTree, params);
    return items.map((item) => new DumpTreeItem(item, element));
  }
}
