import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import { completionsAt, type CompletionKind } from '../../core/completion';
import { languageModels } from '../../runtime/languageModels';
import type { Feature } from '../features';
import { workspaceIndexer } from '../workspaceIndexer';

const itemKinds: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Field,
  enumValue: CompletionItemKind.EnumMember,
  typeUrl: CompletionItemKind.Class,
  extensionName: CompletionItemKind.Module,
  reference: CompletionItemKind.Reference,
  value: CompletionItemKind.Value,
};

/** Field names in the document's own spelling, enum values, `@type` URLs, filter names and cluster names. */
export const completionFeature: Feature = {
  capabilities: { completionProvider: { triggerCharacters: [' ', '"', '@', '/'] } },
  register(context, params) {
    const indexer = workspaceIndexer(context, params);
    context.connection.onCompletion((request): CompletionList | null => {
      const document = context.documents.get(request.textDocument.uri);
      if (!document) return null;
      const { analysis, lines, text } = context.cache.get(document);
      if (!analysis.recognized) return null;
      const result = completionsAt({ analysis, text, offset: lines.offsetAt(request.position), models: languageModels, workspace: indexer.index });
      if (!result) return null;
      const range = lines.rangeOf(result.replaceOffset, result.replaceLength);
      const items = result.items.map((item): CompletionItem => ({
        label: item.label,
        kind: itemKinds[item.kind],
        detail: item.detail,
        documentation: item.documentation ? { kind: 'markdown', value: item.documentation } : undefined,
        textEdit: { range, newText: item.insertText },
        insertTextFormat: InsertTextFormat.PlainText,
        sortText: item.sortText,
        filterText: item.label,
        preselect: item.preselect,
      }));
      return { isIncomplete: false, items };
    });
  },
};
