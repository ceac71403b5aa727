import type { DumpTarget } from './types';

export type DumpTreeNodeKind =
  | 'section'
  | 'proxy'
  | 'bootstrap'
  | 'listener'
  | 'listenerFilters'
  | 'filterChain'
  | 'networkFilter'
  | 'httpFilter'
  | 'routeConfig'
  | 'virtualHost'
  | 'route'
  | 'cluster'
  | 'endpoints'
  | 'endpoint'
  | 'secret'
  | 'extensionConfig'
  | 'info'
  | 'warning';

/** A plain tree node; a client maps `icon` to its own icon set (the names are VS Code codicons). */
export interface DumpTreeNode {
  /** Opaque and stable for one loaded dump; pass it back to `getDumpTreeChildren`. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  kind: DumpTreeNodeKind;
  icon: string;
  /** `'lazy'`: ask `getDumpTreeChildren(dump, id)` when the user expands the node. */
  children?: DumpTreeNode[] | 'lazy';
  /** The dump object this node stands for, for "open JSON" and go-to. */
  target?: DumpTarget;
}

export const ICONS: Record<DumpTreeNodeKind, string> = {
  section: 'folder',
  proxy: 'server',
  bootstrap: 'settings-gear',
  listener: 'radio-tower',
  listenerFilters: 'eye',
  filterChain: 'filter',
  networkFilter: 'symbol-event',
  httpFilter: 'symbol-method',
  routeConfig: 'list-tree',
  virtualHost: 'globe',
  route: 'arrow-right',
  cluster: 'server-environment',
  endpoints: 'vm-outline',
  endpoint: 'vm',
  secret: 'key',
  extensionConfig: 'extensions',
  info: 'info',
  warning: 'warning',
};

/** Tree ids are JSON arrays, so names with `|`, `/` or `.` never need escaping. */
export type TreePath = (string | number)[];

export function encodeId(path: TreePath): string {
  return JSON.stringify(path);
}

export function decodeId(id: string): TreePath | undefined {
  try {
    const value: unknown = JSON.parse(id);
    if (Array.isArray(value) && value.every((part) => typeof part === 'string' || typeof part === 'number')) return value as TreePath;
  } catch {
    // not one of our ids
  }
  return undefined;
}

export function node(path: TreePath, kind: DumpTreeNodeKind, label: string, extra: Partial<DumpTreeNode> = {}): DumpTreeNode {
  return { id: encodeId(path), label, kind, icon: ICONS[kind], ...extra };
}

/** Lists longer than this get a trailing "… N more" node so a tree view stays responsive. */
export const MAX_CHILDREN = 500;

export function capped(path: TreePath, nodes: DumpTreeNode[], total: number): DumpTreeNode[] {
  if (total <= nodes.length) return nodes;
  return [...nodes, node([...path, 'more'], 'info', `… ${total - nodes.length} more`, { description: 'use the filter to narrow down' })];
}
