export * from './types';
export { loadConfigDump, fromParsed } from './load';
export { findCluster, findEndpoints, findExtensionConfig, findListener, findRouteConfig, findSecret, edsServiceName } from './lookup';
export { buildDumpTree, getDumpTreeChildren, filterDumpTree } from './tree';
export type { DumpTreeNode, DumpTreeNodeKind } from './treeTypes';
export { objectJson } from './objectJson';
