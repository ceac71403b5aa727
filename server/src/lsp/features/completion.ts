import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type InitializeParams, type Position } from 'vscode-languageserver/node';
import { completionsAt, type Completion, type CompletionKind } from '../../core/completion';
import type { WorkspaceIndex } from '../../core/navigation/workspaceIndex';
import { languageModels } from '../../runtime/languageModels';
import { loadIstioModelFor } from '../../runtime/models';
import type { AnalysedDocument, Feature } from '../features';
import { workspaceIndexer } from '../workspaceIndexer';

const itemKinds: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Field,
  enumValue: CompletionItemKind.EnumMember,
  typeUrl: CompletionItemKind.Class,
  extensionName: CompletionItemKind.Module,
  reference: CompletionItemKind.Reference,
  value: CompletionItemKind.Value,
};

export interface CompletionOptions {
  /** the istioVersion setting: Istio fields are offered as that version has them */
  istioVersion: string;
  /** the client takes snippets: a key opens its nested mapping or list, or asks for its choices */
  snippets: boolean;
}

/** Whether the client inserts snippets in completions (the worker is told the same). */
export function takesSnippets(params: InitializeParams): boolean {
  return params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
}

const SUGGEST_AGAIN = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** A YAML key that opens what its value is; the editor indents the new lines like the line the key is on. */
function keyEdit(item: Completion, snippets: boolean): Pick<CompletionItem, 'insertTextFormat' | 'command'> & { newText: string } {
  if (!snippets || !item.follows) return { newText: item.insertText, insertTextFormat: InsertTextFormat.PlainText };
  const key = item.insertText.trimEnd();
  switch (item.follows) {
    case 'mapping':
      return { newText: `${key}\n  $0`, insertTextFormat: InsertTextFormat.Snippet };
    case 'list':
      return { newText: `${key}\n- $0`, insertTextFormat: InsertTextFormat.Snippet };
    case 'choice':
      return { newText: item.insertText, insertTextFormat: InsertTextFormat.PlainText, command: SUGGEST_AGAIN };
  }
}

export function completionAnswer({ analysis, lines, text }: AnalysedDocument, position: Position, options: CompletionOptions, workspace?: WorkspaceIndex): CompletionList | null {
  if (!analysis.recognized) return null;
  const istioModel = loadIstioModelFor(options.istioVersion).model;
  const result = completionsAt({ analysis, text, offset: lines.offsetAt(position), models: languageModels, workspace, istioModel });
  if (!result) return null;
  const range = lines.rangeOf(result.replaceOffset, result.replaceLength);
  const items = result.items.map((item): CompletionItem => {
    const { newText, ...edit } = keyEdit(item, options.snippets);
    return {
      label: item.label,
      kind: itemKinds[item.kind],
      detail: item.detail,
      documentation: item.documentation ? { kind: 'markdown', value: item.documentation } : undefined,
      textEdit: { range, newText },
      ...edit,
      sortText: item.sortText,
      filterText: item.label,
      preselect: item.preselect,
    };
  });
  return { isIncomplete: false, items };
}

/**
 * Field names in the document's own spelling, enum values, `@type` URLs, filter names and cluster names; inside an
 * EnvoyFilter's patch value, the Envoy type its applyTo names; in other Istio resources, the CRD's fields and enums.
 */
export const completionFeature: Feature = {
  capabilities: { completionProvider: { triggerCharacters: [' ', '"', '@', '/'] } },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    const snippets = takesSnippets(params);
    context.connection.onCompletion((request): CompletionList | null | Promise<CompletionList | null> => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      if (context.cache.isLarge(document)) return context.large.request(document, 'completion', request);
      return completionAnswer({ uri: document.uri, ...context.cache.get(document) }, request.position, { istioVersion: context.settings().istioVersion, snippets }, indexer.index);
    });
  },
};
