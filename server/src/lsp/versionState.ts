import * as path from 'node:path';
import { MessageType, type Connection } from 'vscode-languageserver/node';
import { decideOverlap, type RedHatYamlFacts } from '../core/istio/redHatOverlap';
import { resolveIstioTarget } from '../core/istio/versions';
import { defaultSettings, type AnalysisSettings } from '../core/settings';
import {
  Notifications, Requests, type DocumentVersions, type DocumentVersionsParams, type InitializationOptions, type NeighbourFacts, type VersionsStatus,
} from '../protocol';
import { defaultCacheDir, loadEnvoyApi } from '../runtime/envoyApiLoader';
import { loadEnvoyIndex, useEnvoyApi } from '../runtime/models';
import type { ServerContext } from './features';
import type { ServerSettings } from './settings';

/**
 * Which Envoy API and Istio version the server validates against, and what it leaves to Red Hat YAML. Holds the
 * state; the decisions live in the core and the loading in the runtime.
 */
export class VersionState {
  private cacheDir = defaultCacheDir();
  private neighbours: NeighbourFacts = {};
  private settings: ServerSettings | undefined;
  private loadedPath = '';
  private envoySource: VersionsStatus['envoyApiSource'] = 'bundled';
  private adviceGiven = false;

  constructor(private readonly connection: Connection) {}

  /** Wires the neighbour notification and the status bar's request; `refresh` re-checks every open document. */
  listen(context: ServerContext, refresh: () => void): void {
    context.connection.onNotification(Notifications.neighbours, (facts: NeighbourFacts) => {
      if (this.setNeighbours(facts)) refresh();
    });
    context.connection.onRequest(Requests.documentVersions, async (params: DocumentVersionsParams): Promise<DocumentVersions | null> => {
      const document = params?.uri ? context.documents.get(params.uri) : undefined;
      if (!document) return null;
      const recognized = context.cache.isLarge(document) ? (await context.large.analysis(document))?.recognized : context.cache.get(document).analysis.recognized;
      return recognized ? { recognized: true, ...this.status() } : null;
    });
  }

  initialize(options: InitializationOptions | undefined): void {
    if (options?.cacheDir) this.cacheDir = path.join(options.cacheDir, 'envoy-api');
    if (options?.neighbours) this.neighbours = options.neighbours;
  }

  /** Takes new settings: loads the Envoy API they name (from the cache when it can), returns the analysis settings. */
  apply(settings: ServerSettings): AnalysisSettings {
    const previous = this.settings;
    this.settings = settings;
    if (settings.envoyApiPath !== this.loadedPath) this.switchEnvoyApi(settings.envoyApiPath);
    if (previous && previous.istioVersion !== settings.istioVersion) this.announce();
    return this.analysisSettings();
  }

  /** Takes what the client saw of its neighbours; true when that changes what we report. */
  setNeighbours(facts: NeighbourFacts): boolean {
    const before = JSON.stringify(this.analysisSettings().suppress);
    this.neighbours = facts ?? {};
    return JSON.stringify(this.analysisSettings().suppress) !== before;
  }

  analysisSettings(): AnalysisSettings {
    const settings = this.settings;
    if (!settings) return defaultSettings;
    const decision = decideOverlap(this.neighbours.redHatYaml as RedHatYamlFacts | undefined, settings.redHatOverlap);
    if (decision.advice && !this.adviceGiven) {
      this.adviceGiven = true;
      this.connection.console.info(decision.advice);
      void this.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: decision.advice });
    }
    const { envoyApiPath: _path, redHatOverlap: _overlap, ...analysis } = settings;
    return { ...analysis, suppress: decision.suppress };
  }

  /** What the analysis worker needs to validate against the same Envoy API: the folder, when it loaded. */
  envoyApiSetup(): { envoyApiPath: string; cacheDir: string } {
    return { envoyApiPath: this.envoySource === 'user' ? this.loadedPath : '', cacheDir: this.cacheDir };
  }

  status(): VersionsStatus {
    const index = loadEnvoyIndex();
    const source = index.model.source;
    const target = resolveIstioTarget(this.settings?.istioVersion);
    const bundled = this.envoySource !== 'user';
    return {
      envoyApiLabel: bundled ? `bundled (${source.package.replace(/^@[^/]+\//, '')} ${source.packageVersion})` : labelOf(source.apiVersion),
      envoyApiVersion: source.apiVersion,
      envoyApiSource: this.envoySource,
      istioVersion: target.latest ? `latest (${target.version})` : target.version,
    };
  }

  private switchEnvoyApi(apiPath: string): void {
    this.loadedPath = apiPath;
    if (!apiPath) {
      useEnvoyApi(undefined);
      this.envoySource = 'bundled';
      this.announce();
      return;
    }
    const loaded = loadEnvoyApi(apiPath, this.cacheDir);
    for (const note of loaded.notes) this.connection.console.info(`Envoy API ${apiPath}: ${note}`);
    if (!loaded.ok) {
      useEnvoyApi(undefined);
      this.envoySource = 'fallback';
      const message = `Envoy Lens validates with its bundled Envoy API instead of envoyLens.envoyApiPath: ${loaded.message}`;
      this.connection.console.warn(message);
      void this.connection.sendNotification('window/showMessage', { type: MessageType.Warning, message });
    } else {
      useEnvoyApi({ index: loaded.index, docs: loaded.docs });
      this.envoySource = 'user';
      this.connection.console.info(`Envoy API ${loaded.apiVersion} from ${apiPath}: ${loaded.cacheHit ? 'cache hit' : 'built'} in ${loaded.ms} ms`);
    }
    this.announce();
  }

  private announce(): void {
    void this.connection.sendNotification(Notifications.versionsChanged, {});
  }
}

/** The user API's label was kept in its apiVersion string ("1.31.0 from folder …" or "folder "x" #abcd…"). */
function labelOf(apiVersion: string): string {
  const recorded = /^(\S+) from folder /.exec(apiVersion);
  if (recorded) return recorded[1];
  const folder = /^(?:folder|descriptor set) "([^"]+)" (#[0-9a-f]+)/.exec(apiVersion);
  return folder ? `${folder[1]} ${folder[2]}` : apiVersion;
}
