import { stringValue, type ObjectNode, type PropertyNode, type ValueNode } from '../document/nodes';
import { deprecatedExtensionNames } from '../envoy/extensionNames';
import { EnvoyTypeIndex } from '../model/typeIndex';
import type { FieldModel, MessageModel, ScalarType } from '../model/types';
import type { SeveritySetting } from '../settings';
import type { Finding, Severity } from '../types';
import { validateAny } from './anyValidation';
import { removedFieldAdvice } from './removedFields';
import { checkValueRules } from './rules';
import { checkDuration, checkScalar, checkTimestamp, describeNode, wrapperTypes } from './scalars';
import { closestName } from './suggest';

export interface EnvoyValidationOptions {
  unknownFieldSeverity: SeveritySetting;
  /** istiod decodes EnvoyFilter patch values leniently and only warns about unknown fields */
  unknownFieldsAreWarnings?: boolean;
  /**
   * A config dump is what Envoy serialised, not what it was given: it shows defaults and computed values that input
   * validation would reject (a locality weight of 0, say), so input constraints are not checked there.
   */
  skipInputConstraints?: boolean;
  /** an EnvoyFilter MERGE value carries only the fields it changes, so absent required fields are not faults */
  partial?: boolean;
  /** message types whose subtree another component completes before Envoy sees it: absent fields are not faults */
  completedElsewhere?: ReadonlySet<string>;
}

/** Past this many unknown fields an object is likely of another type; listing every one helps nobody. */
const MAX_UNKNOWN_FIELDS_PER_OBJECT = 100;

const filterTypesNeedingTypedConfig = new Set([
  'envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter',
  'envoy.config.listener.v3.Filter',
  'envoy.config.listener.v3.ListenerFilter',
]);

const inputConstraintCodes = new Set(['envoy-constraint', 'envoy-required-field', 'envoy-oneof-required', 'envoy-missing-typed-config']);
const presenceCodes = new Set(['envoy-required-field', 'envoy-oneof-required', 'envoy-missing-typed-config']);

/** Where a finding about a whole object goes when the object itself is not the best place (e.g. its key). */
export interface Anchor {
  offset: number;
  length: number;
}

export function anchorOfProperty(property: PropertyNode): Anchor {
  return { offset: property.keyOffset, length: property.keyLength };
}

/** Validates documents against Envoy's v3 API model, reporting every problem found, not only the first. */
export class EnvoyValidator {
  constructor(readonly index: EnvoyTypeIndex) {}

  validate(node: ValueNode, typeName: string, options: EnvoyValidationOptions, findings: Finding[], anchor?: Anchor): void {
    new Walk(this.index, options, findings).value(node, typeName, anchor ?? { offset: node.offset, length: Math.min(node.length, 1) });
  }
}

export class Walk {
  constructor(
    readonly index: EnvoyTypeIndex,
    readonly options: EnvoyValidationOptions,
    readonly findings: Finding[],
  ) {}

  report(at: Anchor, severity: Severity, code: string, message: string, extra?: Partial<Finding>): void {
    if (this.options.skipInputConstraints && inputConstraintCodes.has(code)) return;
    if (this.options.partial && presenceCodes.has(code)) return;
    this.findings.push({ offset: at.offset, length: Math.max(at.length, 1), severity, code, message, ...extra });
  }

  /** Validates any value against a message type, handling the well-known types' special JSON forms. */
  value(node: ValueNode, typeName: string, anchor: Anchor, field?: FieldModel): void {
    const wrapped = wrapperTypes[typeName];
    if (wrapped) return this.scalar(node, wrapped, field);
    switch (typeName) {
      case 'google.protobuf.Duration': {
        const problem = checkDuration(node);
        if (problem) return this.report(node, 'error', 'envoy-invalid-duration', capitalize(problem));
        return this.rules(node, field, true);
      }
      case 'google.protobuf.Timestamp': {
        const problem = checkTimestamp(node);
        if (problem) this.report(node, 'error', 'envoy-type-mismatch', capitalize(problem));
        return;
      }
      case 'google.protobuf.Struct':
      case 'google.protobuf.Empty':
        if (node.type !== 'object') this.report(node, 'error', 'envoy-type-mismatch', `Expected an object, found ${describeNode(node)}`);
        if (typeName === 'google.protobuf.Empty' && node.type === 'object' && node.properties.length > 0) {
          this.report(node, 'error', 'envoy-unknown-field', 'google.protobuf.Empty takes no fields; write {}');
        }
        return;
      case 'google.protobuf.Value':
        return;
      case 'google.protobuf.ListValue':
        if (node.type !== 'array') this.report(node, 'error', 'envoy-type-mismatch', `Expected a list, found ${describeNode(node)}`);
        return;
      case 'google.protobuf.FieldMask':
        if (node.type !== 'string') this.report(node, 'error', 'envoy-type-mismatch', `Expected a comma-separated field path string, found ${describeNode(node)}`);
        return;
      case 'google.protobuf.Any':
        return validateAny(this, node, anchor, field);
    }
    if (this.options.completedElsewhere?.has(typeName) && !this.options.partial) {
      new Walk(this.index, { ...this.options, partial: true }, this.findings).message(node, typeName, anchor);
      return;
    }
    this.message(node, typeName, anchor);
  }

