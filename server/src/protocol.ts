/**
 * Custom requests between the VS Code client and the language server, beyond standard LSP.
 * Plain data only: both sides import these types, neither imports the other's runtime.
 */

export type DumpSource =
  | { kind: 'file'; path: string }
  | { kind: 'admin'; url: string }
  | { kind: 'command'; label: string; command: string; args: string[] };

export interface LoadDumpParams {
  source: DumpSource;
}

export interface LoadedDumpInfo {
  id: string;
  label: string;
  summary: string;
  /** versions read from the dump's bootstrap node, when present */
  istioVersion?: string;
  envoyVersion?: string;
}

export type LoadDumpResult = { ok: true; dump: LoadedDumpInfo } | { ok: false; message: string };

export interface TreeItemData {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  kind: string;
  icon?: string;
  hasChildren: boolean;
  /** the object this item stands for, to open, explain or reveal */
  target?: { dumpId: string; kind: string; name: string };
}

export interface DumpTreeParams {
  /** undefined: the loaded dumps themselves */
  parentId?: string;
  filter?: string;
}

export interface ListenerChoice {
  name: string;
  description: string;
  /** where the listener comes from: a loaded dump id, or a document URI */
  source: { dumpId: string } | { uri: string };
}

export interface ListListenersParams {
  uri?: string;
  /** a cursor position in `uri`: the listener around it comes first */
  position?: { line: number; character: number };
}

export interface ExplainParams {
  source: { dumpId: string } | { uri: string };
  listener: string;
}

export interface ExplainResult {
  ok: boolean;
  message?: string;
  title?: string;
  markdown?: string;
  /** structured form for the webview: sections of lines, each with optional links to objects */
  sections?: { heading: string; lines: { text: string; depth: number; links?: { kind: string; name: string }[] }[] }[];
}

export interface ObjectJsonParams {
  dumpId: string;
  kind: string;
  name: string;
}

export const Requests = {
  loadDump: 'envoyLens/loadDump',
  unloadDump: 'envoyLens/unloadDump',
  dumpTree: 'envoyLens/dumpTree',
  listListeners: 'envoyLens/listListeners',
  explain: 'envoyLens/explain',
  objectJson: 'envoyLens/objectJson',
} as const;

export const Notifications = {
  dumpsChanged: 'envoyLens/dumpsChanged',
} as const;
