import type { ScalarNode, ValueNode } from '../document/nodes';
import type { ScalarType } from '../model/types';

const durationPattern = /^-?\d+(\.\d{1,9})?s$/;
const int32Range: [number, number] = [-2147483648, 2147483647];
const uint32Range: [number, number] = [0, 4294967295];
const base64Pattern = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Parses a proto3 JSON Duration ("1.5s") into seconds, or undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  return durationPattern.test(text) ? Number(text.slice(0, -1)) : undefined;
}

export function describeNode(node: ValueNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'null':
      return 'null';
    case 'boolean':
      return `the boolean ${node.value}`;
    case 'number':
      return `the number ${node.raw ?? node.value}`;
    default:
      return `the string "${truncate(String(node.value), 40)}"`;
  }
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A number written either as a JSON number or as a quoted decimal, as proto3 JSON allows for every integer type. */
function integerValue(node: ScalarNode): number | undefined {
  if (node.type === 'number') return Number.isInteger(node.value) ? (node.value as number) : undefined;
  if (node.type === 'string' && /^-?\d+$/.test(node.value as string)) return Number(node.value);
  return undefined;
}

/** Checks a scalar against a proto scalar type; returns a problem description or undefined. */
export function checkScalar(node: ValueNode, type: ScalarType): string | undefined {
  if (node.type === 'object' || node.type === 'array') return `expected ${scalarDescription(type)}, found ${describeNode(node)}`;
  switch (type) {
    case 'string':
      return node.type === 'string' ? undefined : `expected a string, found ${describeNode(node)}; quote it`;
    case 'bool':
      return node.type === 'boolean' ? undefined : `expected true or false, found ${describeNode(node)}`;
    case 'bytes':
      return node.type === 'string' && base64Pattern.test((node.value as string).replace(/\s/g, ''))
        ? undefined
        : `expected base64-encoded bytes, found ${describeNode(node)}`;
    case 'double':
    case 'float':
      if (node.type === 'number') return undefined;
      if (node.type === 'string' && (/^(NaN|-?Infinity)$/.test(node.value as string) || Number.isFinite(Number(node.value)))) return undefined;
      return `expected a number, found ${describeNode(node)}`;
    default: {
      const value = integerValue(node);
      if (value === undefined) return `expected ${scalarDescription(type)}, found ${describeNode(node)}`;
      const range = type === 'int32' || type === 'sint32' || type === 'sfixed32' ? int32Range
        : type === 'uint32' || type === 'fixed32' ? uint32Range
        : undefined;
      if (range && (value < range[0] || value > range[1])) return `${value} is out of range for ${type} (${range[0]}…${range[1]})`;
      if ((type === 'uint64' || type === 'fixed64') && value < 0) return `${type} cannot be negative`;
      return undefined;
    }
  }
}

export function scalarDescription(type: ScalarType): string {
  switch (type) {
    case 'string':
      return 'a string';
    case 'bool':
      return 'true or false';
    case 'bytes':
      return 'base64-encoded bytes';
    case 'double':
    case 'float':
      return 'a number';
    default:
      return type.startsWith('u') || type.startsWith('fixed') ? 'a non-negative integer' : 'an integer';
  }
}

export const wrapperTypes: Record<string, ScalarType> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

export function checkDuration(node: ValueNode): string | undefined {
  if (node.type === 'string') {
    return parseDuration(node.value as string) !== undefined
      ? undefined
      : `"${truncate(node.value as string, 30)}" is not a duration; write seconds with an "s" suffix, e.g. "0.25s" or "30s"`;
  }
  if (node.type === 'number') return `a duration needs the unit: write "${node.raw ?? node.value}s"`;
  return `expected a duration such as "5s", found ${describeNode(node)}`;
}

export function checkTimestamp(node: ValueNode): string | undefined {
  if (node.type === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(node.value as string)) return undefined;
  return `expected an RFC 3339 timestamp such as "2024-01-01T00:00:00Z", found ${describeNode(node)}`;
}
