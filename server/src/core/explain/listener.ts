import type { ConfigDump, ListenerEntry } from '../dump/types';
import { obj, objects, plural, str } from '../dump/json';
import { findListener } from '../dump/lookup';
import { allFilterChains, formatAddress, isInternalListener, listenerPort } from '../dump/describe';
import { describeIstioListener, describeIstioPort, describeIstioProxyType } from '../istio/names';
import type { ExplainContext } from './context';
import { LIMITS, newContext } from './context';
import { chainItems } from './chains';
import { explainRouteConfigs } from './routes';
import { explainClusters } from './clusters';
import { describeListenerFilter } from './filters';
import { flattenMatcher, type MatcherRule } from './matcher';
import type { Explanation, ExplanationItem } from './types';
import { code, item, t, toned } from './types';

/**
 * Explains a listener along the traffic path: where it listens, listener filters, each filter chain and its
 * filters, the routes an HTTP chain uses, every cluster reached with its TLS and endpoints, and one hop into
 * internal listeners (Istio ambient's connect_originate, main_internal).
 */
export function explainListener(source: ConfigDump, listenerName: string): Explanation {
  const entry = findListener(source, listenerName);
  if (!entry) return notFound(source, listenerName);
  const context = newContext(source);
  explainOne(context, entry, false);
  explainRouteConfigs(context);
  explainClusters(context);
  const nextHop = context.internalListeners;
  context.internalListeners = [];
  for (const name of nextHop) {
    const internal = findListener(source, name);
    if (context.explainedListeners.has(name)) continue;
    if (!internal) {
      context.sections.push({
        id: `listener:${name}`,
        title: [t('Internal listener '), code(name)],
        items: [toned(item('Not in this dump: endpoints point to this internal listener, but the dump has no listener of that name.'), 'warning')],
      });
      continue;
    }
    explainOne(context, internal, true);
    explainRouteConfigs(context);
    explainClusters(context);
  }
  const further = context.internalListeners.filter((name) => !context.explainedListeners.has(name));
  if (further.length) {
    context.sections.push({
      id: 'further',
      title: [t('Further internal listeners (not followed)')],
      items: further.map((name) => item('Explain ', code(name, { kind: 'listener', name }), ' on its own to follow it.')),
    });
  }
  return { listenerName, found: true, path: context.path, sections: context.sections };
}

function notFound(source: ConfigDump, listenerName: string): Explanation {
  const similar = similarNames(source.listeners.map((entry) => entry.name), listenerName);
  const items: ExplanationItem[] = [toned(item(`This dump has no listener named "${listenerName}" (${plural(source.listeners.length, 'listener')} in total).`), 'warning')];
  if (similar.length) items.push({ parts: [t('Similar names: '), ...similar.flatMap((name, index) => [...(index ? [t(', ')] : []), code(name, { kind: 'listener', name })])] });
  return { listenerName, found: false, path: [], sections: [{ id: 'not-found', title: [t('Listener '), code(listenerName), t(' not found')], items }] };
}

/** Names containing the request (or contained in it) first, then those sharing the longest start, e.g. the same address. */
function similarNames(names: string[], wanted: string): string[] {
  const needle = wanted.toLowerCase();
  const sharedStart = (name: string) => {
    let length = 0;
    while (length < name.length && name[length].toLowerCase() === needle[length]) length++;
    return length;
  };
  const scored = names
    .filter((name) => name && name !== wanted)
    .map((name) => {
      const lower = name.toLowerCase();
      const contains = lower.includes(needle) || needle.includes(lower);
      return { name, score: contains ? 1000 : sharedStart(name) };
    })
    .filter((entry) => entry.score >= Math.min(6, Math.ceil(needle.length / 2)));
  return scored.sort((a, b) => b.score - a.score).slice(0, 8).map((entry) => entry.name);
}

