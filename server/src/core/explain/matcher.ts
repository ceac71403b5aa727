import type { JsonObject } from '../dump/types';
import { num, obj, objAt, objects, shortTypeName, str, typedConfig } from '../dump/json';

/**
 * Flattens a listener's `filter_chain_matcher` (xds.type.matcher.v3.Matcher) into rules
 * "conditions → filter chain name", which is how Istio's waypoints pick a service's chain.
 */

export interface MatcherRule {
  conditions: string[];
  chainName: string;
}

const INPUT_NAMES: Record<string, string> = {
  DestinationIPInput: 'destination IP',
  DestinationPortInput: 'destination port',
  SourceIPInput: 'source IP',
  SourcePortInput: 'source port',
  DirectSourceIPInput: 'direct source IP',
  SourceTypeInput: 'source type',
  ServerNameInput: 'SNI',
  TransportProtocolInput: 'transport protocol',
  ApplicationProtocolInput: 'ALPN',
  FilterStateInput: 'filter state',
};

function inputName(input: JsonObject | undefined): string {
  const type = shortTypeName(typedConfig(input).typeUrl);
  return (type && INPUT_NAMES[type]) ?? str(input?.name) ?? 'input';
}

function actionName(onMatch: JsonObject | undefined): string | undefined {
  const action = obj(onMatch?.action);
  if (!action) return undefined;
  return str(obj(action.typed_config)?.value) ?? str(action.name);
}

/** Rules beyond this many are counted, not listed: a waypoint for a big namespace has one per service port. */
const MAX_RULES = 200;

export function flattenMatcher(matcher: JsonObject | undefined, conditions: string[] = [], rules: MatcherRule[] = []): MatcherRule[] {
  if (!matcher || rules.length >= MAX_RULES) return rules;
  const tree = obj(matcher.matcher_tree);
  if (tree) {
    const input = inputName(obj(tree.input));
    for (const [mapField, verb] of [['exact_match_map', '='], ['prefix_match_map', 'starts with']] as const) {
      const map = objAt(tree, mapField, 'map');
      if (!map) continue;
      for (const [key, onMatch] of Object.entries(map)) visit(obj(onMatch), [...conditions, `${input} ${verb} ${key}`], rules);
    }
    const custom = obj(tree.custom_match);
    if (custom) {
      const { config } = typedConfig(custom);
      for (const rangeMatcher of objects(config.range_matchers)) {
        const ranges = objects(rangeMatcher.ranges).map((range) => `${str(range.address_prefix) ?? '?'}/${num(range.prefix_len) ?? 32}`);
        visit(obj(rangeMatcher.on_match), [...conditions, `${input} in ${ranges.join(', ')}`], rules);
      }
    }
  }
  const list = obj(matcher.matcher_list);
  if (list) {
    for (const fieldMatcher of objects(list.matchers)) visit(obj(fieldMatcher.on_match), [...conditions, 'predicate'], rules);
  }
  const noMatch = obj(matcher.on_no_match);
  if (noMatch) visit(noMatch, [...conditions, 'otherwise'], rules);
  return rules;
}

function visit(onMatch: JsonObject | undefined, conditions: string[], rules: MatcherRule[]): void {
  if (!onMatch || rules.length >= MAX_RULES) return;
  const name = actionName(onMatch);
  if (name !== undefined) {
    rules.push({ conditions, chainName: name });
    return;
  }
  flattenMatcher(obj(onMatch.matcher), conditions, rules);
}
