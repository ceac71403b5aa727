import type { FieldRules } from '../types';

/** A parsed `(validate.rules)` value as protobufjs gives it: the PGV FieldRules message as a plain object. */
type PgvValue = Record<string, unknown>;

const NUMERIC_RULE_KINDS = new Set([
  'float', 'double', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64',
]);

const STRING_FORMATS = ['email', 'hostname', 'ip', 'ipv4', 'ipv6', 'uri', 'uri_ref', 'address', 'uuid'];

/** Rule names that only tune how PGV reports or skips, with nothing for an editor to check. */
const IGNORED_RULES = new Set(['ignore_empty', 'skip', 'no_sparse']);

/** Counts PGV rules the model has no place for, so the generator can report what it dropped. */
export type UnmappedRuleCounter = (ruleName: string) => void;

function isObject(value: unknown): value is PgvValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

function toList(value: unknown): (number | string)[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is number | string => typeof item === 'number' || typeof item === 'string');
}

/** A google.protobuf.Duration literal (`{seconds: 1, nanos: 5}`, `{}` for zero) in seconds. */
function durationSeconds(value: unknown): number | undefined {
  if (!isObject(value)) return undefined;
  const seconds = toNumber(value.seconds) ?? 0;
  const nanos = toNumber(value.nanos) ?? 0;
  return Number((seconds + nanos / 1e9).toFixed(9));
}

/** Merges the separate entries protobufjs keeps when one field sets `(validate.rules)` more than once. */
export function mergeOptionObjects(target: PgvValue, source: PgvValue): PgvValue {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = isObject(existing) && isObject(value) ? mergeOptionObjects({ ...existing }, value) : value;
  }
  return target;
}

function mapNumericRules(kind: string, rules: PgvValue, out: FieldRules, unmapped: UnmappedRuleCounter): void {
  for (const [name, value] of Object.entries(rules)) {
    const number = toNumber(value);
    switch (name) {
      case 'gt': case 'gte': case 'lt': case 'lte':
        if (number !== undefined) out[name] = number;
        break;
      case 'const':
        if (number !== undefined) out.const = number;
        break;
      case 'in': out.in = toList(value); break;
      case 'not_in': out.notIn = toList(value); break;
      default:
        if (!IGNORED_RULES.has(name)) unmapped(`${kind}.${name}`);
    }
  }
}

function mapStringRules(kind: 'string' | 'bytes', rules: PgvValue, out: FieldRules, unmapped: UnmappedRuleCounter): void {
  for (const [name, value] of Object.entries(rules)) {
    const number = toNumber(value);
    switch (name) {
      case 'len':
        if (number !== undefined) { out.minLen = number; out.maxLen = number; }
        break;
      case 'min_len': if (number !== undefined) out.minLen = number; break;
      case 'max_len': if (number !== undefined) out.maxLen = number; break;
      case 'len_bytes':
        if (number !== undefined) { out.minBytes = number; out.maxBytes = number; }
        break;
      case 'min_bytes': if (number !== undefined) out.minBytes = number; break;
      case 'max_bytes': if (number !== undefined) out.maxBytes = number; break;
      case 'pattern': case 'prefix': case 'suffix': case 'contains':
        if (typeof value === 'string') out[name] = value;
        break;
      case 'not_contains': if (typeof value === 'string') out.notContains = value; break;
      case 'const': if (typeof value === 'string') out.const = value; break;
      case 'in': out.in = toList(value); break;
      case 'not_in': out.notIn = toList(value); break;
      case 'well_known_regex': if (typeof value === 'string') out.format = value; break;
      case 'strict': if (value === false) out.formatStrict = false; break;
      default:
        if (STRING_FORMATS.includes(name)) {
          if (value === true) out.format = name;
        } else if (!IGNORED_RULES.has(name)) {
          unmapped(`${kind}.${name}`);
        }
    }
  }
}

function mapDurationRules(rules: PgvValue, out: FieldRules, unmapped: UnmappedRuleCounter): void {
  const bounds = { gt: 'durationGt', gte: 'durationGte', lt: 'durationLt', lte: 'durationLte' } as const;
  for (const [name, value] of Object.entries(rules)) {
    if (name === 'required') {
      if (value === true) out.required = true;
    } else if (name in bounds) {
      const seconds = durationSeconds(value);
      if (seconds !== undefined) out[bounds[name as keyof typeof bounds]] = seconds;
    } else if (!IGNORED_RULES.has(name)) {
      unmapped(`duration.${name}`);
    }
  }
}

function mapKindRules(kind: string, rules: unknown, out: FieldRules, unmapped: UnmappedRuleCounter): void {
  if (!isObject(rules)) return;
  if (NUMERIC_RULE_KINDS.has(kind)) return mapNumericRules(kind, rules, out, unmapped);
  if (kind === 'string' || kind === 'bytes') return mapStringRules(kind, rules, out, unmapped);
  if (kind === 'duration') return mapDurationRules(rules, out, unmapped);
  for (const [name, value] of Object.entries(rules)) {
    const number = toNumber(value);
    const rule = `${kind}.${name}`;
    switch (rule) {
      case 'message.required': case 'any.required': case 'timestamp.required':
        if (value === true) out.required = true;
        break;
      case 'bool.const': if (typeof value === 'boolean') out.const = value; break;
      case 'enum.defined_only': if (value === true) out.definedOnly = true; break;
      case 'enum.const': if (number !== undefined) out.const = number; break;
      case 'enum.in': case 'any.in': out.in = toList(value); break;
      case 'enum.not_in': case 'any.not_in': out.notIn = toList(value); break;
      case 'repeated.min_items': if (number !== undefined) out.minItems = number; break;
      case 'repeated.max_items': if (number !== undefined) out.maxItems = number; break;
      case 'repeated.unique': if (value === true) out.uniqueItems = true; break;
      case 'repeated.items': setNested(out, 'items', value, unmapped); break;
      case 'map.min_pairs': if (number !== undefined) out.minPairs = number; break;
      case 'map.max_pairs': if (number !== undefined) out.maxPairs = number; break;
      case 'map.keys': setNested(out, 'keys', value, unmapped); break;
      case 'map.values': setNested(out, 'values', value, unmapped); break;
      default:
        if (!IGNORED_RULES.has(name)) unmapped(rule);
    }
  }
}

function setNested(out: FieldRules, key: 'items' | 'keys' | 'values', value: unknown, unmapped: UnmappedRuleCounter): void {
  const nested = fieldRulesFromPgv(value, unmapped);
  if (nested) out[key] = nested;
}

/** Flattens a PGV FieldRules object (`{string: {min_len: 1}}`) into the model's FieldRules. */
export function fieldRulesFromPgv(pgv: unknown, unmapped: UnmappedRuleCounter): FieldRules | undefined {
  if (!isObject(pgv)) return undefined;
  const out: FieldRules = {};
  for (const [kind, rules] of Object.entries(pgv)) {
    if (IGNORED_RULES.has(kind)) continue;
    if (isObject(rules)) mapKindRules(kind, rules, out, unmapped);
    else unmapped(kind);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
