import type { ScalarNode, ValueNode } from '../document/nodes';
import type { FieldRules } from '../model/types';
import { parseDuration, truncate } from './scalars';

const headerNamePattern = /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/;
const headerValueForbidden = /[\0\r\n]/;

/**
 * Checks the protoc-gen-validate constraints Envoy declares on a single value. Returns a sentence describing the
 * first violation, or undefined. Only constraints on the value itself; repeated/map sizes are checked by the caller.
 */
export function checkValueRules(node: ValueNode, rules: FieldRules, isDuration: boolean): string | undefined {
  if (isDuration && node.type === 'string') return checkDurationRules(node.value as string, rules);
  if (node.type === 'string') return checkStringRules(node, rules);
  if (node.type === 'number') return checkNumberRules(node.value as number, rules);
  return undefined;
}

function checkStringRules(node: ScalarNode, rules: FieldRules): string | undefined {
  const value = node.value as string;
  const length = [...value].length;
  if (rules.minLen !== undefined && length < rules.minLen) {
    return rules.minLen === 1 ? 'must not be empty' : `must be at least ${rules.minLen} characters long`;
  }
  if (rules.maxLen !== undefined && length > rules.maxLen) return `must be at most ${rules.maxLen} characters long`;
  if (rules.minBytes !== undefined && Buffer.byteLength(value) < rules.minBytes) {
    return rules.minBytes === 1 ? 'must not be empty' : `must be at least ${rules.minBytes} bytes long`;
  }
  if (rules.maxBytes !== undefined && Buffer.byteLength(value) > rules.maxBytes) return `must be at most ${rules.maxBytes} bytes long`;
  if (rules.prefix !== undefined && !value.startsWith(rules.prefix)) return `must start with "${rules.prefix}"`;
  if (rules.suffix !== undefined && !value.endsWith(rules.suffix)) return `must end with "${rules.suffix}"`;
  if (rules.contains !== undefined && !value.includes(rules.contains)) return `must contain "${rules.contains}"`;
  if (rules.notContains !== undefined && value.includes(rules.notContains)) return `must not contain "${rules.notContains}"`;
  if (rules.in && !rules.in.includes(value)) return `must be one of ${rules.in.map((v) => `"${v}"`).join(', ')}`;
  if (rules.notIn?.includes(value)) return `must not be "${value}"`;
  if (rules.pattern !== undefined) {
    const regex = safeRegExp(rules.pattern);
    if (regex && !regex.test(value)) return `must match the pattern ${rules.pattern}`;
  }
  // With `strict: false` Envoy only rejects NUL, CR and LF in header names and values.
  if (rules.format === 'HTTP_HEADER_NAME' && rules.formatStrict === false && headerValueForbidden.test(value)) {
    return 'an HTTP header name cannot contain NUL, CR or LF';
  }
  if (rules.format === 'HTTP_HEADER_NAME' && rules.formatStrict !== false && value !== '' && !headerNamePattern.test(value)) {
    return `"${truncate(value, 40)}" is not a valid HTTP header name`;
  }
  if (rules.format === 'HTTP_HEADER_VALUE' && headerValueForbidden.test(value)) return 'an HTTP header value cannot contain NUL, CR or LF';
  if (rules.format === 'ipv4' && !isIpv4(value)) return `"${truncate(value, 40)}" is not an IPv4 address`;
  if (rules.format === 'ipv6' && !isIpv6(value)) return `"${truncate(value, 40)}" is not an IPv6 address`;
  if (rules.format === 'ip' && !isIpv4(value) && !isIpv6(value)) return `"${truncate(value, 40)}" is not an IP address`;
  return undefined;
}

function checkNumberRules(value: number, rules: FieldRules): string | undefined {
  if (rules.const !== undefined && value !== rules.const) return `must be ${rules.const}`;
  if (rules.gt !== undefined && !(value > rules.gt)) return `must be greater than ${rules.gt}`;
  if (rules.gte !== undefined && !(value >= rules.gte)) return `must be at least ${rules.gte}`;
  if (rules.lt !== undefined && !(value < rules.lt)) return `must be less than ${rules.lt}`;
  if (rules.lte !== undefined && !(value <= rules.lte)) return `must be at most ${rules.lte}`;
  if (rules.in && !rules.in.includes(value)) return `must be one of ${rules.in.join(', ')}`;
  if (rules.notIn?.includes(value)) return `must not be ${value}`;
  return undefined;
}

function checkDurationRules(text: string, rules: FieldRules): string | undefined {
  const seconds = parseDuration(text);
  if (seconds === undefined) return undefined;
  if (rules.durationGt !== undefined && !(seconds > rules.durationGt)) return `must be longer than ${rules.durationGt}s`;
  if (rules.durationGte !== undefined && !(seconds >= rules.durationGte)) return `must be at least ${rules.durationGte}s`;
  if (rules.durationLt !== undefined && !(seconds < rules.durationLt)) return `must be shorter than ${rules.durationLt}s`;
  if (rules.durationLte !== undefined && !(seconds <= rules.durationLte)) return `must be at most ${rules.durationLte}s`;
  return undefined;
}

const regexCache = new Map<string, RegExp | null>();

/** PGV patterns are RE2; the few RE2-only constructs simply make us skip the check rather than fail. */
function safeRegExp(pattern: string): RegExp | null {
  let regex = regexCache.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = null;
    }
    regexCache.set(pattern, regex);
  }
  return regex;
}

function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function isIpv6(value: string): boolean {
  return value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value) && (value.match(/::/g) ?? []).length <= 1;
}
