import type { FileAnalysis } from '../analyze';
import type { ObjectNode, PathSegment } from '../document/nodes';
import type { LanguageModels } from '../docs/models';
import { typedRoots } from '../envoy/typedRoots';
import { describeFieldType, docsMarkdown, messageSummary } from '../hover/fieldHover';
import { resolveTypedPath } from '../model/typedWalk';
import { fileFacts } from '../navigation/fileFacts';
import type { WorkspaceIndex } from '../navigation/workspaceIndex';
import { envoyFilterPatchAt, istioResourceAt } from '../istio/resourcePaths';
import { extensionCategoryOf } from '../model/typeIndex';
import type { FieldModel, IstioModel } from '../model/types';
import { cursorContext, type CursorContext } from './cursorContext';
import { istioKeyCompletions, istioValueCompletions } from './istioCompletion';
import { detectKeyStyle, keyStyleOf, typeUrlCandidates, extensionNameCandidates, referenceKindOf } from './candidates';

export type CompletionKind = 'field' | 'enumValue' | 'typeUrl' | 'extensionName' | 'reference' | 'value';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown */
  documentation?: string;
  insertText: string;
  sortText?: string;
  preselect?: boolean;
  /**
   * For a YAML key: what its value is, so an editor that takes snippets can open it (a nested mapping or list on the
   * next lines) or offer its choices (enum values, booleans) right after the key.
   */
  follows?: 'mapping' | 'list' | 'choice';
}

export interface CompletionResult {
  items: Completion[];
  /** the span the chosen item replaces: the word typed so far */
  replaceOffset: number;
  replaceLength: number;
}

export interface CompletionInput {
  analysis: FileAnalysis;
  text: string;
  offset: number;
  models: LanguageModels;
  workspace?: WorkspaceIndex;
  /** the Istio model of the version being validated against, so no field is offered that it then reports as too new */
  istioModel?: IstioModel;
}

/**
 * Where the object at `path` sits in Envoy's types: the typed root above it (a whole Envoy document, an item of a
 * list, an EnvoyFilter's patch value) and the path below that root.
 */
function typedPosition(context: CursorContext, path: PathSegment[]): { rootNode: ObjectNode | undefined; rootType: string; rest: PathSegment[]; inPatch?: boolean } | undefined {
  const root = context.document.document.root;
  for (const typed of typedRoots(context.document.kind, root)) {
    if (typed.node === root) return { rootNode: typed.node as ObjectNode, rootType: typed.typeName, rest: path };
    if (root?.type === 'array' && typeof path[0] === 'number' && root.items[path[0]] === typed.node) return { rootNode: typed.node as ObjectNode, rootType: typed.typeName, rest: path.slice(1) };
  }
  const inResource = istioResourceAt(context.document, path);
  const patch = inResource && envoyFilterPatchAt(inResource.resource, inResource.path, 0);
  if (patch?.value.type === 'object') return { rootNode: patch.value, rootType: patch.typeName, rest: patch.rest, inPatch: true };
  return undefined;
}

export function completionsAt(input: CompletionInput): CompletionResult | undefined {
  const { analysis, text, offset, models } = input;
  if (!analysis.recognized) return undefined;
  const context = cursorContext(analysis, text, offset);
  if (!context) return undefined;
  const items = context.at === 'key' ? keyCompletions(context, input) : valueCompletions(context, input);
  if (items.length === 0) items.push(...istioCompletions(context, input));
  const replaceEnd = context.at === 'key' ? context.replaceEnd ?? offset : offset;
  return { items, replaceOffset: context.replaceOffset, replaceLength: replaceEnd - context.replaceOffset };
}

function keyCompletions(context: Extract<CursorContext, { at: 'key' }>, input: CompletionInput): Completion[] {
  const { models } = input;
  const position = typedPosition(context, context.parentPath);
  if (!position?.rootNode) return [];
  const resolved = position.rest.length ? resolveTypedPath(position.rootNode, position.rootType, position.rest, models.envoy) : { typeName: position.rootType };
  let typeName = resolved.typeName;
  if (position.rest.length && resolved.field && resolved.field.kind !== 'message') return [];
  if (resolved.field?.mapKey && typeof position.rest[position.rest.length - 1] === 'string' && position.rest[position.rest.length - 1] === resolved.field.name) return [];
  const present = new Set(context.parent?.properties.map((p) => p.key) ?? []);
  if (!typeName || typeName === 'google.protobuf.Any') {
    return present.has('@type') ? [] : [atTypeKey(context)];
  }
  const message = models.envoy.message(typeName);
  if (!message) return [];
  // An EnvoyFilter's own keys are Istio's camelCase; its patch value is Envoy config, spelt as the patch spells it.
  const style = position.inPatch ? keyStyleOf([position.rootNode]) : detectKeyStyle(input.analysis);
  const usedOneofs = new Set(message.fields.filter((f) => present.has(f.name) || present.has(f.jsonName)).map((f) => f.oneof).filter(Boolean));
  const completions = message.fields
    .filter((field) => !present.has(field.name) && !present.has(field.jsonName) && !(field.oneof && usedOneofs.has(field.oneof)))
    .map((field): Completion => fieldCompletion(typeName!, field, style, context.json, models, !context.json && !context.flow));
  return completions;
}

