import type { SeveritySetting } from '../settings';
import type { ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../document/nodes';
import type { IstioModel, IstioSchemaNode } from '../model/types';
import type { Finding, Severity } from '../types';
import { describeNode } from '../validate/scalars';
import { closestName } from '../validate/suggest';
import { modelMinorVersion, type IstioVersionContext } from './modelChoice';
import { compareIstioVersions } from './versions';

export interface Anchor {
  offset: number;
  length: number;
}

export function keyAnchor(property: PropertyNode): Anchor {
  return { offset: property.keyOffset, length: property.keyLength };
}

/** Integer fields that hold a TCP/UDP port; Istio's validation rejects anything outside 1–65535 there. */
const PORT_FIELD_NAMES = new Set(['portNumber', 'number', 'port', 'targetPort']);
const MAX_REF_DEPTH = 16;

/** Resolving a `$ref` copies the definition; the model never changes, so each place is resolved once. */
const resolvedRefs = new WeakMap<IstioSchemaNode, IstioSchemaNode>();

/**
 * Validates a value against the Istio model the way the Kubernetes API server does with strict field validation:
 * wrong JSON types, enum values, unknown fields, required fields and the CRD's oneOf groups are errors.
 */
export class IstioSchemaWalker {
  constructor(
    readonly model: IstioModel,
    readonly findings: Finding[],
    readonly unknownFieldSeverity: SeveritySetting = 'error',
    readonly version: IstioVersionContext = {},
  ) {}

  report(at: Anchor, severity: Severity, code: string, message: string, extra?: Partial<Finding>): void {
    this.findings.push({ offset: at.offset, length: Math.max(at.length, 1), severity, code, message, ...extra });
  }

  /** Follows `$ref`s; the referring node's own description and deprecation describe this place and win. */
  resolve(schema: IstioSchemaNode, model: IstioModel = this.model): IstioSchemaNode {
    if (!schema.$ref) return schema;
    let resolved = resolvedRefs.get(schema);
    if (!resolved) {
      resolved = this.followRefs(schema, model);
      resolvedRefs.set(schema, resolved);
    }
    return resolved;
  }

  private followRefs(schema: IstioSchemaNode, model: IstioModel): IstioSchemaNode {
    let current = schema;
    for (let depth = 0; current.$ref && depth < MAX_REF_DEPTH; depth++) {
      const target = model.definitions[current.$ref.replace(/^#\/definitions\//, '')];
      if (!target) return { preserveUnknownFields: true, description: schema.description };
      current = { ...target, description: current.description ?? target.description, deprecated: current.deprecated ?? target.deprecated };
    }
    return { ...current, description: schema.description ?? current.description, deprecated: schema.deprecated ?? current.deprecated };
  }

  /**
   * `path` names the place for messages, e.g. `spec.configPatches[0].match`. `older` is the same place in the
   * version context's older model, while there is one to compare with.
   */
  value(node: ValueNode, schemaNode: IstioSchemaNode, anchor: Anchor, path: string, fieldName?: string, older?: IstioSchemaNode): void {
    if (node.type === 'null') return;
    const schema = this.resolve(schemaNode);
    const olderSchema = older && this.version.olderModel ? this.resolve(older, this.version.olderModel) : undefined;
    if (schema.anyOf?.length) return this.anyOf(node, schema, anchor, path, fieldName);
    const type = schema.type ?? (schema.properties || schema.additionalProperties ? 'object' : undefined);
    if (type && !this.typeFits(node, type, path)) return;
    if (schema.enum && node.type === 'string') this.enumValue(node, schema.enum, path);
    if (type === 'integer' && node.type === 'number' && fieldName && PORT_FIELD_NAMES.has(fieldName)) this.port(node, path);
    if (node.type === 'array' && schema.items) {
      const olderItems = olderSchema?.items;
      node.items.forEach((item, i) => this.value(item, schema.items!, { offset: item.offset, length: Math.min(item.length, 1) }, `${path}[${i}]`, fieldName, olderItems));
    }
    if (node.type === 'object') this.object(node, schema, anchor, path, fieldName, olderSchema);
  }

  private typeFits(node: ValueNode, type: NonNullable<IstioSchemaNode['type']>, path: string): boolean {
    const fits =
      type === 'object' ? node.type === 'object'
      : type === 'array' ? node.type === 'array'
      : type === 'string' ? node.type === 'string'
      : type === 'boolean' ? node.type === 'boolean'
      : type === 'integer' ? node.type === 'number' && Number.isInteger(node.value)
      : node.type === 'number';
    if (fits) return true;
    const quotedNumber = node.type === 'string' && (type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(node.value as string);
    const hint = quotedNumber ? '; remove the quotes' : type === 'string' && node.type !== 'object' && node.type !== 'array' ? '; quote it' : '';
    this.report(node, 'error', 'istio-type-mismatch', `${path} must be ${article(type)}, found ${describeNode(node)}${hint}`);
    return false;
  }

  private anyOf(node: ValueNode, schema: IstioSchemaNode, anchor: Anchor, path: string, fieldName?: string): void {
    const attempts = schema.anyOf!.map((alternative) => {
      const findings: Finding[] = [];
      new IstioSchemaWalker(this.model, findings, this.unknownFieldSeverity, this.version).value(node, alternative, anchor, path, fieldName);
      return findings;
    });
    const passing = attempts.find((findings) => !findings.some((f) => f.severity === 'error'));
    if (passing) {
      this.findings.push(...passing);
      return;
    }
    const types = schema.anyOf!.map((alternative) => this.resolve(alternative).type).filter(Boolean);
    this.report(node, 'error', 'istio-type-mismatch', `${path} must be ${types.map((t) => article(t!)).join(' or ')}, found ${describeNode(node)}`);
  }

  private enumValue(node: ScalarNode, values: string[], path: string): void {
    const value = node.value as string;
    if (values.includes(value)) return;
    const suggestion = closestName(value, values);
    this.report(node, 'error', 'istio-invalid-enum',
      `"${value}" is not a valid value of ${path}; ${suggestion ? `did you mean "${suggestion}"? Valid: ` : 'valid values: '}${values.join(', ')}`,
      suggestion ? { fixes: [{ title: `Change to ${suggestion}`, edits: [{ offset: node.offset, length: node.length, newText: suggestion }], preferred: true }] } : undefined);
  }

  private port(node: ScalarNode, path: string): void {
    const value = node.value as number;
    if (value >= 1 && value <= 65535) return;
    this.report(node, 'error', 'istio-invalid-port', `${path} is ${value}; a port must be between 1 and 65535`);
  }

  private object(node: ObjectNode, schema: IstioSchemaNode, anchor: Anchor, path: string, fieldName?: string, older?: IstioSchemaNode): void {
    const properties = schema.properties ?? {};
    const seen = new Map<string, PropertyNode>();
    let unknown = 0;
    for (const property of node.properties) {
      const childPath = `${path}.${property.key}`;
      const field = properties[property.key];
      if (field) {
        seen.set(property.key, property);
        const resolved = this.resolve(field);
        if (resolved.deprecated) this.deprecated(property, resolved, childPath);
        const olderField = older && this.olderField(older, property, childPath);
        if (property.value) this.value(property.value, field, keyAnchor(property), childPath, property.key, olderField);
        continue;
      }
      if (schema.additionalProperties !== undefined) {
        if (schema.additionalProperties !== true && property.value) {
          // Map values of a `ports` map are port numbers (WorkloadEntry.ports).
          const olderValues = older?.additionalProperties === true ? undefined : older?.additionalProperties;
          this.value(property.value, schema.additionalProperties, keyAnchor(property), `${path}["${property.key}"]`, fieldName === 'ports' ? 'port' : undefined, olderValues);
        }
        continue;
      }
      if (schema.preserveUnknownFields) continue;
      // Past this many an object is likely misplaced; listing every key would only bury the first few.
      if (++unknown <= 100) this.unknownField(property, Object.keys(properties), path);
    }
    if (unknown > 100) this.report(anchor, 'warning', 'istio-unknown-field', `${unknown - 100} more unknown fields in ${path} are not listed`);
    for (const name of schema.required ?? []) {
      if (seen.get(name)?.value?.type === 'null' || !seen.has(name)) {
        this.report(anchor, 'error', 'istio-missing-required-field', `${path} is missing the required field "${name}"`);
      }
    }
    for (const group of schema.mutuallyExclusive ?? []) {
      // In the order written, so the error lands on the field that came second.
      const present = group
        .filter((name) => seen.has(name) && seen.get(name)!.value?.type !== 'null')
        .sort((a, b) => seen.get(a)!.keyOffset - seen.get(b)!.keyOffset);
      for (const name of present.slice(1)) {
        this.report(keyAnchor(seen.get(name)!), 'error', 'istio-mutually-exclusive',
          `"${name}" cannot be set together with "${present[0]}" in ${path}: only one of ${group.join(', ')} may be set`);
      }
    }
  }

  /** The older model's schema of a field the checking model knows; a field only the newer one has is reported. */
  private olderField(older: IstioSchemaNode, property: PropertyNode, path: string): IstioSchemaNode | undefined {
    const field = older.properties?.[property.key];
    if (field) return field;
    // A free-form or map-typed object in the older API may have held the key; nothing to compare with below it.
    if (older.preserveUnknownFields || older.additionalProperties !== undefined) return undefined;
    this.addedAfterOlderModel(keyAnchor(property), path);
    return undefined;
  }

  /** Information, not a warning: the field exists in a newer Istio, and the target may or may not have it yet. */
  addedAfterOlderModel(at: Anchor, what: string): void {
    const olderModel = this.version.olderModel;
    if (!olderModel) return;
    this.report(at, 'information', 'istio-added-after-known-version',
      `${what} was added after Istio ${modelMinorVersion(olderModel)}; whether Istio ${this.version.target} has it is not known here`);
  }

  /**
   * A near-miss of a known field is a typo: an error, since the API server rejects it. Any other unknown name may be
   * a field newer than the Istio version we know, so it gets the unknown-field severity the user chose.
   */
  unknownField(property: PropertyNode, known: string[], path: string): void {
    const suggestion = closestName(property.key, known);
    const where = path ? ` in ${path}` : '';
    if (suggestion) {
      this.report(keyAnchor(property), 'error', 'istio-unknown-field',
        `Unknown field "${property.key}"${where}; did you mean "${suggestion}"? The API server rejects unknown fields (strict field validation), and kubectl apply fails.`,
        { fixes: [{ title: `Change to "${suggestion}"`, edits: [{ offset: property.keyOffset, length: property.keyLength, newText: suggestion }], preferred: true }] });
      return;
    }
    if (this.unknownFieldSeverity === 'off') return;
    this.report(keyAnchor(property), this.unknownFieldSeverity, 'istio-unknown-field',
      `Unknown field "${property.key}"${where}: not in the Istio ${this.model.source.istioVersion} API${this.versionNote()}. The API server rejects unknown fields (strict field validation)${this.mayBeNewer() ? ', unless your Istio is newer and added it' : ''}.`);
  }

  private versionNote(): string {
    const { target, beforeOldestModel } = this.version;
    if (!target || !beforeOldestModel) return '';
    return ` (Istio ${target} is older than any API known here, so fields are checked against Istio ${modelMinorVersion(this.model)}'s API, the oldest known)`;
  }

  /** Only an unpinned target, or one newer than the model, can have fields the model lacks. */
  private mayBeNewer(): boolean {
    const { target } = this.version;
    return !target || compareIstioVersions(target, modelMinorVersion(this.model)) > 0;
  }

  private deprecated(property: PropertyNode, schema: IstioSchemaNode, path: string): void {
    const replacement = replacementFrom(schema.description);
    this.report(keyAnchor(property), 'warning', 'istio-deprecated-field',
      `${path} is deprecated${replacement ? `; use "${replacement}" instead` : ''}`, { tags: ['deprecated'] });
  }
}

/** Reads the successor out of a description such as "Deprecated: use `warmup` instead." */
export function replacementFrom(description: string | undefined): string | undefined {
  const match = description && /\buse\s+`?([A-Za-z_][\w.]*)`?/i.exec(description);
  return match ? match[1] : undefined;
}

function article(type: string): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}
