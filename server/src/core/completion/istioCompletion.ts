import type { ObjectNode, PathSegment } from '../document/nodes';
import { describeIstioType, istioKindSchema, istioSchemaAt } from '../hover/istioHover';
import type { IstioKindRef } from '../istio/resourcePaths';
import type { IstioModel, IstioSchemaNode } from '../model/types';
import type { Completion } from './index';

/** The schema node a path inside an Istio resource leads to, below `spec`. */
function schemaAt(model: IstioModel, kind: IstioKindRef, path: PathSegment[]): IstioSchemaNode | undefined {
  const schema = istioKindSchema(model, kind);
  if (!schema || path[0] !== 'spec') return undefined;
  return istioSchemaAt(model, schema.spec, path.slice(1));
}

/** The fields of the object at `parentPath` that are not written yet, as the Istio version in use has them. */
export function istioKeyCompletions(model: IstioModel, kind: IstioKindRef, parentPath: PathSegment[], parent: ObjectNode | undefined, json: boolean, block: boolean): Completion[] {
  const node = schemaAt(model, kind, parentPath);
  if (!node?.properties) return [];
  const present = new Set(parent?.properties.map((p) => p.key) ?? []);
  const exclusive = (node.mutuallyExclusive ?? []).filter((group) => group.some((name) => present.has(name)));
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties)
    .filter(([name]) => !present.has(name) && !exclusive.some((group) => group.includes(name)))
    .map(([name, property]): Completion => {
      const resolved = istioSchemaAt(model, property, []) ?? property;
      const follows = block ? valueShape(resolved) : undefined;
      return {
        label: name,
        kind: 'field',
        detail: `${describeIstioType(model, resolved)}${required.has(name) ? ' · required' : ''}`.replace(/`/g, ''),
        documentation: resolved.description,
        insertText: json ? `"${name}": ` : `${name}: `,
        // required first, deprecated last
        sortText: `${required.has(name) ? '0' : resolved.deprecated ? '2' : '1'}${name}`,
        ...(follows && { follows }),
      };
    });
}

function valueShape(node: IstioSchemaNode): Completion['follows'] {
  if (node.enum?.length || node.type === 'boolean') return 'choice';
  if (node.type === 'array') return 'list';
  if (node.type === 'object' && (node.properties || node.additionalProperties)) return 'mapping';
  return undefined;
}

/** Enum values and booleans for the value at `path`. */
export function istioValueCompletions(model: IstioModel, kind: IstioKindRef, path: PathSegment[]): Completion[] {
  const node = schemaAt(model, kind, path);
  if (!node) return [];
  if (node.enum?.length) return node.enum.map((value, i) => ({ label: value, kind: 'enumValue', insertText: value, sortText: String(i).padStart(4, '0') }));
  if (node.type === 'boolean') return ['true', 'false'].map((value) => ({ label: value, kind: 'value', insertText: value }));
  return [];
}
