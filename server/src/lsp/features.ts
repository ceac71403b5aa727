import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Checker, FileAnalysis } from '../core/analyze';
import type { AnalysisSettings } from '../core/settings';
import type { LineIndex } from '../core/text/lineIndex';
import type { AnalysisCache } from './analysisCache';
import type { LargeDocuments } from './largeDocuments';
import type { DiagnosticsScheduler } from './diagnosticsScheduler';
import type { DumpStore } from './dumpStore';
import { codeLensFeature } from './features/codeLens';
import { dumpsFeature } from './features/dumps';
import { codeActionsFeature } from './features/codeActions';
import { hoverFeature } from './features/hover';
import { definitionFeature } from './features/definition';
import { referencesFeature } from './features/references';
import { documentSymbolsFeature } from './features/documentSymbols';
import { workspaceSymbolsFeature } from './features/workspaceSymbols';
import { completionFeature } from './features/completion';
import { serverInfoFeature } from './features/serverInfo';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** one analysis per open document version, shared by all features */
  cache: AnalysisCache;
  /** documents too large to analyse on the server's thread: analysed, and their requests answered, by a worker */
  large: LargeDocuments;
  /** publishes diagnostics; features may add findings that depend on more than the text (loaded dumps) */
  diagnostics: DiagnosticsScheduler;
  /** the config dumps loaded in this server */
  dumps: DumpStore;
  settings: () => AnalysisSettings;
  checkers?: () => Checker[];
  /** the workspace is trusted: only then may a feature run programs */
  trusted: () => boolean;
}

/** A document with its analysis: what a feature's answer is computed from, on the server's thread or in the worker. */
export interface AnalysedDocument {
  uri: string;
  analysis: FileAnalysis;
  lines: LineIndex;
  text: string;
}

/**
 * One LSP feature: what it advertises and how it wires its handlers. Each lives in `features/<name>.ts`,
 * adapting a core module to the protocol and nothing more.
 */
export interface Feature {
  capabilities?: ServerCapabilities;
  register(context: ServerContext, params: InitializeParams): void;
}

const features: Feature[] = [dumpsFeature, codeActionsFeature, hoverFeature, definitionFeature, referencesFeature, documentSymbolsFeature, workspaceSymbolsFeature, completionFeature, serverInfoFeature, codeLensFeature];

export function serverCapabilities(): ServerCapabilities {
  return Object.assign({}, ...features.map((feature) => feature.capabilities ?? {}));
}

export function registerFeatures(context: ServerContext, params: InitializeParams): void {
  for (const feature of features) feature.register(context, params);
}