function explainOne(context: ExplainContext, entry: ListenerEntry, viaInternalHop: boolean): void {
  context.explainedListeners.add(entry.name);
  const link = { kind: 'listener' as const, name: entry.name };
  context.path.push([t(viaInternalHop ? 'internal listener ' : 'listener '), code(entry.name, link)]);
  context.sections.push({
    id: `listener:${entry.name}`,
    title: [t(viaInternalHop ? 'Internal listener ' : 'Listener '), code(entry.name, link)],
    target: link,
    items: overviewItems(context, entry, viaInternalHop),
  });
  const listener = entry.config;
  const listenerFilters = objects(listener.listener_filters);
  if (listenerFilters.length) {
    context.sections.push({
      id: `listener-filters:${entry.name}`,
      title: [t('Listener filters of '), code(entry.name)],
      items: listenerFilters.map((filter) => item(code(str(filter.name) ?? '(unnamed)'), ` — ${describeListenerFilter(filter)}`)),
    });
  }
  const rules = obj(listener.filter_chain_matcher) ? flattenMatcher(obj(listener.filter_chain_matcher)) : undefined;
  if (rules) context.sections.push(matcherSection(entry.name, rules));
  const chains = allFilterChains(listener);
  chains.slice(0, LIMITS.chains).forEach(({ chain, isDefault }, index) => {
    const name = str(chain.name);
    const selected = rules && !isDefault ? rules.filter((rule) => rule.chainName === name).map((rule) => rule.conditions.join(', ')) : undefined;
    const label = isDefault ? 'Default filter chain' : `Filter chain ${index + 1}`;
    context.sections.push({
      id: `chain:${entry.name}:${index}`,
      title: name ? [t(`${label} `), code(name), t(` of ${entry.name}`)] : [t(`${label} of ${entry.name}`)],
      items: chainItems(context, chain, isDefault, selected),
    });
  });
  if (chains.length > LIMITS.chains) {
    context.sections.push({ id: `chains-more:${entry.name}`, title: [t(`${chains.length - LIMITS.chains} more filter chains of ${entry.name}`)], items: [item('Not listed; open the listener JSON to see them.')] });
  }
}

function overviewItems(context: ExplainContext, entry: ListenerEntry, viaInternalHop: boolean): ExplanationItem[] {
  const listener = entry.config;
  const items: ExplanationItem[] = [];
  const node = context.dump.node;
  const proxy = describeIstioProxyType(node?.istioProxyType);
  if (!viaInternalHop && (proxy || node?.id)) items.push(item(`Proxy: ${proxy ?? 'Envoy'}${node?.id ? ` (${node.id})` : ''}`));
  const istio = describeIstioListener(entry.name, node?.istioProxyType);
  if (istio) items.push(toned(item(istio), 'note'));
  if (entry.state === 'error') items.push(toned(item(`Envoy rejected this listener${entry.errorDetails ? `: ${entry.errorDetails.trim()}` : ''}. The configuration below is the one it failed to apply.`), 'warning'));
  else if (entry.state === 'warming') items.push(toned(item('Warming: waiting for its routes or secrets; it does not accept connections yet.'), 'warning'));
  else if (entry.state === 'draining') items.push(toned(item('Draining: being replaced; existing connections finish, new ones go to the new version.'), 'warning'));
  const address = formatAddress(obj(listener.address));
  if (isInternalListener(listener)) {
    items.push(item('Internal listener: not on the network; it is reached only from inside this Envoy, by a cluster whose endpoint is an ', code('envoy_internal_address'), ' naming it (transport socket ', code('internal_upstream'), ').'));
  } else if (address) {
    const port = listenerPort(listener);
    const portNote = port !== undefined ? describeIstioPort(port) : undefined;
    items.push(item('Listens on ', code(address), portNote ? ` (${portNote})` : ''));
  } else {
    items.push(toned(item('No address.'), 'warning'));
  }
  if (listener.bind_to_port === false) {
    items.push(item('bind_to_port false: opens no socket of its own; it only gets connections handed over by a listener with use_original_dst (in Istio, virtualOutbound on 15001).'));
  }
  if (listener.use_original_dst === true) {
    items.push(item('use_original_dst: each connection is handed to the listener whose address matches its original destination (for example ', code('10.96.0.10_53'), ' or ', code('0.0.0.0_80'), '); only connections no listener matches use the chains below.'));
  }
  const direction = str(listener.traffic_direction);
  if (direction) items.push(item(`Traffic direction: ${direction}`));
  const chains = allFilterChains(listener);
  const defaults = chains.filter((chain) => chain.isDefault).length;
  items.push(item(`${plural(chains.length - defaults, 'filter chain')}${defaults ? ' and a default chain' : ''}.`));
  const updated = [entry.versionInfo && `version ${entry.versionInfo}`, entry.lastUpdated && `last updated ${entry.lastUpdated}`].filter(Boolean).join(', ');
  if (updated) items.push(item(`State ${entry.state}; ${updated}.`));
  return items;
}

function matcherSection(listenerName: string, rules: MatcherRule[]) {
  const shown = rules.slice(0, LIMITS.matcherRules);
  const items = shown.map((rule) => item(`${rule.conditions.join(', ')} → chain `, code(rule.chainName)));
  if (rules.length > shown.length) items.push(toned(item(`… ${rules.length - shown.length} more rules`), 'note'));
  return {
    id: `matcher:${listenerName}`,
    title: [t('Filter chain matcher of '), code(listenerName)],
    items: [item('Chains are picked by this matcher (filter_chain_match is ignored):'), ...items],
  };
}
