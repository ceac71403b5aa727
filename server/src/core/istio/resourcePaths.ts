import type { AnalyzedDocument } from '../analyze';
import { getProperty, stringValue, type PathSegment, type ValueNode } from '../document/nodes';
import { PATCH_VALUE_TYPES } from '../envoyfilter/filterTypes';

export interface IstioKindRef {
  group: string;
  version: string;
  kindName: string;
}

/** The Istio resource a path of a document leads into (one item of a Kubernetes List), and the path inside it. */
export function istioResourceAt(document: AnalyzedDocument, path: PathSegment[]): { resource: ValueNode | undefined; kind: IstioKindRef; path: PathSegment[] } | undefined {
  let resource = document.document.root;
  let inside = path;
  if (document.kind?.kind === 'kubernetes-list' && path[0] === 'items' && typeof path[1] === 'number') {
    const items = getProperty(resource, 'items')?.value;
    resource = items?.type === 'array' ? items.items[path[1]] : undefined;
    inside = path.slice(2);
  }
  const kind = istioKindOf(resource);
  return kind ? { resource, kind, path: inside } : undefined;
}

export function istioKindOf(resource: ValueNode | undefined): IstioKindRef | undefined {
  const apiVersion = stringValue(getProperty(resource, 'apiVersion')?.value);
  const kindName = stringValue(getProperty(resource, 'kind')?.value);
  const match = apiVersion && /^([^/]+)\/([^/]+)$/.exec(apiVersion);
  return match && kindName ? { group: match[1], version: match[2], kindName } : undefined;
}

/** The Envoy message an EnvoyFilter patch value is, by the patch's `applyTo`. */
export function envoyTypeForPatch(applyTo: string | undefined): string | undefined {
  return applyTo ? PATCH_VALUE_TYPES[applyTo] : undefined;
}

/**
 * An EnvoyFilter's `configPatches[i].patch.value` is Envoy config of the type its `applyTo` names: the value, that
 * type, and the path below the value (`minRest` 1 for a place inside it, 0 to include the value itself).
 */
export function envoyFilterPatchAt(resource: ValueNode | undefined, path: PathSegment[], minRest = 1): { value: ValueNode; typeName: string; rest: PathSegment[] } | undefined {
  if (path[0] !== 'spec' || path[1] !== 'configPatches' || typeof path[2] !== 'number' || path[3] !== 'patch' || path[4] !== 'value' || path.length < 5 + minRest) return undefined;
  const patches = getProperty(getProperty(resource, 'spec')?.value, 'configPatches')?.value;
  const entry = patches?.type === 'array' ? patches.items[path[2]] : undefined;
  const typeName = envoyTypeForPatch(stringValue(getProperty(entry, 'applyTo')?.value));
  const value = getProperty(getProperty(entry, 'patch')?.value, 'value')?.value;
  return typeName && value ? { value, typeName, rest: path.slice(5) } : undefined;
}
