import type { SeveritySetting } from '../settings';
import { getProperty, stringValue, type ObjectNode, type PropertyNode, type ValueNode } from '../document/nodes';
import type { IstioModel, IstioSchemaNode } from '../model/types';
import type { Finding } from '../types';
import { closestName } from '../validate/suggest';
import type { IstioVersionContext } from './modelChoice';
import { IstioSchemaWalker, keyAnchor, type Anchor } from './schemaWalker';

const RESOURCE_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

/** The fields of Kubernetes ObjectMeta a manifest may carry (server-set ones appear in exported objects). */
const OBJECT_META_FIELDS = [
  'name', 'generateName', 'namespace', 'labels', 'annotations', 'uid', 'resourceVersion', 'generation',
  'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers',
  'managedFields', 'selfLink',
];

/** DNS-1123 subdomain: what Kubernetes requires of the name of every Istio resource. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export interface IstioResourceKind {
  group: string;
  version: string;
  kindName: string;
}

/**
 * Validates one Istio resource (apiVersion/kind, metadata, spec) against the Istio model; `version` says how the
 * targeted Istio version relates to that model (see modelChoice.ts).
 */
export function validateIstioResource(
  root: ValueNode,
  kind: IstioResourceKind,
  model: IstioModel,
  findings: Finding[],
  unknownFieldSeverity: SeveritySetting = 'error',
  version: IstioVersionContext = {},
): void {
  if (root.type !== 'object') return;
  const walker = new IstioSchemaWalker(model, findings, unknownFieldSeverity, version);
  for (const property of root.properties) {
    if (!RESOURCE_FIELDS.includes(property.key)) walker.unknownField(property, RESOURCE_FIELDS, '');
  }
  const spec = model.kinds[`${kind.group}/${kind.version}/${kind.kindName}`]?.spec;
  if (!spec) {
    reportUnknownKind(root, kind, model, walker);
    return;
  }
  checkMetadata(root, walker);
  const specProperty = getProperty(root, 'spec');
  if (!specProperty?.value || specProperty.value.type === 'null') {
    const at = anchorOfKind(root);
    const needed = spec.required?.length ? ` (it needs ${spec.required.map((f) => `"${f}"`).join(', ')})` : '';
    walker.report(at, needed ? 'error' : 'warning', 'istio-missing-spec',
      `${kind.kindName} has no spec${needed}; ${needed ? 'the API server rejects it' : 'it configures nothing'}`);
    return;
  }
  walker.value(specProperty.value, spec, keyAnchor(specProperty), 'spec', undefined, olderSpec(root, kind, walker));
}

/**
 * The spec of the kind in the older model, to tell which fields came later. An apiVersion the older model lacks is
 * itself reported; the kind's fields are then compared with those of another version of it, which match.
 */
function olderSpec(root: ObjectNode, kind: IstioResourceKind, walker: IstioSchemaWalker): IstioSchemaNode | undefined {
  const olderModel = walker.version.olderModel;
  if (!olderModel) return undefined;
  const exact = olderModel.kinds[`${kind.group}/${kind.version}/${kind.kindName}`];
  if (exact) return exact.spec;
  const apiVersion = `${kind.group}/${kind.version}`;
  const sameKind = Object.keys(olderModel.kinds).filter((key) => key.startsWith(`${kind.group}/`) && key.endsWith(`/${kind.kindName}`));
  const at = getProperty(root, sameKind.length ? 'apiVersion' : 'kind')?.value ?? anchorOfKind(root);
  walker.addedAfterOlderModel(at, sameKind.length ? `${apiVersion} ${kind.kindName}` : `The ${kind.kindName} kind`);
  // Keys sort v1 < v1alpha… < v1beta…, so the last is the most mature of the pre-v1 versions.
  return sameKind.length ? olderModel.kinds[sameKind.sort()[sameKind.length - 1]].spec : undefined;
}

function anchorOfKind(root: ObjectNode): Anchor {
  const kindProperty = getProperty(root, 'kind');
  return kindProperty?.value ?? { offset: root.offset, length: 1 };
}

