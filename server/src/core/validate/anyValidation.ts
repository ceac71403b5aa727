import { getProperty, stringValue, type ValueNode } from '../document/nodes';
import { extensionCategoryOf, packageOf, type EnvoyTypeIndex } from '../model/typeIndex';
import type { FieldModel } from '../model/types';
import { anchorOfProperty, type Anchor, type Walk } from './envoyValidator';
import { describeNode } from './scalars';
import { closestName } from './suggest';

const TYPED_STRUCT_TYPES = new Set(['xds.type.v3.TypedStruct', 'udpa.type.v1.TypedStruct']);

/** Well-known types whose JSON form is not an object carry it in "value" when packed in an Any. */
const VALUE_WRAPPED_TYPES = /^google\.protobuf\.(Duration|Timestamp|FieldMask|Struct|Value|ListValue|\w+Value)$/;

export type TypeResolution =
  | { status: 'known'; typeName: string }
  | { status: 'legacy'; typeName: string; replacement?: string }
  | { status: 'unknown'; typeName: string; suggestion?: string }
  | { status: 'foreign'; typeName: string };

/**
 * A config dump names the same few foreign types (Istio's own filters) thousands of times, and each miss looks for
 * a "did you mean" among every message name: the answer depends only on the API, so it is kept per index.
 */
const resolutions = new WeakMap<EnvoyTypeIndex, Map<string, TypeResolution>>();
const RESOLUTIONS_KEPT = 10_000;

/** Decides what a type URL names: a type we validate, an old name with a v3 successor, a typo, or a type we do not ship. */
export function resolveTypeName(walk: Pick<Walk, 'index'>, typeName: string): TypeResolution {
  const index = walk.index;
  if (index.message(typeName)) return { status: 'known', typeName };
  let known = resolutions.get(index);
  if (!known) resolutions.set(index, (known = new Map()));
  let resolution = known.get(typeName);
  if (!resolution) {
    resolution = resolveUnknownTypeName(index, typeName);
    if (known.size >= RESOLUTIONS_KEPT) known.clear();
    known.set(typeName, resolution);
  }
  return resolution;
}

function resolveUnknownTypeName(index: EnvoyTypeIndex, typeName: string): TypeResolution {
  const replacement = index.replacementFor(typeName);
  if (replacement) return { status: 'legacy', typeName, replacement };
  if (/^envoy\..*\.v2(alpha\d*)?(\.|$)|^envoy\.config\.filter\.|^envoy\.api\.v2\./.test(typeName)) {
    return { status: 'legacy', typeName };
  }
  const pkg = packageOf(typeName);
  if (index.hasPackage(pkg)) {
    const siblings = index.messageNames().filter((name) => packageOf(name) === pkg);
    return { status: 'unknown', typeName, suggestion: closestName(typeName, siblings, 4) };
  }
  if (/^(envoy|xds|udpa)\./.test(typeName)) {
    const suggestion = closestName(typeName, index.messageNames(), 3);
    if (suggestion) return { status: 'unknown', typeName, suggestion };
  }
  return { status: 'foreign', typeName };
}

