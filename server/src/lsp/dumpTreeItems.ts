import { buildDumpTree, filterDumpTree, getDumpTreeChildren, type ConfigDump, type DumpTreeNode } from '../core/dump';
import type { DumpObjectRef, TreeItemData } from '../protocol';
import type { DumpStore, StoredDump } from './dumpStore';

/** Core ids are unique within one dump; the view shows several, so every id carries its dump's id before this. */
const SEPARATOR = '|';

interface FilterState {
  filter: string;
  /** children the core handed out inline (filtered trees), by core id, until the filter changes */
  inline: Map<string, DumpTreeNode[]>;
}

/** Adapts the core's per-dump trees to one "Envoy Config Dump" view holding every loaded dump. */
export class DumpTreeItems {
  private readonly states = new Map<string, FilterState>();
  private readonly sectionIds = new WeakMap<ConfigDump, Set<string>>();

  constructor(private readonly store: DumpStore) {}

  forget(dumpId: string): void {
    this.states.delete(dumpId);
  }

  children(parentId: string | undefined, filter = ''): TreeItemData[] {
    if (parentId === undefined) return this.store.list().map(rootItem);
    const cut = parentId.indexOf(SEPARATOR);
    const dumpId = cut < 0 ? parentId : parentId.slice(0, cut);
    const stored = this.store.get(dumpId);
    if (!stored) return [];
    const state = this.stateFor(dumpId, filter.trim());
    let nodes: DumpTreeNode[];
    if (cut < 0) {
      nodes = state.filter ? filterDumpTree(stored.dump, state.filter) : buildDumpTree(stored.dump);
    } else {
      const coreId = parentId.slice(cut + 1);
      nodes = state.inline.get(coreId) ?? getDumpTreeChildren(stored.dump, coreId);
    }
    const parentIsSection = cut >= 0 && this.sectionsOf(stored.dump).has(parentId.slice(cut + 1));
    for (const node of nodes) if (Array.isArray(node.children)) state.inline.set(node.id, node.children);
    return nodes.map((node) => toItem(stored, node, parentIsSection));
  }

  /** The items from the dump down to the object's own entry in its section, so the client can reveal it. */
  revealPath(ref: DumpObjectRef): TreeItemData[] {
    const stored = this.store.get(ref.dumpId);
    if (!stored) return [];
    const dump = stored.dump;
    const path: TreeItemData[] = [rootItem(stored)];
    let level = buildDumpTree(dump);
    const proxyNode = level.find((node) => node.kind === 'proxy' && (ref.proxy === undefined || node.label === ref.proxy));
    if (proxyNode) {
      path.push(toItem(stored, proxyNode, false));
      level = getDumpTreeChildren(dump, proxyNode.id);
    }
    for (const section of level) {
      if (section.kind !== 'section') continue;
      const match = getDumpTreeChildren(dump, section.id).find((node) => node.target?.kind === ref.kind && node.target.name === ref.name);
      if (match) return [...path, toItem(stored, section, false), toItem(stored, match, true)];
    }
    return [];
  }

  private stateFor(dumpId: string, filter: string): FilterState {
    let state = this.states.get(dumpId);
    if (!state || state.filter !== filter) {
      state = { filter, inline: new Map() };
      this.states.set(dumpId, state);
    }
    return state;
  }

  private sectionsOf(dump: ConfigDump): Set<string> {
    let ids = this.sectionIds.get(dump);
    if (!ids) {
      ids = new Set();
      for (const node of buildDumpTree(dump)) {
        const level = node.kind === 'proxy' ? getDumpTreeChildren(dump, node.id) : [node];
        for (const entry of level) if (entry.kind === 'section') ids.add(entry.id);
      }
      this.sectionIds.set(dump, ids);
    }
    return ids;
  }
}

function rootItem(stored: StoredDump): TreeItemData {
  const { info } = stored;
  const versions = [info.istioVersion && `Istio ${info.istioVersion}`, info.envoyVersion && `Envoy ${info.envoyVersion}`].filter(Boolean).join(', ');
  return {
    id: info.id,
    label: info.label,
    description: info.summary,
    tooltip: versions ? `${info.label}\n${versions}` : info.label,
    kind: 'dump',
    icon: 'file-code',
    hasChildren: true,
    target: { dumpId: info.id, kind: 'dump', name: info.label },
  };
}

function toItem(stored: StoredDump, node: DumpTreeNode, parentIsSection: boolean): TreeItemData {
  const dumpId = stored.info.id;
  const item: TreeItemData = {
    id: `${dumpId}${SEPARATOR}${node.id}`,
    label: node.label,
    kind: node.kind,
    icon: node.icon,
    hasChildren: node.children === 'lazy' || (Array.isArray(node.children) && node.children.length > 0),
  };
  if (node.description !== undefined) item.description = node.description;
  if (node.tooltip !== undefined) item.tooltip = node.tooltip;
  if (node.target) {
    const proxy = proxyOf(stored.dump, node.id);
    item.target = { dumpId, kind: node.target.kind, name: node.target.name, ...(proxy ? { proxy } : {}) };
    if (!parentIsSection) item.reference = true;
  }
  return item;
}

/** In a multi-proxy file the core roots each proxy's subtree at ["P", index, …]. */
function proxyOf(dump: ConfigDump, coreId: string): string | undefined {
  if (!dump.proxies || dump.proxies.length < 2 || !coreId.startsWith('["P",')) return undefined;
  try {
    const path = JSON.parse(coreId) as unknown[];
    return typeof path[1] === 'number' ? dump.proxies[path[1]]?.name : undefined;
  } catch {
    return undefined;
  }
}