/** Fields and values of an Istio resource, from its CRD schema (EnvoyFilter patch values are Envoy's, above). */
function istioCompletions(context: CursorContext, input: CompletionInput): Completion[] {
  const path = context.at === 'key' ? context.parentPath : context.path;
  // Below an EnvoyFilter's patch value the CRD schema is free-form, so nothing is offered there from it.
  const inResource = istioResourceAt(context.document, path);
  if (!inResource) return [];
  const model = input.istioModel ?? input.models.istio;
  if (context.at === 'key') return istioKeyCompletions(model, inResource.kind, inResource.path, context.parent, context.json, !context.json && !context.flow);
  const filterCategory = inResource.kind.kindName === 'EnvoyFilter' ? envoyFilterMatchCategory(inResource.path) : undefined;
  if (filterCategory) {
    return input.models.envoy.extensionNames().filter((name) => extensionCategoryOf(name) === filterCategory).sort().map((name) => ({
      label: name,
      kind: 'extensionName',
      detail: input.models.envoy.typesForExtension(name)[0],
      documentation: messageSummary(input.models.envoy.typesForExtension(name)[0] ?? '', input.models),
      insertText: name,
    }));
  }
  return istioValueCompletions(model, inResource.kind, inResource.path);
}

/** An EnvoyFilter match names a network filter (`filterChain.filter.name`) or an HTTP filter (`filter.subFilter.name`). */
function envoyFilterMatchCategory(path: PathSegment[]): string | undefined {
  if (path[0] !== 'spec' || path[1] !== 'configPatches' || path[3] !== 'match') return undefined;
  const last = path.slice(-3).join('.');
  if (last === 'filter.subFilter.name') return 'envoy.filters.http';
  if (last === 'filterChain.filter.name') return 'envoy.filters.network';
  return undefined;
}

function atTypeKey(context: CursorContext): Completion {
  return { label: '@type', kind: 'field', detail: 'the message this extension config is', insertText: context.json ? '"@type": ' : '"@type": ', sortText: '0' };
}

/** `block`: a YAML key on its own line, whose value can open on the next lines (not JSON, not a flow mapping). */
function fieldCompletion(owner: string, field: FieldModel, style: 'snake' | 'camel', json: boolean, models: LanguageModels, block: boolean): Completion {
  const name = style === 'camel' ? field.jsonName : field.name;
  const docs = docsMarkdown(models, `${owner}.${field.name}`);
  const follows = block ? valueShape(field) : undefined;
  return {
    label: name,
    kind: 'field',
    detail: describeFieldType(field, models.envoy).replace(/\[([^\]]+)\]\([^)]*\)/g, '$1'),
    documentation: docs,
    insertText: json ? `"${name}": ` : `${name}: `,
    // deprecated and not-implemented fields go last: they are rarely what anyone wants to add
    sortText: `${field.deprecated || field.notImplemented ? '2' : '1'}${name}`,
    ...(follows && { follows }),
  };
}

/** Messages whose JSON form is a scalar (`5s`, `true`, `42`) or anything at all, not a mapping to open. */
const SCALAR_MESSAGES = /^google\.protobuf\.(Duration|Timestamp|FieldMask|\w+Value|Value|ListValue|Empty)$/;

function valueShape(field: FieldModel): Completion['follows'] {
  if (field.mapKey) return 'mapping';
  if (field.repeated) return 'list';
  if (field.kind === 'enum' || field.type === 'bool' || field.type === 'google.protobuf.BoolValue') return 'choice';
  if (field.kind === 'message' && !SCALAR_MESSAGES.test(field.type)) return 'mapping';
  return undefined;
}

function valueCompletions(context: Extract<CursorContext, { at: 'value' }>, input: CompletionInput): Completion[] {
  const { models } = input;
  const position = typedPosition(context, context.path);
  if (!position?.rootNode) return [];
  const quote = (value: string): string => (context.json ? value : /^[\w./-]+$/.test(value) ? value : JSON.stringify(value));
  if (context.key === '@type') {
    return typeUrlCandidates(position.rootNode, position.rootType, position.rest.slice(0, -1), models).map((c, i) => ({
      label: c.url,
      kind: 'typeUrl',
      detail: c.extensions.join(', ') || undefined,
      documentation: messageSummary(c.typeName, models),
      insertText: c.url,
      sortText: `${c.preferred ? '0' : '1'}${String(i).padStart(4, '0')}`,
      preselect: c.preferred || undefined,
    }));
  }
  const resolved = resolveTypedPath(position.rootNode, position.rootType, position.rest, models.envoy);
  const field = resolved.field;
  if (!field) return [];
  if (field.kind === 'enum') {
    return (models.envoy.enumType(field.type)?.values ?? []).map((value) => ({
      label: value.name,
      kind: 'enumValue',
      documentation: docsMarkdown(models, `${field.type}.${value.name}`),
      insertText: value.name,
      sortText: `${value.deprecated ? '1' : '0'}${String(value.number).padStart(6, '0')}`,
    }));
  }
  if (field.type === 'bool' || field.type === 'google.protobuf.BoolValue') {
    return ['true', 'false'].map((value) => ({ label: value, kind: 'value', insertText: value }));
  }
  const referenceKind = referenceKindOf(resolved.fieldOwner, field.name);
  if (referenceKind) {
    const local = fileFacts(input.analysis, models.envoy).graph.definitions.filter((d) => d.kind === referenceKind).map((d) => d.name);
    const names = [...new Set([...local, ...(input.workspace?.names(referenceKind) ?? [])])];
    return names.map((name) => ({ label: name, kind: 'reference', detail: local.includes(name) ? 'defined in this file' : 'defined in the workspace', insertText: quote(name) }));
  }
  if (field.name === 'name' && context.holder) {
    return extensionNameCandidates(resolved.fieldOwner, context.holder, models).map((name) => ({
      label: name,
      kind: 'extensionName',
      detail: models.envoy.typesForExtension(name)[0],
      documentation: messageSummary(models.envoy.typesForExtension(name)[0] ?? '', models),
      insertText: quote(name),
    }));
  }
  return [];
}
