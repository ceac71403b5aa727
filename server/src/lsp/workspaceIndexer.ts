import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type InitializeParams, type Location } from 'vscode-languageserver/node';
import type { ObjectKind } from '../core/envoy/graph';
import { referenceKindsOf, workspaceDefinitions, workspaceReferences, type TargetLocation } from '../core/navigation/definition';
import { WorkspaceIndex } from '../core/navigation/workspaceIndex';
import { LARGE_DOCUMENT_CHARS } from './analysisCache';
import { loadEnvoyIndex } from '../runtime/models';
import type { ServerContext } from './features';

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const BATCH_SIZE = 16;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);
const CONFIG_FILE = /\.(ya?ml|json)$/i;
const OPEN_DOCUMENT_DELAY_MS = 300;
/** a scan indexes many files in a row: check the open documents once after it settles, not after each file */
const RECHECK_DELAY_MS = 250;

/**
 * Keeps the workspace index of Envoy objects (and Istio resources, for the checks across files) fresh for definition,
 * references, workspace symbols and completion:
 * scans the workspace folders in small batches after start-up, follows watched-file events, and prefers the
 * contents of open documents over what is on disk.
 */
export class WorkspaceIndexer {
  readonly index = new WorkspaceIndex(loadEnvoyIndex);
  private scanning: Promise<void> | undefined;
  private readonly pendingOpen = new Map<string, NodeJS.Timeout>();
  private pendingRecheck: NodeJS.Timeout | undefined;

  constructor(private readonly context: ServerContext) {}

  start(params: InitializeParams): void {
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const { connection, documents } = this.context;
    // Checks across files see the other files' Istio resources and clusters, and run again when those change.
    this.context.cache.useRelated({
      generation: (uri) => this.index.relatedGenerationFor(uri),
      forUri: (uri) => ({ istio: this.index.istioResources(uri), clusters: this.index.clusterNames(uri), origin: 'workspace' }),
    });
    this.index.onRelatedChange = () => this.scheduleRecheck();
    connection.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) {
        if (!CONFIG_FILE.test(change.uri) || documents.get(change.uri)) continue;
        if (change.type === FileChangeType.Deleted) this.index.remove(change.uri);
        else void this.indexFile(change.uri);
      }
    });
    documents.onDidChangeContent(({ document }) => this.scheduleOpenDocument(document.uri));
    documents.onDidClose(({ document }) => {
      clearTimeout(this.pendingOpen.get(document.uri));
      this.pendingOpen.delete(document.uri);
      // the editor may have held unsaved text: fall back to what is on disk
      void this.indexFile(document.uri);
    });
    // after the initialize response has gone out, so start-up is never held up by the scan
    setImmediate(() => {
      this.scanning = this.scan(folders).catch((error) => connection.console.error(`Envoy Lens could not index the workspace: ${String(error)}`));
    });
  }

  /** Resolves when the first scan of the workspace has finished (tests and benchmarks wait for it). */
  async ready(): Promise<void> {
    while (!this.scanning) await new Promise((resolve) => setImmediate(resolve));
    await this.scanning;
  }

  private scheduleRecheck(): void {
    clearTimeout(this.pendingRecheck);
    this.pendingRecheck = setTimeout(() => {
      this.pendingRecheck = undefined;
      this.context.diagnostics.scheduleAll();
    }, RECHECK_DELAY_MS);
  }

  private scheduleOpenDocument(uri: string): void {
    clearTimeout(this.pendingOpen.get(uri));
    this.pendingOpen.set(
      uri,
      setTimeout(() => {
        this.pendingOpen.delete(uri);
        const document = this.context.documents.get(uri);
        if (!document) return;
        if (this.context.cache.isLarge(document)) {
          // the analysis worker made the facts along with the diagnostics
          void this.context.large.analysis(document).then((reply) => {
            if (reply && this.context.documents.get(uri)?.version === document.version) this.index.putFacts(uri, reply.facts, document.getText());
          });
          return;
        }
        const entry = this.context.cache.get(document);
        if (!this.index.setAnalysis(uri, entry.analysis, entry.text)) this.index.remove(uri);
      }, OPEN_DOCUMENT_DELAY_MS),
    );
  }

  private async scan(folderUris: string[]): Promise<void> {
    const files: string[] = [];
    for (const uri of folderUris) {
      if (!uri.startsWith('file:')) continue;
      await collectFiles(fileURLToPath(uri), files);
    }
    for (let i = 0; i < files.length; i += BATCH_SIZE) {
      await Promise.all(files.slice(i, i + BATCH_SIZE).map((path) => this.indexFile(pathToFileURL(path).href)));
      // let pending requests run between batches
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async indexFile(uri: string): Promise<void> {
    if (this.context.documents.get(uri)) return;
    try {
      const path = fileURLToPath(uri);
      const stat = await fs.stat(path);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) {
        this.index.remove(uri);
        return;
      }
      const text = await fs.readFile(path, 'utf8');
      if (this.index.holdsText(uri, text)) return;
      if (text.length >= LARGE_DOCUMENT_CHARS) {
        // parsing a file this size here would hold up every request; the analysis worker does it
        const facts = await this.context.large.indexFacts(uri, text, path);
        if (!this.context.documents.get(uri)) this.index.putFacts(uri, facts, text);
        return;
      }
      if (!this.index.setText(uri, text, path)) this.index.remove(uri);
    } catch {
      this.index.remove(uri);
    }
  }

  /** An LSP location for an offset in a file: the open document's text if open, else the indexed text. */
  location(uri: string, offset: number, length: number): Location | undefined {
    const open = this.context.documents.get(uri);
    if (open) return { uri, range: { start: open.positionAt(offset), end: open.positionAt(offset + length) } };
    const lines = this.index.lines(uri);
    return lines ? { uri, range: lines.rangeOf(offset, length) } : undefined;
  }

  /** Where other files define an object (for a large document, whose own definitions the worker found). */
  definitionsElsewhere(uri: string, kind: ObjectKind, name: string): Location[] {
    let found = workspaceDefinitions(this.index, uri, kind, name);
    // As in the core: an EDS service name with no ClusterLoadAssignment lands on the cluster of that name.
    if (found.length === 0 && kind === 'endpoints') found = workspaceDefinitions(this.index, uri, 'cluster', name);
    return this.locations(found);
  }

  /** Where other files name an object, and define it when asked (for a large document, as above). */
  referencesElsewhere(uri: string, kind: ObjectKind, name: string, includeDeclaration: boolean): Location[] {
    const locations = this.locations(referenceKindsOf(kind).flatMap((each) => workspaceReferences(this.index, uri, each, name)));
    return includeDeclaration ? [...this.definitionsElsewhere(uri, kind, name), ...locations] : locations;
  }

  /** LSP locations of targets the core found, in open documents or indexed files. */
  locations(targets: readonly TargetLocation[]): Location[] {
    return targets.flatMap((target) => this.location(target.uri, target.offset, target.length) ?? []);
  }
}

async function collectFiles(dir: string, into: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) await collectFiles(join(dir, entry.name), into);
    } else if (entry.isFile() && CONFIG_FILE.test(entry.name)) {
      into.push(join(dir, entry.name));
    }
  }
}

let indexer: WorkspaceIndexer | undefined;

/** The one indexer of this server; the first feature to ask starts it. */
export function workspaceIndexer(context: ServerContext, params: InitializeParams): WorkspaceIndexer {
  if (!indexer) {
    indexer = new WorkspaceIndexer(context);
    indexer.start(params);
  }
  return indexer;
}