/** Validates an Any (typed_config and friends) by its "@type", as deep as any other message. */
export function validateAny(walk: Walk, node: ValueNode, anchor: Anchor, field?: FieldModel): void {
  if (node.type === 'null') return;
  if (node.type !== 'object') {
    walk.report(node, 'error', 'envoy-type-mismatch', `Expected an object with "@type", found ${describeNode(node)}`);
    return;
  }
  const typeProperty = getProperty(node, '@type');
  if (!typeProperty) {
    if (node.properties.length > 0) {
      walk.report(anchor, 'error', 'envoy-missing-type-url', `${field?.name ?? 'This Any'} needs "@type": the type URL of the configuration it holds, e.g. type.googleapis.com/envoy.extensions.filters.http.router.v3.Router`);
    }
    return;
  }
  const url = stringValue(typeProperty.value);
  if (url === undefined || !typeProperty.value) {
    walk.report(anchorOfProperty(typeProperty), 'error', 'envoy-type-mismatch', '"@type" must be a type URL string');
    return;
  }
  const slash = url.lastIndexOf('/');
  const typeName = url.slice(slash + 1);
  const urlNode = typeProperty.value;
  if (slash < 0 || typeName === '') {
    walk.report(urlNode, 'error', 'envoy-invalid-type-url', `"${url}" is not a type URL; write type.googleapis.com/<full message name>`);
    return;
  }
  const resolution = resolveTypeName(walk, typeName);
  const prefix = url.slice(0, slash + 1);
  switch (resolution.status) {
    case 'legacy': {
      const replacement = resolution.replacement;
      walk.report(urlNode, 'error', 'envoy-legacy-type-url',
        replacement
          ? `${typeName} is an older type name that current Envoy no longer accepts; use ${prefix}${replacement}`
          : `${typeName} is a v2-era type that current Envoy no longer accepts; use the v3 type of this extension (envoy.extensions.…v3)`,
        replacement ? { fixes: [{ title: `Use ${replacement}`, edits: [{ offset: urlNode.offset, length: urlNode.length, newText: `${prefix}${replacement}` }], preferred: true }] } : undefined);
      return;
    }
    case 'unknown': {
      const suggestion = resolution.suggestion;
      walk.report(urlNode, 'error', 'envoy-unknown-type-url',
        `${typeName} is not a type in the Envoy API (${walk.index.apiVersion})${suggestion ? `; did you mean ${suggestion}?` : ''}`,
        suggestion ? { fixes: [{ title: `Use ${suggestion}`, edits: [{ offset: urlNode.offset, length: urlNode.length, newText: `${prefix}${suggestion}` }], preferred: true }] } : undefined);
      return;
    }
    case 'foreign':
      walk.report(urlNode, 'information', 'envoy-type-not-validated',
        `${typeName} is not in the Envoy API in use (${walk.index.apiVersion}), so its fields are not validated. It may be an Istio, contrib or newer extension; an Envoy API folder that has it (setting envoyLens.envoyApiPath, or --envoy-api) would validate it.`);
      return;
  }
  checkExtensionSlot(walk, urlNode, typeName, field);
  if (TYPED_STRUCT_TYPES.has(typeName)) {
    walk.message(node, typeName, anchor, new Set(['@type']));
    validateTypedStructValue(walk, node);
    return;
  }
  if (VALUE_WRAPPED_TYPES.test(typeName)) {
    const value = getProperty(node, 'value');
    if (value?.value) walk.value(value.value, typeName, anchorOfProperty(value));
    return;
  }
  walk.message(node, typeName, anchor, new Set(['@type']));
}

/** TypedStruct carries another type's fields as a Struct: validate them by its type_url. */
function validateTypedStructValue(walk: Walk, node: ValueNode): void {
  const typeUrlNode = getProperty(node, 'type_url', 'typeUrl')?.value;
  const valueProperty = getProperty(node, 'value');
  const url = stringValue(typeUrlNode);
  if (!url || !typeUrlNode || !valueProperty?.value) return;
  const typeName = url.slice(url.lastIndexOf('/') + 1);
  const resolution = resolveTypeName(walk, typeName);
  if (resolution.status === 'known') {
    walk.message(valueProperty.value, typeName, anchorOfProperty(valueProperty));
  } else if (resolution.status === 'foreign') {
    walk.report(typeUrlNode, 'information', 'envoy-type-not-validated',
      `${typeName} is not in the Envoy API in use (${walk.index.apiVersion}), so this TypedStruct's value is not validated`);
  } else {
    walk.report(typeUrlNode, 'error', resolution.status === 'legacy' ? 'envoy-legacy-type-url' : 'envoy-unknown-type-url',
      resolution.status === 'legacy'
        ? `${typeName} is a v2-era type${resolution.replacement ? `; use ${resolution.replacement}` : ''}`
        : `${typeName} is not a type in the Envoy API (${walk.index.apiVersion})${resolution.suggestion ? `; did you mean ${resolution.suggestion}?` : ''}`);
  }
}

/** An HTTP filter's type in a network filter slot (and the like) is rejected by Envoy at load time. */
function checkExtensionSlot(walk: Walk, urlNode: ValueNode, typeName: string, field?: FieldModel): void {
  const slotCategories = field?.extensionCategory?.filter((c) => c.startsWith('envoy.filters.'));
  const extensions = walk.index.message(typeName)?.extensions;
  if (!slotCategories?.length || !extensions?.length) return;
  const typeCategories = extensions.map(extensionCategoryOf);
  const fits = typeCategories.some((category) => slotCategories.some((slot) => slot.startsWith(category) || category.startsWith(slot)));
  if (!fits) {
    walk.report(urlNode, 'error', 'envoy-wrong-extension-slot',
      `${typeName} configures ${extensions.join(', ')} (${[...new Set(typeCategories)].join(', ')}), but this slot takes ${slotCategories.join(' or ')} extensions`);
  }
}
