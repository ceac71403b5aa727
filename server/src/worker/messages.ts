import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver/node';
import type { ObjectKind } from '../core/envoy/graph';
import type { RelatedFacts } from '../core/envoy/relatedClusters';
import type { IndexedFileFacts } from '../core/navigation/workspaceIndex';
import type { AnalysisSettings } from '../core/settings';

/** The requests on a document that the analysis worker answers for the large documents it holds. */
export type DocumentMethod = 'hover' | 'definition' | 'references' | 'documentSymbol' | 'completion' | 'codeAction';

/** What the server thread asks of the analysis worker. Everything is plain data: it crosses threads by copy. */
export type WorkerJob =
  | { kind: 'configure'; settings: AnalysisSettings; envoyApiPath: string; cacheDir: string; snippets: boolean }
  | { kind: 'analyze'; uri: string; version: number; text: string; languageId: string; related?: RelatedFacts }
  | { kind: 'indexFacts'; uri: string; text: string; fileName: string }
  | { kind: 'request'; uri: string; version: number; method: DocumentMethod; params: unknown }
  | { kind: 'forget'; uri: string };

export interface AnalyzeReply {
  recognized: boolean;
  /** what other files define can change its findings (false for a config dump: one proxy's whole state) */
  readsOtherFiles: boolean;
  diagnostics: Diagnostic[];
  /** what the workspace index keeps of the document (undefined when it is not Envoy or Istio configuration) */
  facts: IndexedFileFacts | undefined;
}

/** Definition and references inside the document, and the name at the position for the server to look up elsewhere. */
export interface NavigationReply {
  locations: { uri: string; range: Diagnostic['range'] }[];
  named?: { kind: ObjectKind; name: string; isDefinition: boolean };
}

/** The worker's answer to each request, in LSP shapes (positions made with the worker's own line index). */
export interface DocumentAnswers {
  hover: Hover | null;
  definition: NavigationReply;
  references: NavigationReply;
  documentSymbol: DocumentSymbol[] | null;
  completion: CompletionList | null;
  codeAction: CodeAction[];
}

export type ToWorker = { id: number; job: WorkerJob };

export type FromWorker =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string }
  | { log: { level: 'error' | 'info'; message: string } };
