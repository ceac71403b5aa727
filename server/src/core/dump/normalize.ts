import type { JsonObject } from './types';
import { isObject } from './json';

/**
 * One pass over parsed proto JSON that (1) rewrites lowerCamelCase field names to snake_case so the rest of the
 * core reads one spelling, and (2) blanks secret material. User data (Struct values, metadata, map keys) is left
 * exactly as written, because renaming a key there would change its meaning.
 */

export const REDACTED = '[redacted]';

/** Fields whose value is a `google.protobuf.Struct` or a map to Structs: nothing below is a proto field name. */
const OPAQUE_FIELDS = new Set([
  'filter_metadata',
  'static_layer',
  'json_format',
  'key_values',
  'labels',
  'annotations',
  'configuration',
]);

/** Map fields: keys are user data, values are protos. */
const MAP_FIELDS = new Set(['typed_filter_metadata', 'typed_per_filter_config', 'map', 'typed_extension_protocol_options']);

/** Struct-valued fields whose name is also a proto field elsewhere, keyed by the field that holds them. */
const STRUCT_CHILDREN: Record<string, string> = {
  node: 'metadata',
  user_agent_build_version: 'metadata',
  transport_socket_matches: 'match',
  lb_subset_config: 'default_subset',
};

/** DataSources under these fields hold key material. */
const SENSITIVE_FIELDS = new Set(['private_key', 'password', 'pkcs12', 'session_ticket_keys', 'generic_secret', 'secrets']);

const DATA_SOURCE_INLINE = new Set(['inline_bytes', 'inline_string']);

const camelKey = /^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/;

export function snakeCase(key: string): string {
  if (!camelKey.test(key)) return key;
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Normalises `value` in place where possible and returns it (or its replacement). */
export function normalizeProtoJson(value: unknown): unknown {
  return normalizeValue(value, '', false);
}

function normalizeValue(value: unknown, fieldName: string, sensitive: boolean): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalizeValue(value[i], fieldName, sensitive);
    return value;
  }
  if (!isObject(value)) return value;
  return normalizeObject(value, fieldName, sensitive);
}

function normalizeObject(source: JsonObject, parentField: string, sensitive: boolean): JsonObject {
  let renamed = false;
  for (const key in source) {
    if (camelKey.test(key)) {
      renamed = true;
      break;
    }
  }
  const target: JsonObject = renamed ? {} : source;
  for (const key in source) {
    const field = snakeCase(key);
    const child = source[key];
    let normalized: unknown;
    if (sensitive && DATA_SOURCE_INLINE.has(field) && child !== undefined) {
      normalized = REDACTED;
    } else if (OPAQUE_FIELDS.has(field) || (field === 'value' && ('type_url' in source || 'typeUrl' in source))) {
      normalized = child;
    } else if (STRUCT_CHILDREN[parentField] === field) {
      normalized = child;
    } else if (MAP_FIELDS.has(field) && isObject(child)) {
      for (const mapKey in child) child[mapKey] = normalizeValue(child[mapKey], '', sensitive);
      normalized = child;
    } else {
      normalized = normalizeValue(child, field, sensitive || SENSITIVE_FIELDS.has(field));
    }
    target[field] = normalized;
  }
  return target;
}