  message(node: ValueNode, typeName: string, anchor: Anchor, skipKeys?: Set<string>): void {
    const message = this.index.message(typeName);
    if (!message) return;
    if (node.type === 'null') return;
    if (node.type !== 'object') {
      this.report(node, 'error', 'envoy-type-mismatch', `Expected an object (${shortName(typeName)}), found ${describeNode(node)}`);
      return;
    }
    const seen = new Map<FieldModel, PropertyNode>();
    const { byName, spellings } = this.index.fields(typeName);
    let unknown = 0;
    for (const property of node.properties) {
      if (skipKeys?.has(property.key)) continue;
      const field = byName.get(property.key);
      if (!field) {
        if (++unknown <= MAX_UNKNOWN_FIELDS_PER_OBJECT) this.unknownField(property, typeName, message, spellings);
        continue;
      }
      const earlier = seen.get(field);
      if (earlier) {
        this.report(anchorOfProperty(property), 'error', 'envoy-duplicate-field',
          `"${field.name}" is set twice (as "${earlier.key}" and "${property.key}"); Envoy accepts either spelling, but only one`);
        continue;
      }
      seen.set(field, property);
      if (field.deprecated) this.deprecatedField(property, field, typeName);
      if (property.value) this.field(property.value, field, anchorOfProperty(property));
    }
    if (unknown > MAX_UNKNOWN_FIELDS_PER_OBJECT) {
      this.report(anchor, 'warning', 'envoy-unknown-field',
        `${unknown - MAX_UNKNOWN_FIELDS_PER_OBJECT} more unknown fields in this ${shortName(typeName)} are not listed; is this object of another type?`);
    }
    this.oneofs(message, seen, node, anchor, typeName);
    this.requiredFields(message, seen, anchor, typeName);
    this.missingTypedConfig(node, byName, seen, anchor, typeName);
  }

  /** Since Envoy 1.22 extensions are found by the type of typed_config; a bare name no longer works. */
  private missingTypedConfig(node: ObjectNode, byName: Map<string, FieldModel>, seen: Map<FieldModel, PropertyNode>, anchor: Anchor, typeName: string): void {
    const typedConfig = byName.get('typed_config');
    const nameField = byName.get('name');
    if (!typedConfig?.oneof || !nameField || typedConfig.type !== 'google.protobuf.Any') return;
    if ([...seen.keys()].some((field) => field.oneof === typedConfig.oneof)) return;
    if (node.properties.some((p) => p.key === 'config')) return;
    const name = stringValue(seen.get(nameField)?.value);
    const canonical = name ? deprecatedExtensionNames[name] ?? name : undefined;
    const types = canonical ? this.index.typesForExtension(canonical) : [];
    const hint = types.length === 1 ? `: add typed_config with "@type": type.googleapis.com/${types[0]}` : '';
    // Filters are where Envoy dropped the by-name lookup (envoy#20919); elsewhere it still falls back to the name.
    const severity = filterTypesNeedingTypedConfig.has(typeName) ? 'error' : 'warning';
    this.report(anchor, severity, 'envoy-missing-typed-config',
      `${name ? `"${name}"` : shortName(typeName)} has no typed_config; Envoy 1.23 and later find extensions by their type URL, so it is required${hint}`,
      { data: types.length === 1 ? { typeUrl: `type.googleapis.com/${types[0]}` } : undefined });
  }

