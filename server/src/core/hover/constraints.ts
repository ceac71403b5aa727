import type { FieldRules } from '../model/types';

function seconds(value: number): string {
  return `${value}s`;
}

/** The constraints Envoy's API declares on a field, as short phrases (`at least 1 item`, `> 0s`). */
export function describeRules(rules: FieldRules | undefined, what = ''): string[] {
  if (!rules) return [];
  const out: string[] = [];
  const prefix = what ? `${what}: ` : '';
  const add = (text: string): void => {
    out.push(prefix + text);
  };
  if (rules.required) add('required');
  if (rules.minLen !== undefined && rules.minLen > 0) add(rules.minLen === 1 ? 'must not be empty' : `at least ${rules.minLen} characters`);
  if (rules.maxLen !== undefined) add(`at most ${rules.maxLen} characters`);
  if (rules.minBytes !== undefined && rules.minBytes > 0) add(rules.minBytes === 1 ? 'must not be empty' : `at least ${rules.minBytes} bytes`);
  if (rules.maxBytes !== undefined) add(`at most ${rules.maxBytes} bytes`);
  if (rules.pattern) add(`must match \`${rules.pattern}\``);
  if (rules.prefix) add(`must start with \`${rules.prefix}\``);
  if (rules.suffix) add(`must end with \`${rules.suffix}\``);
  if (rules.contains) add(`must contain \`${rules.contains}\``);
  if (rules.notContains) add(`must not contain \`${rules.notContains}\``);
  if (rules.format) add(`format: ${rules.format.replace(/_/g, ' ').toLowerCase()}${rules.formatStrict === false ? ' (only NUL, CR and LF are rejected)' : ''}`);
  if (rules.const !== undefined) add(`must be \`${rules.const}\``);
  if (rules.in?.length) add(`one of ${rules.in.map((v) => `\`${v}\``).join(', ')}`);
  if (rules.notIn?.length) add(`not ${rules.notIn.map((v) => `\`${v}\``).join(', ')}`);
  const bounds: string[] = [];
  if (rules.gt !== undefined) bounds.push(`> ${rules.gt}`);
  if (rules.gte !== undefined) bounds.push(`≥ ${rules.gte}`);
  if (rules.lt !== undefined) bounds.push(`< ${rules.lt}`);
  if (rules.lte !== undefined) bounds.push(`≤ ${rules.lte}`);
  if (rules.durationGt !== undefined) bounds.push(`> ${seconds(rules.durationGt)}`);
  if (rules.durationGte !== undefined) bounds.push(`≥ ${seconds(rules.durationGte)}`);
  if (rules.durationLt !== undefined) bounds.push(`< ${seconds(rules.durationLt)}`);
  if (rules.durationLte !== undefined) bounds.push(`≤ ${seconds(rules.durationLte)}`);
  if (bounds.length) add(bounds.join(' and '));
  if (rules.definedOnly) add('must be a value the enum defines');
  if (rules.minItems !== undefined && rules.minItems > 0) add(`at least ${rules.minItems} item${rules.minItems === 1 ? '' : 's'}`);
  if (rules.maxItems !== undefined) add(`at most ${rules.maxItems} item${rules.maxItems === 1 ? '' : 's'}`);
  if (rules.uniqueItems) add('items must be unique');
  if (rules.minPairs !== undefined && rules.minPairs > 0) add(`at least ${rules.minPairs} entr${rules.minPairs === 1 ? 'y' : 'ies'}`);
  if (rules.maxPairs !== undefined) add(`at most ${rules.maxPairs} entries`);
  out.push(...describeRules(rules.items, 'each item'), ...describeRules(rules.keys, 'each key'), ...describeRules(rules.values, 'each value'));
  return out;
}
