/**
 * Custom requests between the VS Code client and the language server, beyond standard LSP.
 * Plain data only: both sides import these types, neither imports the other's runtime.
 */

/**
 * `command` names a pod, never a command line: the server builds the kubectl/istioctl arguments itself. `program` is
 * the path the client read from the machine-scoped setting (never a workspace value).
 */
export type DumpSource =
  | { kind: 'file'; path: string }
  | { kind: 'admin'; url: string }
  | { kind: 'command'; tool: 'kubectl' | 'istioctl'; program: string; namespace: string; pod: string };

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

export interface UnloadDumpParams {
  dumpId: string;
}

/** An object of a loaded dump; `proxy` picks one proxy of a multi-proxy (egctl) file. */
export interface DumpObjectRef {
  dumpId: string;
  kind: string;
  name: string;
  proxy?: string;
}

export interface TreeItemData {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  kind: string;
  icon?: string;
  hasChildren: boolean;
  /** the object this item stands for, to open, explain or reveal */
  target?: DumpObjectRef;
  /** the item points at an object listed elsewhere in the tree (a route's cluster, a listener's RDS) */
  reference?: boolean;
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
  source: ExplainSource;
  proxy?: string;
  /** the listener around the cursor position of the request: "Explain This Listener" needs no picker */
  atCursor?: boolean;
}

export type ExplainSource = { dumpId: string } | { uri: string };

export interface ListListenersParams {
  uri?: string;
  /** a cursor position in `uri`: the listener around it comes first */
  position?: { line: number; character: number };
}

export interface ExplainParams {
  source: ExplainSource;
  listener: string;
  proxy?: string;
}

export interface ExplainLink {
  kind: string;
  name: string;
}

/** A run of config-derived text: plain data, to be escaped by whoever renders it. */
export interface ExplainPart {
  text: string;
  code?: boolean;
  link?: ExplainLink;
}

export interface ExplainLine {
  /** the parts joined, for plain renderers */
  text: string;
  parts: ExplainPart[];
  depth: number;
  tone?: 'note' | 'warning';
  links?: ExplainLink[];
}

export interface ExplainSection {
  heading: string;
  headingParts: ExplainPart[];
  target?: ExplainLink;
  lines: ExplainLine[];
}

export interface ExplainResult {
  ok: boolean;
  message?: string;
  title?: string;
  markdown?: string;
  /** the hops in traffic order, for the diagram at the top */
  path?: ExplainPart[][];
  /** structured form for the webview: sections of lines, each with optional links to objects */
  sections?: ExplainSection[];
}

/** What `envoyLens/serverInfo` answers: enough to tell which server process is running and what it knows. */
export interface ServerInfo {
  pid: number;
  version: string;
  node: string;
  uptimeSeconds: number;
  trusted: boolean;
  envoyModel?: string;
  istioModel?: string;
}

/** The API versions in use, for the status bar; sent as `envoyLens/versionsChanged` and answered per document. */
export interface VersionsStatus {
  /** short: "bundled 1.14.1", "1.31.0", "older #1a2b3c4d" */
  envoyApiLabel: string;
  /** as the messages name it */
  envoyApiVersion: string;
  envoyApiSource: 'bundled' | 'user' | 'fallback';
  /** "latest (1.29)" or "1.24" */
  istioVersion: string;
}

export interface DocumentVersionsParams {
  uri: string;
}

/** `recognized: false` means the document is not Envoy or Istio configuration: the status bar item hides. */
export interface DocumentVersions extends VersionsStatus {
  recognized: boolean;
}

/** client → server: what the client sees of neighbouring extensions (facts only, no decisions). */
export interface NeighbourFacts {
  redHatYaml?: { active: boolean; validate: boolean; crdStoreEnabled: boolean; kubernetesGlobs: string[] };
}

/** What the client passes in `initializationOptions`. */
export interface InitializationOptions {
  trusted?: boolean;
  /** where the server may cache models it builds (the extension's global storage) */
  cacheDir?: string;
  neighbours?: NeighbourFacts;
}

/** `uri` instead of a dump id: the object comes from that open document (a bootstrap being explained). */
export interface ObjectJsonParams extends DumpObjectRef {
  uri?: string;
}

/**
 * The URI scheme of the client's read-only object views (served by `objectJson`). The server hands out such URIs as
 * definition and symbol locations: `envoy-lens-object:/<kind>/<name>.json?dump=…&kind=…&name=…[&proxy=…]`.
 */
export const OBJECT_VIEW_SCHEME = 'envoy-lens-object';

export const Requests = {
  loadDump: 'envoyLens/loadDump',
  unloadDump: 'envoyLens/unloadDump',
  dumpTree: 'envoyLens/dumpTree',
  listListeners: 'envoyLens/listListeners',
  explain: 'envoyLens/explain',
  objectJson: 'envoyLens/objectJson',
  /** DumpObjectRef → TreeItemData[] from the dump item down to the object's own item; [] when it has none */
  revealPath: 'envoyLens/revealPath',
  /** → ServerInfo */
  serverInfo: 'envoyLens/serverInfo',
  /** DocumentVersionsParams → DocumentVersions */
  documentVersions: 'envoyLens/documentVersions',
} as const;

export const Notifications = {
  dumpsChanged: 'envoyLens/dumpsChanged',
  /** client → server: the user trusted the workspace after the server started */
  trustGranted: 'envoyLens/trustGranted',
  /** server → client: VersionsStatus after the Envoy API or the Istio version changed */
  versionsChanged: 'envoyLens/versionsChanged',
  /** client → server: NeighbourFacts whenever they change */
  neighbours: 'envoyLens/neighbours',
} as const;