  private unknownField(property: PropertyNode, typeName: string, message: MessageModel, spellings: string[]): void {
    const at = anchorOfProperty(property);
    const key = property.key;
    if (key === '@type') {
      this.report(at, 'error', 'envoy-unexpected-type-url', `"@type" belongs only inside a typed_config or another Any field; ${shortName(typeName)} is not one`);
      return;
    }
    const snake = key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
    if (message.reservedNames?.includes(key) || message.reservedNames?.includes(snake)) {
      const advice = removedFieldAdvice(typeName, snake);
      this.report(at, 'error', 'envoy-removed-field', `"${key}" was removed from ${shortName(typeName)} in Envoy's v3 API${advice ? `; ${advice}` : ''}`);
      return;
    }
    const suggestion = closestName(key, spellings.filter((s) => /[A-Z]/.test(key) === /[A-Z]/.test(s) || !/[_A-Z]/.test(s)));
    if (suggestion) {
      this.report(at, 'error', 'envoy-unknown-field', `Unknown field "${key}" in ${shortName(typeName)}; did you mean "${suggestion}"?`, {
        fixes: [{ title: `Change to "${suggestion}"`, edits: [{ offset: property.keyOffset, length: property.keyLength, newText: suggestion }], preferred: true }],
      });
      return;
    }
    const severity = this.options.unknownFieldsAreWarnings ? 'warning' : this.options.unknownFieldSeverity;
    if (severity === 'off') return;
    this.report(at, severity, 'envoy-unknown-field',
      `Unknown field "${key}" in ${shortName(typeName)} (Envoy API ${this.index.apiVersion}). Envoy rejects unknown fields, unless your Envoy is newer than this API and added it.`);
  }

