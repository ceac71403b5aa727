import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type DumpSource, type LoadDumpResult } from '../../server/src/protocol';

/**
 * Where each loaded config dump came from, so a server restarted after a crash gets them back: files are read again
 * at once; dumps fetched from a running Envoy or a pod are fetched again only when the user says so, since the
 * proxy's configuration may have moved on (and fetching runs a program or opens a connection).
 */
export class LoadedDumps {
  private readonly sources = new Map<string, DumpSource>();

  remember(dumpId: string, source: DumpSource): void {
    this.sources.set(dumpId, source);
  }

  forget(dumpId: string): void {
    this.sources.delete(dumpId);
  }

  /** After a restart: loads the files again, offers to fetch the rest again; `loaded` runs after each success. */
  async restore(client: LanguageClient, log: vscode.LogOutputChannel, loaded: () => void): Promise<void> {
    const lost = [...this.sources.values()];
    this.sources.clear();
    if (lost.length === 0) return;
    const files = lost.filter((source) => source.kind === 'file');
    const fetched = lost.filter((source) => source.kind !== 'file');
    for (const source of files) await this.load(client, source, log, loaded);
    if (fetched.length === 0) return;
    const what = fetched.map(describe).join(', ');
    const choice = await vscode.window.showInformationMessage(
      `The Envoy Lens server restarted; ${fetched.length === 1 ? 'a config dump' : `${fetched.length} config dumps`} fetched from a running proxy (${what}) must be fetched again.`,
      'Fetch Again',
    );
    if (choice !== 'Fetch Again') return;
    for (const source of fetched) await this.load(client, source, log, loaded);
  }

  private async load(client: LanguageClient, source: DumpSource, log: vscode.LogOutputChannel, loaded: () => void): Promise<void> {
    const result = await client.sendRequest<LoadDumpResult>(Requests.loadDump, { source }).catch((error: Error) => ({ ok: false as const, message: error.message }));
    if (result.ok) {
      this.remember(result.dump.id, source);
      log.info(`Loaded ${describe(source)} again after the restart.`);
      loaded();
    } else {
      log.warn(`Could not load ${describe(source)} again after the restart: ${result.message}`);
    }
  }
}

function describe(source: DumpSource): string {
  switch (source.kind) {
    case 'file':
      return vscode.workspace.asRelativePath(source.path);
    case 'admin':
      return source.url;
    case 'command':
      return `${source.namespace}/${source.pod}`;
  }
}