function reportUnknownKind(root: ObjectNode, kind: IstioResourceKind, model: IstioModel, walker: IstioSchemaWalker): void {
  const keys = Object.keys(model.kinds).map((key) => {
    const [group, version, kindName] = key.split('/');
    return { group, version, kindName };
  });
  if (!keys.some((k) => k.group === kind.group)) return;
  const apiVersionNode = getProperty(root, 'apiVersion')?.value;
  const kindNode = getProperty(root, 'kind')?.value;
  const versions = keys.filter((k) => k.group === kind.group && k.kindName === kind.kindName).map((k) => k.version);
  if (versions.length > 0 && apiVersionNode) {
    const listed = versions.map((v) => `${kind.group}/${v}`);
    const newest = listed.find((v) => v.endsWith('/v1')) ?? listed[listed.length - 1];
    walker.report(apiVersionNode, 'error', 'istio-unknown-version',
      versions.length === 1
        ? `${kind.kindName} exists only as ${listed[0]}; the API server has no ${kind.group}/${kind.version} version of it`
        : `${kind.kindName} has no version ${kind.version}; use one of ${listed.join(', ')}`,
      { fixes: [{ title: `Use ${newest}`, edits: [{ offset: apiVersionNode.offset, length: apiVersionNode.length, newText: newest }], preferred: true }] });
    return;
  }
  if (!kindNode) return;
  const elsewhere = keys.find((k) => k.kindName === kind.kindName);
  if (elsewhere) {
    walker.report(kindNode, 'error', 'istio-unknown-kind',
      `${kind.kindName} is not in ${kind.group}; it belongs to ${elsewhere.group} (apiVersion: ${elsewhere.group}/${elsewhere.version})`);
    return;
  }
  const sameGroup = [...new Set(keys.filter((k) => k.group === kind.group).map((k) => k.kindName))];
  const suggestion = closestName(kind.kindName, sameGroup);
  walker.report(kindNode, 'error', 'istio-unknown-kind',
    `${kind.group} has no kind "${kind.kindName}"${suggestion ? `; did you mean "${suggestion}"?` : ''} Known kinds: ${sameGroup.join(', ')}`,
    suggestion ? { fixes: [{ title: `Change to ${suggestion}`, edits: [{ offset: kindNode.offset, length: kindNode.length, newText: suggestion }], preferred: true }] } : undefined);
}

function checkMetadata(root: ObjectNode, walker: IstioSchemaWalker): void {
  const metadataProperty = getProperty(root, 'metadata');
  const metadata = metadataProperty?.value;
  if (!metadataProperty || !metadata || metadata.type === 'null') {
    walker.report(anchorOfKind(root), 'error', 'istio-missing-name', 'The resource has no metadata.name; Kubernetes needs a name for every object');
    return;
  }
  if (metadata.type !== 'object') {
    walker.report(metadata, 'error', 'istio-type-mismatch', 'metadata must be an object with at least a name');
    return;
  }
  for (const property of metadata.properties) {
    if (!OBJECT_META_FIELDS.includes(property.key)) walker.unknownField(property, OBJECT_META_FIELDS, 'metadata');
  }
  const name = getProperty(metadata, 'name');
  if (!name?.value || name.value.type === 'null') {
    if (!getProperty(metadata, 'generateName')) {
      walker.report(keyAnchor(metadataProperty), 'error', 'istio-missing-name', 'metadata has no name; Kubernetes needs a name for every object');
    }
  } else {
    checkName(name, walker);
  }
  for (const field of ['namespace', 'generateName']) {
    const value = getProperty(metadata, field)?.value;
    if (value && value.type !== 'string' && value.type !== 'null') walker.report(value, 'error', 'istio-type-mismatch', `metadata.${field} must be a string`);
  }
  for (const field of ['labels', 'annotations']) checkStringMap(getProperty(metadata, field), walker);
}

function checkName(name: PropertyNode, walker: IstioSchemaWalker): void {
  const node = name.value!;
  const value = stringValue(node);
  if (value === undefined) {
    walker.report(node, 'error', 'istio-type-mismatch', 'metadata.name must be a string');
    return;
  }
  // A Helm or Kustomize placeholder is not a name yet.
  if (/[{}$]/.test(value)) return;
  if (value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    walker.report(node, 'error', 'istio-invalid-name',
      `"${value}" is not a valid name: use lower-case letters, digits, "-" and "." (starting and ending with a letter or digit), at most 253 characters`);
  }
}

function checkStringMap(property: PropertyNode | undefined, walker: IstioSchemaWalker): void {
  const node = property?.value;
  if (!property || !node || node.type === 'null') return;
  if (node.type !== 'object') {
    walker.report(node, 'error', 'istio-type-mismatch', `metadata.${property.key} must be a map of strings`);
    return;
  }
  for (const entry of node.properties) {
    const value = entry.value;
    if (value && value.type !== 'string' && value.type !== 'null') {
      walker.report(value, 'error', 'istio-type-mismatch', `metadata.${property.key}["${entry.key}"] must be a string; quote it`);
    }
  }
}
