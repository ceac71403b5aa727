import type { FileAnalysis } from '../analyze';
import { stringValue, type ObjectNode, type PathSegment, type ScalarNode, type ValueNode } from '../document/nodes';
import type { LanguageModels } from '../docs/models';
import { resolveTypedPath } from '../model/typedWalk';
import { fileFacts, locate, type FileFacts, type Location } from '../navigation/fileFacts';
import type { WorkspaceIndex } from '../navigation/workspaceIndex';
import { explainRetryPolicy, explainTransportSocketMatches, explainTypedConfig } from './explainers';
import { extensionHoverMarkdown } from './extensionHover';
import { enumValueHoverMarkdown, fieldHoverMarkdown } from './fieldHover';
import { istioReferenceHover, istioTargetAt } from '../istio/navigation';
import { envoyFilterPatchAt, istioResourceAt } from '../istio/resourcePaths';
import { istioFieldHoverMarkdown } from './istioHover';
import { nameHoverMarkdown, portHoverMarkdown } from './nameHover';

export interface Hover {
  markdown: string;
  /** the span the hover is about (a key or a value) */
  offset: number;
  length: number;
}

export interface HoverOptions {
  /** the file's URI, to tell its own definitions from the workspace's */
  uri?: string;
  workspace?: WorkspaceIndex;
}

/** The one hover for a position in a recognised document, or undefined (an unrecognised file gets nothing). */
export function hoverAt(analysis: FileAnalysis, offset: number, models: LanguageModels, options: HoverOptions = {}): Hover | undefined {
  if (!analysis.recognized) return undefined;
  const location = locate(analysis, offset, models.envoy);
  if (!location) return undefined;
  const { hit } = location;
  const span = hit.onKey && hit.property ? { offset: hit.property.keyOffset, length: hit.property.keyLength } : hit.node && { offset: hit.node.offset, length: hit.node.length };
  if (!span) return undefined;
  const kind = location.document.kind;
  let markdown: string | undefined;
  if (location.typedRoot) {
    markdown = envoyHover(location, location.typedRoot.node, location.typedRoot.typeName, location.pathInRoot, models, fileFacts(analysis, models.envoy), options);
  } else if (kind?.kind === 'istio' || kind?.kind === 'kubernetes-list') {
    markdown = istioHover(analysis, location, models, fileFacts(analysis, models.envoy), options);
  }
  return markdown ? { markdown, ...span } : undefined;
}

function envoyHover(
  location: Location,
  root: ValueNode,
  rootType: string,
  path: PathSegment[],
  models: LanguageModels,
  facts: FileFacts,
  options: HoverOptions,
): string | undefined {
  const { hit } = location;
  const key = hit.property?.key;
  if (key === '@type') {
    const url = stringValue(hit.property?.value);
    return url ? extensionHoverMarkdown(url, models) : undefined;
  }
  if (hit.onKey) {
    const resolved = resolveTypedPath(root, rootType, path, models.envoy);
    if (!resolved.field || !resolved.fieldOwner) return undefined;
    const value = hit.property?.value;
    const holder = hit.ancestors[hit.ancestors.length - 1];
    const explanation = explain(resolved.field.name, resolved.field.type, value, holder?.type === 'object' ? holder : undefined, models);
    return fieldHoverMarkdown(resolved.fieldOwner, resolved.field, models, explanation);
  }
  const node = hit.node;
  if (!node || node.type === 'object' || node.type === 'array') return undefined;
  const named = nameHoverMarkdown(node, facts, options.uri ?? '', options.workspace);
  if (named) return named;
  const resolved = resolveTypedPath(root, rootType, path, models.envoy);
  if (resolved.field?.kind === 'enum' && node.type === 'string') {
    const enumHover = enumValueHoverMarkdown(resolved.field.type, node.value as string, models);
    if (enumHover) return enumHover;
  }
  return portHoverMarkdown(lastKey(path), node);
}

function lastKey(path: PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

function explain(fieldName: string, fieldType: string, value: ValueNode | undefined, holder: ObjectNode | undefined, models: LanguageModels): string[] {
  if (fieldName === 'typed_config' && fieldType === 'google.protobuf.Any') return explainTypedConfig(value, holder, models);
  if (fieldName === 'transport_socket_matches') return explainTransportSocketMatches(value, holder, models);
  if (fieldType === 'envoy.config.route.v3.RetryPolicy') return explainRetryPolicy(value, holder);
  return [];
}

function istioHover(analysis: FileAnalysis, location: Location, models: LanguageModels, facts: FileFacts, options: HoverOptions): string | undefined {
  const { hit } = location;
  const inResource = istioResourceAt(location.document, hit.path);
  if (!inResource) return undefined;
  const { resource, kind, path } = inResource;
  const patch = envoyFilterPatchAt(resource, path);
  if (patch) return envoyHover(location, patch.value, patch.typeName, patch.rest, models, facts, options);
  if (hit.onKey) return istioFieldHoverMarkdown(models.istio, kind, path);
  const node = hit.node;
  if (!node || node.type === 'object' || node.type === 'array') return undefined;
  // a VirtualService's subset or gateway: what it reaches, from this file and the workspace
  const target = istioTargetAt(analysis, node.offset);
  if (target) return istioReferenceHover(target, analysis, options.uri ?? '', options.workspace?.istioResources(options.uri ?? ''));
  return nameHoverMarkdown(node as ScalarNode, facts, options.uri ?? '', options.workspace) ?? portHoverMarkdown(lastKey(path), node as ScalarNode);
}
