import type { JsonObject } from './types';

/** Small readers for untyped proto JSON, so callers never cast. */

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function objAt(value: unknown, ...path: string[]): JsonObject | undefined {
  let current: unknown = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return obj(current);
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function objects(value: unknown): JsonObject[] {
  return arr(value).filter(isObject);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function strAt(value: unknown, ...path: string[]): string | undefined {
  if (path.length === 0) return str(value);
  const parent = objAt(value, ...path.slice(0, -1));
  return parent ? str(parent[path[path.length - 1]]) : undefined;
}

/** proto3 JSON writes 64-bit integers as strings; this accepts both. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** `google.protobuf.UInt32Value` and friends appear either as `{value: n}` or as a bare number. */
export function wrapped(value: unknown): number | boolean | string | undefined {
  if (isObject(value)) return wrapped(value.value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return undefined;
}

/** The last segment of a type URL: `type.googleapis.com/envoy.x.v3.Foo` → `envoy.x.v3.Foo`. */
export function typeName(typeUrl: string | undefined): string | undefined {
  if (!typeUrl) return undefined;
  const slash = typeUrl.lastIndexOf('/');
  return slash >= 0 ? typeUrl.slice(slash + 1) : typeUrl;
}

/** The short message name: `envoy.x.v3.Foo` → `Foo`. */
export function shortTypeName(typeUrl: string | undefined): string | undefined {
  const full = typeName(typeUrl);
  if (!full) return undefined;
  const dot = full.lastIndexOf('.');
  return dot >= 0 ? full.slice(dot + 1) : full;
}

/** The `typed_config` of an extension, unwrapping `TypedStruct` so callers see the real type and fields. */
export function typedConfig(extension: JsonObject | undefined): { typeUrl?: string; config: JsonObject } {
  const typed = obj(extension?.typed_config) ?? {};
  const typeUrl = str(typed['@type']);
  const shortName = shortTypeName(typeUrl);
  if (shortName === 'TypedStruct') {
    return { typeUrl: str(typed.type_url), config: obj(typed.value) ?? {} };
  }
  return { typeUrl, config: typed };
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
