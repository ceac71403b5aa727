import { getProperty, getValue, stringValue, toPlain, type ObjectNode, type ValueNode } from '../../document/nodes';
import type { Finding } from '../../types';
import { itemsOf, type IstioResourceNode, type Span } from './facts';
import { finding } from './view';

/**
 * Rules of one VirtualService that can never be reached, and matches that can never apply, the way Istio's own
 * validation finds them: rules are tried in order, so a match an earlier rule already has (names aside) is dead, a rule
 * whose matches are all dead is unreachable, and so is every rule after one without matches.
 */
export function routeMatchFindings(resources: readonly IstioResourceNode[]): Finding[] {
  const findings: Finding[] = [];
  for (const { root, kindName } of resources) {
    if (kindName !== 'VirtualService') continue;
    const spec = getValue(root, 'spec');
    for (const protocol of ['http', 'tcp', 'tls'] as const) checkRules(itemsOf(getValue(spec, protocol)), protocol, findings);
  }
  return findings;
}

interface PrefixMatch {
  rule: number;
  node: ObjectNode;
  prefix: string;
  /** the conditions besides the URI, as plain values */
  rest: Record<string, unknown>;
}

function checkRules(rules: ValueNode[], protocol: 'http' | 'tcp' | 'tls', findings: Finding[]): void {
  const label = (index: number) => {
    const name = stringValue(getValue(rules[index], 'name'));
    return name ? `${protocol}[${index}] "${name}"` : `${protocol}[${index}]`;
  };
  const seen = new Map<string, number>();
  const prefixes: PrefixMatch[] = [];
  let catchAll: number | undefined;
  rules.forEach((rule, index) => {
    if (rule.type !== 'object') return;
    const matchProperty = getProperty(rule, 'match');
    const matches = itemsOf(matchProperty?.value).filter((m): m is ObjectNode => m.type === 'object');
    const ruleAt = matchProperty ? { offset: matchProperty.keyOffset, length: matchProperty.keyLength } : firstKey(rule);
    if (catchAll !== undefined) {
      findings.push(finding(ruleAt, 'warning', 'istio-unreachable-rule',
        `${label(index)} is never used: ${label(catchAll)} before it has no match and takes all the traffic. Only the last rule may go without a match.`));
      return;
    }
    if (matches.length === 0) {
      catchAll = index;
      return;
    }
    const duplicates: { node: ObjectNode; earlier: number }[] = [];
    for (const match of matches) {
      const key = canonical(match, protocol);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        duplicates.push({ node: match, earlier });
        continue;
      }
      seen.set(key, index);
      if (protocol === 'http') collectPrefix(match, index, prefixes);
    }
    if (duplicates.length === matches.length) {
      const earlier = [...new Set(duplicates.map((d) => label(d.earlier)))].join(', ');
      findings.push(finding(ruleAt, 'warning', 'istio-unreachable-rule',
        `${label(index)} is never used: every one of its matches is already taken by ${earlier}, which comes first.`));
      return;
    }
    for (const duplicate of duplicates) {
      findings.push(finding(firstKey(duplicate.node), 'information', 'istio-ineffective-match',
        `This match of ${label(index)} never applies: ${label(duplicate.earlier)} has the same match and comes first.`,
        { tags: ['unnecessary'] }));
    }
  });
  reportCoveredPrefixes(prefixes, label, findings);
}

/** The match without its name: names label a match, they do not change what it selects. */
function canonical(match: ObjectNode, protocol: string): string {
  const plain = toPlain(match) as Record<string, unknown>;
  if (protocol === 'http') delete plain.name;
  return stableJson(plain);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function collectPrefix(match: ObjectNode, rule: number, into: PrefixMatch[]): void {
  const plain = toPlain(match) as Record<string, unknown>;
  const uri = plain.uri as Record<string, unknown> | undefined;
  if (!uri || typeof uri.prefix !== 'string' || uri.prefix === '') return;
  const { uri: _uri, name: _name, ...rest } = plain;
  into.push({ rule, node: match, prefix: uri.prefix, rest });
}

/** An earlier prefix match whose other conditions are all as loose or looser takes every request of a later one. */
function reportCoveredPrefixes(prefixes: PrefixMatch[], label: (rule: number) => string, findings: Finding[]): void {
  const reported = new Set<ObjectNode>();
  for (let i = 0; i < prefixes.length; i++) {
    for (let j = i + 1; j < prefixes.length; j++) {
      const earlier = prefixes[i];
      const later = prefixes[j];
      if (reported.has(later.node) || !later.prefix.startsWith(earlier.prefix) || !conditionsCover(earlier.rest, later.rest)) continue;
      reported.add(later.node);
      const where = earlier.rule === later.rule ? 'an earlier match of the same rule' : label(earlier.rule);
      findings.push(finding(firstKey(later.node), 'information', 'istio-ineffective-match',
        `This match (prefix "${later.prefix}") of ${label(later.rule)} never applies: ${where} matches prefix "${earlier.prefix}" ` +
        'with conditions at least as broad, and comes first.', { tags: ['unnecessary'] }));
    }
  }
}

function conditionsCover(earlier: Record<string, unknown>, later: Record<string, unknown>): boolean {
  return Object.entries(earlier).every(([field, condition]) => {
    const other = later[field];
    if (other === undefined) return false;
    if (field === 'method' || field === 'authority' || field === 'scheme') return stringMatchCovers(condition, other);
    if (field === 'headers' || field === 'queryParams') {
      const wanted = condition as Record<string, unknown>;
      const given = other as Record<string, unknown>;
      return typeof wanted === 'object' && typeof given === 'object' && !!wanted && !!given &&
        Object.entries(wanted).every(([key, match]) => given[key] !== undefined && stringMatchCovers(match, given[key]));
    }
    return stableJson(condition) === stableJson(other);
  });
}

/** `exact: GET` covers only `exact: GET`; `prefix: /a` covers exact or prefix values starting with `/a`. */
function stringMatchCovers(earlier: unknown, later: unknown): boolean {
  if (stableJson(earlier) === stableJson(later)) return true;
  const a = earlier as Record<string, unknown> | null;
  const b = later as Record<string, unknown> | null;
  if (!a || !b || typeof a.prefix !== 'string') return false;
  const value = typeof b.exact === 'string' ? b.exact : typeof b.prefix === 'string' ? b.prefix : undefined;
  return value !== undefined && value.startsWith(a.prefix);
}

function firstKey(node: ObjectNode): Span {
  const first = node.properties[0];
  return first ? { offset: first.keyOffset, length: first.keyLength } : { offset: node.offset, length: 1 };
}
