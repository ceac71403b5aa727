import { CodeLensRefreshRequest, type InitializeParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dumpMatchFindings, envoyFilterDumpReports, type PatchReport } from '../core/envoyfilter/dumpReport';
import type { ServerContext } from './features';

interface Entry {
  version: number;
  generation: number;
  reports: PatchReport[];
}

/**
 * EnvoyFilter configPatches matched against the loaded config dumps, once per document version and set of dumps,
 * for the diagnostics, code lenses and hovers that report it. When dumps come or go, open EnvoyFilters are
 * validated again and the client is asked for fresh code lenses.
 */
export class EnvoyFilterDumps {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly context: ServerContext) {}

  start(params: InitializeParams): void {
    const { context } = this;
    context.diagnostics.addSource((document) => dumpMatchFindings(this.reports(document)));
    context.documents.onDidClose(({ document }) => this.entries.delete(document.uri));
    const canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    context.dumps.onDidChange(() => {
      const hadReports = new Set([...this.entries].filter(([, entry]) => entry.reports.length > 0).map(([uri]) => uri));
      this.entries.clear();
      for (const document of context.documents.all()) {
        // Documents that had reports must lose them when the last dump goes, so they are revalidated too.
        if (hadReports.has(document.uri) || this.reports(document).length > 0) context.diagnostics.schedule(document.uri, true);
      }
      if (canRefreshLenses) void context.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
  }

  reports(document: TextDocument): PatchReport[] {
    const generation = this.context.dumps.generation;
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.generation === generation) return cached.reports;
    const proxies = this.context.dumps.proxies();
    const reports = proxies.length ? envoyFilterDumpReports(this.context.cache.get(document).analysis, proxies) : [];
    this.entries.set(document.uri, { version: document.version, generation, reports });
    return reports;
  }
}

let instance: EnvoyFilterDumps | undefined;

/** The one instance of this server; the first feature to ask wires it up. */
export function envoyFilterDumps(context: ServerContext, params: InitializeParams): EnvoyFilterDumps {
  if (!instance) {
    instance = new EnvoyFilterDumps(context);
    instance.start(params);
  }
  return instance;
}
