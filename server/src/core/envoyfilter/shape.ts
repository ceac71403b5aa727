import { getProperty, stringValue, type ObjectNode } from '../document/nodes';
import type { Finding } from '../types';
import { anchorOf, objectAt, type ConfigPatch } from './patchModel';

/** Fields of the pre-1.2 EnvoyFilter API that are reserved in the current proto, with what replaced them. */
const REMOVED_FIELDS: Record<string, string> = {
  filters: 'write each filter as an entry of "configPatches" (applyTo, match, patch)',
  workloadLabels: 'select workloads with "workloadSelector: {labels: …}" (or "targetRefs")',
  listenerMatch: 'match listeners with "match.listener" (and "match.context") in a configPatch',
  filterName: 'put the filter (name and typed_config) in "patch.value" of a configPatch',
  filterType: 'use "applyTo: HTTP_FILTER" or "applyTo: NETWORK_FILTER" in a configPatch',
  filterConfig: 'put the configuration in "patch.value.typed_config" with a v3 "@type"',
  insertPosition: 'use "patch.operation" (INSERT_BEFORE, INSERT_AFTER, INSERT_FIRST) with a filter match',
};

export function checkRemovedFields(node: ObjectNode, findings: Finding[]): void {
  for (const property of node.properties) {
    const advice = REMOVED_FIELDS[property.key];
    if (!advice) continue;
    findings.push({
      ...anchorOf(property), severity: 'error', code: 'envoyfilter-removed-field',
      message: `"${property.key}" belongs to the EnvoyFilter API removed in Istio 1.2; the API server and istiod reject it. Instead, ${advice}.`,
    });
  }
}

/** Resource-level rules: legacy fields, how workloads are selected, and proxyVersion patterns. */
export function checkSpecShape(spec: ObjectNode, findings: Finding[]): void {
  checkRemovedFields(spec, findings);
  const filters = getProperty(spec, 'filters')?.value;
  if (filters?.type === 'array') for (const item of filters.items) if (item.type === 'object') checkRemovedFields(item, findings);
  const selector = getProperty(spec, 'workloadSelector');
  const targetRefs = getProperty(spec, 'targetRefs');
  if (selector && targetRefs && selector.value?.type !== 'null' && targetRefs.value?.type !== 'null') {
    findings.push({
      ...anchorOf(targetRefs), severity: 'error', code: 'envoyfilter-selector-and-target-refs',
      message: 'Only one of "targetRefs" or "workloadSelector" may be set; the API server rejects an EnvoyFilter with both',
    });
  }
  if (selector) {
    const labels = objectAt(selector.value, 'labels');
    if (!labels || labels.properties.length === 0) {
      findings.push({
        ...anchorOf(selector), severity: 'warning', code: 'envoyfilter-empty-selector',
        message: 'workloadSelector has no labels, so this EnvoyFilter applies to every workload in the namespace (every proxy in the mesh if this is the root namespace)',
      });
    }
  }
}

/** A configPatch must say where (applyTo), how (patch.operation) and, except for REMOVE, what (patch.value). */
export function checkRequiredParts(patch: ConfigPatch, findings: Finding[]): void {
  const itemAnchor = firstKeyAnchor(patch.item);
  if (!patch.applyToProperty || patch.applyToProperty.value?.type === 'null') {
    findings.push({ ...itemAnchor, severity: 'error', code: 'envoyfilter-missing-apply-to',
      message: `configPatches[${patch.index}] has no applyTo; istiod rejects the EnvoyFilter ("Envoy filter: missing applyTo")` });
  }
  if (!patch.patch) {
    findings.push({ ...(patch.patchProperty ? anchorOf(patch.patchProperty) : itemAnchor), severity: 'error', code: 'envoyfilter-missing-patch',
      message: `configPatches[${patch.index}] has no patch; istiod rejects the EnvoyFilter ("Envoy filter: missing patch")` });
    return;
  }
  if (!patch.operationNode || patch.operationNode.type === 'null') {
    findings.push({ ...anchorOf(patch.patchProperty!), severity: 'error', code: 'envoyfilter-missing-operation',
      message: 'patch has no operation (MERGE, ADD, REMOVE, INSERT_BEFORE, INSERT_AFTER, INSERT_FIRST or REPLACE); istiod rejects the EnvoyFilter' });
  }
  const value = patch.valueProperty?.value;
  if (patch.operation && patch.operation !== 'REMOVE' && (!value || value.type === 'null')) {
    findings.push({ ...anchorOf(patch.patchProperty!), severity: 'error', code: 'envoyfilter-missing-value',
      message: `The ${patch.operation} patch needs a value: the Envoy configuration to ${patch.operation === 'MERGE' ? 'merge' : 'insert'}; istiod rejects the EnvoyFilter` });
  }
}

function firstKeyAnchor(item: ObjectNode): { offset: number; length: number } {
  const first = item.properties[0];
  return first ? anchorOf(first) : { offset: item.offset, length: 1 };
}

/**
 * proxyVersion is a Go (RE2) regular expression. JavaScript's engine stands in for RE2 here: RE2-only syntax is
 * translated first, and constructs RE2 lacks (lookaround, backreferences) are reported, so the check is close but
 * not exact.
 */
export function checkProxyVersion(patch: ConfigPatch, findings: Finding[]): void {
  const node = getProperty(objectAt(patch.match, 'proxy'), 'proxyVersion')?.value;
  const pattern = stringValue(node);
  if (pattern === undefined || !node) return;
  const problem = re2Problem(pattern);
  if (problem) {
    findings.push({ offset: node.offset, length: Math.max(node.length, 1), severity: 'error', code: 'envoyfilter-invalid-proxy-version',
      message: `proxyVersion "${pattern}" is not a valid RE2 regular expression (${problem}); istiod rejects the EnvoyFilter. (Checked with JavaScript's regular expressions, which are close to RE2 but not identical.)` });
  }
}

function re2Problem(pattern: string): string | undefined {
  if (/\(\?[=!]|\(\?<[=!]/.test(pattern)) return 'RE2 has no lookahead or lookbehind';
  if (/\\[1-9]/.test(pattern)) return 'RE2 has no backreferences';
  let translated = pattern.replace(/\(\?P</g, '(?<');
  let flags = '';
  const leading = /^\(\?([imsU]+)\)/.exec(translated);
  if (leading) {
    flags = leading[1].replace(/U/g, '');
    translated = translated.slice(leading[0].length);
  }
  try {
    new RegExp(translated, flags);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /, '');
  }
}