  private deprecatedField(property: PropertyNode, field: FieldModel, typeName: string): void {
    const since = field.deprecatedSince ? ` since API v${field.deprecatedSince}` : '';
    this.report(anchorOfProperty(property), 'warning', 'envoy-deprecated-field',
      `"${property.key}" in ${shortName(typeName)} is deprecated${since}; Envoy warns when it is used and a later version may remove it.${field.deprecationNote ? ` Envoy's docs: "${field.deprecationNote}"` : ''}`, { tags: ['deprecated'] });
  }

  private oneofs(message: MessageModel, seen: Map<FieldModel, PropertyNode>, node: ObjectNode, anchor: Anchor, typeName: string): void {
    for (const oneof of message.oneofs ?? []) {
      const present = [...seen.entries()].filter(([field]) => field.oneof === oneof.name);
      for (const [field, property] of present.slice(1)) {
        this.report(anchorOfProperty(property), 'error', 'envoy-oneof-conflict',
          `"${field.name}" cannot be set together with "${present[0][0].name}": both belong to the oneof "${oneof.name}" of ${shortName(typeName)}`);
      }
      if (present.length === 0 && oneof.required) {
        this.report(anchor, 'error', 'envoy-oneof-required', `${shortName(typeName)} needs one of: ${oneof.fields.join(', ')}`);
      }
    }
  }

  private requiredFields(message: MessageModel, seen: Map<FieldModel, PropertyNode>, anchor: Anchor, typeName: string): void {
    for (const field of message.fields) {
      // On a oneof member, PGV's `required` only constrains the member once chosen; the oneof decides presence.
      if (field.oneof || seen.has(field) || !field.rules) continue;
      if (field.rules.required || absentValueBreaksRules(field)) {
        this.report(anchor, 'error', 'envoy-required-field', `${shortName(typeName)} is missing the required field "${field.name}"`);
      }
    }
  }

  field(node: ValueNode, field: FieldModel, anchor: Anchor): void {
    if (field.mapKey) return this.mapField(node, field, anchor);
    if (field.repeated) {
      if (node.type === 'null') return;
      if (node.type !== 'array') {
        // Envoy's JSON reader takes a lone value for a repeated field as a one-item list, so this is not fatal.
        this.report(node, 'information', 'envoy-single-item-list', `"${field.name}" is a list; Envoy reads this single value as a one-item list, but writing it as a list (with "- ") is clearer`);
        this.single(node, field, anchor, field.rules?.items);
        return;
      }
      const rules = field.rules;
      if (rules?.minItems !== undefined && node.items.length < rules.minItems) {
        this.report(anchor, 'error', 'envoy-constraint', `"${field.name}" needs at least ${rules.minItems} item${rules.minItems === 1 ? '' : 's'}`);
      }
      if (rules?.maxItems !== undefined && node.items.length > rules.maxItems) {
        this.report(anchor, 'error', 'envoy-constraint', `"${field.name}" takes at most ${rules.maxItems} item${rules.maxItems === 1 ? '' : 's'}`);
      }
      for (const item of node.items) this.single(item, field, { offset: item.offset, length: Math.min(item.length, 1) }, rules?.items);
      return;
    }
    this.single(node, field, anchor, field.rules);
  }

  private mapField(node: ValueNode, field: FieldModel, anchor: Anchor): void {
    if (node.type === 'null') return;
    if (node.type !== 'object') {
      this.report(node, 'error', 'envoy-type-mismatch', `"${field.name}" is a map; found ${describeNode(node)}`);
      return;
    }
    const rules = field.rules;
    if (rules?.minPairs !== undefined && node.properties.length < rules.minPairs) {
      this.report(anchor, 'error', 'envoy-constraint', `"${field.name}" needs at least ${rules.minPairs} entr${rules.minPairs === 1 ? 'y' : 'ies'}`);
    }
    for (const property of node.properties) {
      if (rules?.keys?.minLen && property.key.length < rules.keys.minLen) {
        this.report(anchorOfProperty(property), 'error', 'envoy-constraint', `Keys of "${field.name}" must not be empty`);
      }
      if (property.value) this.single(property.value, field, anchorOfProperty(property), rules?.values);
    }
  }

  /** One value of a field (the field itself, one list item, or one map value). */
  private single(node: ValueNode, field: FieldModel, anchor: Anchor, rules: FieldModel['rules']): void {
    if (field.kind === 'message') {
      if (node.type === 'null') return;
      this.value(node, field.type, anchor, rules === field.rules ? field : { ...field, rules });
      return;
    }
    if (field.kind === 'enum') return this.enumValue(node, field.type, rules?.definedOnly);
    this.scalar(node, field.type as ScalarType, { ...field, rules });
  }

  private scalar(node: ValueNode, type: ScalarType, field?: FieldModel): void {
    if (node.type === 'null') return;
    const problem = checkScalar(node, type);
    if (problem) {
      this.report(node, 'error', 'envoy-type-mismatch', field ? `"${field.name}": ${problem}` : capitalize(problem));
      return;
    }
    this.rules(node, field, false);
  }

  private rules(node: ValueNode, field: FieldModel | undefined, isDuration: boolean): void {
    if (!field?.rules) return;
    const violation = checkValueRules(node, field.rules, isDuration);
    if (violation) this.report(node, 'error', 'envoy-constraint', `"${field.name}" ${violation}`);
  }

  private enumValue(node: ValueNode, enumName: string, definedOnly?: boolean): void {
    const enumType = this.index.enumType(enumName);
    if (!enumType || node.type === 'null') return;
    const names = enumType.values.map((v) => v.name);
    if (node.type === 'number') {
      if (!Number.isInteger(node.value)) this.report(node, 'error', 'envoy-invalid-enum', `Expected one of ${listNames(names)}`);
      else if (definedOnly && !enumType.values.some((v) => v.number === node.value)) {
        this.report(node, 'error', 'envoy-invalid-enum', `${node.value} is not a defined value of ${shortName(enumName)}; expected one of ${listNames(names)}`);
      }
      return;
    }
    if (node.type !== 'string') {
      this.report(node, 'error', 'envoy-invalid-enum', `Expected one of ${listNames(names)}, found ${describeNode(node)}`);
      return;
    }
    const value = enumType.values.find((v) => v.name === node.value);
    if (!value) {
      const suggestion = closestName(node.value as string, names);
      this.report(node, 'error', 'envoy-invalid-enum',
        `"${node.value}" is not a value of ${shortName(enumName)}; ${suggestion ? `did you mean "${suggestion}"? Valid: ` : 'expected one of '}${listNames(names)}`,
        suggestion ? { fixes: [{ title: `Change to ${suggestion}`, edits: [{ offset: node.offset, length: node.length, newText: suggestion }], preferred: true }] } : undefined);
      return;
    }
    if (value.deprecated) this.report(node, 'warning', 'envoy-deprecated-value', `${value.name} is a deprecated value of ${shortName(enumName)}`);
  }
}

/** A scalar or list left out is its zero value, which protoc-gen-validate still checks (e.g. min_len: 1 on a name). */
function absentValueBreaksRules(field: FieldModel): boolean {
  const rules = field.rules!;
  if (field.mapKey) return (rules.minPairs ?? 0) > 0;
  if (field.repeated) return (rules.minItems ?? 0) > 0;
  if (field.kind !== 'scalar') return false;
  if (field.type === 'string' || field.type === 'bytes') return (rules.minLen ?? 0) > 0 || (rules.minBytes ?? 0) > 0;
  if (field.type === 'bool') return false;
  return (rules.gt !== undefined && !(0 > rules.gt)) || (rules.gte !== undefined && !(0 >= rules.gte));
}

export function shortName(typeName: string): string {
  return typeName;
}

function listNames(names: string[]): string {
  return names.length > 14 ? `${names.slice(0, 14).join(', ')}, …` : names.join(', ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
