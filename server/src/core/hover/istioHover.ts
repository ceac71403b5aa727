import type { PathSegment } from '../document/nodes';
import type { IstioKindRef } from '../istio/resourcePaths';
import type { IstioModel, IstioSchemaNode } from '../model/types';

/** The spec schema of a kind; a version the model lacks falls back to another version of the same kind. */
export function istioKindSchema(model: IstioModel, kind: IstioKindRef): { spec: IstioSchemaNode; description?: string } | undefined {
  const exact = model.kinds[`${kind.group}/${kind.version}/${kind.kindName}`];
  if (exact) return exact;
  const key = Object.keys(model.kinds).find((k) => k.startsWith(`${kind.group}/`) && k.endsWith(`/${kind.kindName}`));
  return key ? model.kinds[key] : undefined;
}

/** Follows `$ref`, keeping the description and deprecation written at the referring place, which win. */
function resolve(model: IstioModel, node: IstioSchemaNode | undefined): IstioSchemaNode | undefined {
  if (!node?.$ref) return node;
  const target = model.definitions[node.$ref.replace('#/definitions/', '')];
  if (!target) return node;
  return { ...resolve(model, target), description: node.description ?? target.description, deprecated: node.deprecated ?? target.deprecated };
}

/** The schema node at a path below `spec`, or undefined where the schema stops (free-form values). */
export function istioSchemaAt(model: IstioModel, spec: IstioSchemaNode, path: PathSegment[]): IstioSchemaNode | undefined {
  let node = resolve(model, spec);
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = resolve(model, node.items);
      continue;
    }
    const property = node.properties?.[segment];
    if (property) node = resolve(model, property);
    else if (node.additionalProperties && node.additionalProperties !== true) node = resolve(model, node.additionalProperties);
    else return undefined;
  }
  return node;
}

export function describeIstioType(model: IstioModel, node: IstioSchemaNode): string {
  if (node.anyOf?.length) return node.anyOf.map((n) => describeIstioType(model, resolve(model, n) ?? n)).join(' or ');
  if (node.enum?.length) return `one of ${node.enum.map((v) => `\`${v}\``).join(', ')}`;
  if (node.type === 'array') {
    const items = resolve(model, node.items);
    return `list of ${items ? describeIstioType(model, items) : 'values'}`;
  }
  if (node.type === 'object' && node.additionalProperties && !node.properties) {
    const values = node.additionalProperties === true ? undefined : resolve(model, node.additionalProperties);
    return `map of string → ${values ? describeIstioType(model, values) : 'any value'}`;
  }
  if (node.preserveUnknownFields) return 'free-form object';
  return node.type ?? 'value';
}

/** The hover of a key in an Istio resource: its CRD description, type and deprecation. */
export function istioFieldHoverMarkdown(model: IstioModel, kind: IstioKindRef, pathFromRoot: PathSegment[]): string | undefined {
  const schema = istioKindSchema(model, kind);
  if (!schema) return undefined;
  const last = pathFromRoot[pathFromRoot.length - 1];
  if (pathFromRoot.length === 1 && (last === 'spec' || last === 'kind')) {
    return [`**${kind.kindName}** · \`${kind.group}/${kind.version}\``, schema.description ?? ''].filter(Boolean).join('\n\n');
  }
  if (pathFromRoot[0] !== 'spec' || typeof last !== 'string') return undefined;
  const node = istioSchemaAt(model, schema.spec, pathFromRoot.slice(1));
  if (!node) return undefined;
  const sections = [`**${last}** · ${describeIstioType(model, node)}`];
  if (node.description) sections.push(node.description);
  if (node.required?.length) sections.push(`Required inside: ${node.required.map((r) => `\`${r}\``).join(', ')}`);
  if (node.deprecated) sections.push('**Deprecated**');
  sections.push(`in ${kind.kindName} (\`${kind.group}/${kind.version}\`)`);
  return sections.join('\n\n');
}

