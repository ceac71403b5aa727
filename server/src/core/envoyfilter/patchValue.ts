import { getProperty, stringValue, type ValueNode } from '../document/nodes';
import { typeNameFromUrl } from '../recognize';
import type { AnalysisSettings } from '../settings';
import type { Finding } from '../types';
import type { EnvoyValidator } from '../validate/envoyValidator';
import { canonicalFilterName, FILTER_APPLY_TO, filterConfigType, PATCH_VALUE_TYPES } from './filterTypes';
import { checkDeprecatedName } from './matchChecks';
import { anchorOf, type ConfigPatch } from './patchModel';
import type { TextEditor } from './textEdits';

const MERGE_OPERATIONS = new Set(['MERGE', 'MERGE_AND_REPLACE_LIST']);
const TYPED_STRUCTS = new Set(['udpa.type.v1.TypedStruct', 'xds.type.v3.TypedStruct']);

/**
 * Validates `patch.value` as the Envoy type its applyTo implies. istiod decodes it leniently: an unknown field only
 * warns (and is dropped), a value that cannot be decoded rejects the EnvoyFilter.
 */
/**
 * istio-agent downloads Wasm modules named by a remote source itself and hands Envoy a local file, so the remote
 * source's cluster, timeout and sha256 that Envoy would require are never seen by Envoy.
 */
const COMPLETED_BY_ISTIO_AGENT: ReadonlySet<string> = new Set(['envoy.config.core.v3.RemoteDataSource']);

export function checkPatchValue(patch: ConfigPatch, validator: EnvoyValidator, settings: AnalysisSettings, editor: TextEditor, findings: Finding[]): void {
  const valueProperty = patch.valueProperty;
  const value = valueProperty?.value;
  const typeName = patch.applyTo ? PATCH_VALUE_TYPES[patch.applyTo] : undefined;
  if (!valueProperty || !value || value.type === 'null' || !typeName || patch.operation === 'REMOVE') return;
  // Without a known operation we cannot tell a complete value from a partial one, so absent fields are not judged.
  const partial = !patch.operation || MERGE_OPERATIONS.has(patch.operation);
  const found: Finding[] = [];
  validator.validate(value, typeName, { unknownFieldSeverity: settings.unknownFieldSeverity, unknownFieldsAreWarnings: true, partial, completedElsewhere: COMPLETED_BY_ISTIO_AGENT }, found, anchorOf(valueProperty));
  for (const finding of found) findings.push(adaptToEnvoyFilter(finding, patch, validator, editor, valueProperty.keyOffset));
  if (!FILTER_APPLY_TO.has(patch.applyTo!)) return;
  checkDeprecatedName(getProperty(value, 'name')?.value, editor, findings, 'value');
  if (partial) checkMergeType(patch, value, validator, findings);
}

/** Gives validator findings the wording and fixes that fit a patch value. */
function adaptToEnvoyFilter(finding: Finding, patch: ConfigPatch, validator: EnvoyValidator, editor: TextEditor, valueKeyOffset: number): Finding {
  if (finding.code === 'envoy-unknown-field' && finding.severity === 'warning') {
    return { ...finding, message: `${finding.message.replace(/ \(Envoy API[^]*$/, '')}. istiod drops fields it cannot decode (it only logs a warning), so this setting never reaches Envoy.` };
  }
  if (finding.code === 'envoy-invalid-enum' && !finding.fixes && finding.severity === 'error' && /is not a value of/.test(finding.message)) {
    // A name the bundled API lacks may come from a newer Envoy; only a near-miss of a known name is surely a typo.
    return { ...finding, severity: 'warning', message: `${finding.message}. It may be a value newer than the bundled Envoy API (${validator.index.apiVersion}); if your Envoy does not know it, istiod rejects the EnvoyFilter.` };
  }
  if (finding.code === 'envoy-legacy-type-url' && !finding.fixes) return withV3TypeFix(finding, patch, validator, editor);
  if (finding.code === 'envoy-missing-typed-config' && finding.offset === valueKeyOffset && !finding.fixes) {
    const value = patch.valueProperty!.value!;
    const name = stringValue(getProperty(value, 'name')?.value);
    const type = filterConfigType(validator.index, name);
    if (type && value.type === 'object') {
      const edit = editor.insertProperties(value, { typed_config: { '@type': `type.googleapis.com/${type}` } });
      return { ...finding, message: `${finding.message}. istiod passes the patch to Envoy as written, and Envoy rejects the listener.`,
        fixes: [{ title: `Add typed_config with @type ${type}`, edits: [edit], preferred: true }] };
    }
  }
  return finding;
}

/** When the API records no successor for an old type URL, the filter's name still says which v3 type it needs. */
function withV3TypeFix(finding: Finding, patch: ConfigPatch, validator: EnvoyValidator, editor: TextEditor): Finding {
  const value = patch.valueProperty!.value;
  const typeNode = getProperty(getProperty(value, 'typed_config', 'typedConfig')?.value, '@type')?.value;
  const url = stringValue(typeNode);
  const type = filterConfigType(validator.index, stringValue(getProperty(value, 'name')?.value));
  if (!typeNode || !url || !type || typeNode.offset !== finding.offset) return finding;
  const lastSegment = (name: string) => name.slice(name.lastIndexOf('.') + 1);
  if (lastSegment(typeNameFromUrl(url)) !== lastSegment(type)) return finding;
  const newUrl = `${url.slice(0, url.lastIndexOf('/') + 1)}${type}`;
  return { ...finding, message: `${finding.message}; this filter's is ${type}`,
    fixes: [{ title: `Use ${type}`, edits: [editor.replaceScalar(typeNode, newUrl)], preferred: true }] };
}

/** The name a patch's match selects the generated filter by, per applyTo. */
function matchedFilterName(patch: ConfigPatch): string | undefined {
  if (patch.applyTo === 'HTTP_FILTER') return patch.subFilterName;
  if (patch.applyTo === 'NETWORK_FILTER') return patch.filterName;
  return stringValue(getProperty(patch.listener, 'listenerFilter')?.value);
}

/** istiod rewrites the value's type URL to the generated filter's before merging, so a different @type is a mistake. */
function checkMergeType(patch: ConfigPatch, value: ValueNode, validator: EnvoyValidator, findings: Finding[]): void {
  const matched = matchedFilterName(patch);
  const expected = filterConfigType(validator.index, matched);
  const typeNode = getProperty(getProperty(value, 'typed_config', 'typedConfig')?.value, '@type')?.value;
  const url = stringValue(typeNode);
  if (!expected || !typeNode || !url) return;
  const actual = typeNameFromUrl(url);
  if (actual === expected || TYPED_STRUCTS.has(actual) || validator.index.replacementFor(actual) === expected) return;
  findings.push({ offset: typeNode.offset, length: typeNode.length, severity: 'warning', code: 'envoyfilter-merge-type-mismatch',
    message: `This MERGE targets "${canonicalFilterName(matched!)}", which istiod generates with typed_config of type ${expected}, not ${actual}; istiod merges the fields into ${expected} anyway, so fields of ${actual} are lost or misread`,
  });
}
