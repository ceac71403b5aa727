import { deprecatedExtensionNames } from '../envoy/extensionNames';
import { arr, str } from '../dump/json';
import { Funnel, nearestList, portList } from './dumpNarrow';
import { roleWord, type ProxyChain, type ProxyFilter, type ProxyListener, type ProxyView } from './dumpProxy';
import { contextMatches, contextWord, type MatchCriteria, type SelectedKind, type SelectedObject } from './dumpMatchTypes';

const HCM_NAME = 'envoy.filters.network.http_connection_manager';

interface FilterAt {
  chain: ProxyChain;
  filter: ProxyFilter;
}

export interface PartialResult {
  action: 'patches' | 'adds to';
  kind: SelectedKind;
  selected: SelectedObject[];
  miss?: string;
  notes: string[];
}

/** Mirrors istiod's listenerMatch, filterChainMatch, networkFilterMatch and httpFilterMatch over one proxy. */
export function matchListenerPatch(view: ProxyView, criteria: MatchCriteria): PartialResult {
  const result = narrowListeners(view, criteria);
  const rejected = view.listeners.filter((l) => l.rejected && result.selected.some((item) => item.owner.name === l.name));
  for (const listener of rejected) {
    result.notes = [...result.notes, `Envoy rejected ${listener.name} (error_state); matched against the configuration istiod sent`];
  }
  return result;
}

function narrowListeners(view: ProxyView, criteria: MatchCriteria): PartialResult {
  const applyTo = criteria.applyTo ?? '';
  const adding = criteria.operation === 'ADD';
  // Inserting without a filter to insert next to goes into the chain or connection manager itself.
  const inserting = adding || criteria.operation?.startsWith('INSERT_') === true;
  const match = criteria.listener ?? {};
  const port = match.portNumber || undefined;
  const scope = view.listeners.filter((listener) => contextMatches(criteria.context, listener.context));
  const where = `${contextWord(criteria.context)}listener`;
  const listeners = new Funnel(scope, view.listeners.length === 0 ? 'the dump has no listeners istiod generated' : `this ${roleWord(view.role)} has no ${where}s`);
  if (match.name) {
    listeners.keep((l) => l.name === match.name, (before) => `no ${where} is named "${match.name}"; listeners present: ${nearestList(match.name!, before.map((l) => l.name))}`);
  }
  // istiod skips the listener port for virtualInbound/virtualOutbound (except for LISTENER patches) and compares it
  // with each filter chain's destination_port instead.
  if (port !== undefined) {
    listeners.keep((l) => (l.virtual && applyTo !== 'LISTENER') || l.port === port, (before) => portMiss(port, before, criteria, view));
  }
  const ofListeners = (kind: SelectedKind, action: PartialResult['action']): PartialResult => ({
    action, kind, miss: listeners.miss, notes: listeners.notes,
    selected: listeners.items.map((l) => ({ kind, path: l.name, owner: { kind: 'listener', name: l.name } })),
  });
  if (applyTo === 'LISTENER') return ofListeners('listener', 'patches');
  if (applyTo === 'FILTER_CHAIN' && adding) return ofListeners('listener', 'adds to');
  if (applyTo === 'LISTENER_FILTER') return matchListenerFilter(listeners, match.listenerFilter, adding || criteria.operation === 'INSERT_FIRST');

  const chains = listeners.expand((l) => l.chains, () => 'the selected listeners have no filter chains');
  if (port !== undefined) {
    chains.keep((c) => !c.listener.virtual || c.destinationPort === port, () => portMiss(port, listeners.items, criteria, view));
  }
  narrowChains(chains, match.filterChain ?? {});
  const chainItems = (kind: SelectedKind, action: PartialResult['action']): PartialResult => ({
    action, kind, miss: chains.miss, notes: chains.notes,
    selected: chains.items.map((c) => ({ kind, path: `${c.listener.name} › ${c.label}`, owner: { kind: 'listener', name: c.listener.name } })),
  });
  if (applyTo === 'FILTER_CHAIN') return chainItems('filter chain', 'patches');
  if (applyTo === 'NETWORK_FILTER' && (adding || (inserting && !match.filterName))) return chainItems('filter chain', 'adds to');

  const filters = chains.expand((chain) => chain.filters.map((filter): FilterAt => ({ chain, filter })), () => 'the selected filter chains have no network filters');
  if (match.filterName) {
    const wanted = match.filterName;
    filters.keep((f) => f.filter.name === wanted, (before) => nameMiss('filter', wanted, before.map((f) => f.filter.name), 'network filters'));
  }
  const filterItems = (kind: SelectedKind, action: PartialResult['action']): PartialResult => ({
    action, kind, miss: filters.miss, notes: filters.notes,
    selected: filters.items.map((f) => ({ kind, path: `${f.chain.listener.name} › ${f.chain.label} › ${f.filter.name}`, owner: { kind: 'listener', name: f.chain.listener.name } })),
  });
  if (applyTo !== 'HTTP_FILTER') return filterItems('network filter', 'patches');

  // HTTP filters are only walked inside a filter named exactly like the connection manager.
  filters.keep((f) => f.filter.name === HCM_NAME && f.filter.httpFilters !== undefined, (before) =>
    `HTTP filters are patched only inside ${HCM_NAME}; the selected filter chains run ${nearestList(HCM_NAME, before.map((f) => f.filter.name))}`);
  if (adding || (inserting && !match.subFilterName)) return filterItems('HTTP connection manager', 'adds to');
  const httpFilters = filters.expand((f) => (f.filter.httpFilters ?? []).map((name) => ({ ...f, name })), () => 'the selected connection managers have no HTTP filters');
  if (match.subFilterName) {
    const wanted = match.subFilterName;
    httpFilters.keep((h) => h.name === wanted, (before) => nameMiss('HTTP filter', wanted, before.map((h) => h.name), 'HTTP filters'));
  }
  return {
    action: 'patches', kind: 'HTTP filter', miss: httpFilters.miss, notes: httpFilters.notes,
    selected: httpFilters.items.map((h) => ({ kind: 'HTTP filter', path: `${h.chain.listener.name} › ${h.chain.label} › ${h.name}`, owner: { kind: 'listener', name: h.chain.listener.name } })),
  };
}

function matchListenerFilter(listeners: Funnel<ProxyListener>, wanted: string | undefined, anchorFree: boolean): PartialResult {
  if (anchorFree && !wanted) {
    return { action: 'adds to', kind: 'listener', miss: listeners.miss, notes: listeners.notes,
      selected: listeners.items.map((l) => ({ kind: 'listener', path: l.name, owner: { kind: 'listener', name: l.name } })) };
  }
  const filters = listeners.expand((l) => l.listenerFilters.map((name) => ({ listener: l, name })), () => 'the selected listeners have no listener filters');
  if (wanted) filters.keep((f) => f.name === wanted, (before) => nameMiss('listener filter', wanted, before.map((f) => f.name), 'listener filters'));
  return { action: 'patches', kind: 'listener filter', miss: filters.miss, notes: filters.notes,
    selected: filters.items.map((f) => ({ kind: 'listener filter', path: `${f.listener.name} › ${f.name}`, owner: { kind: 'listener', name: f.listener.name } })) };
}

function narrowChains(chains: Funnel<ProxyChain>, match: NonNullable<NonNullable<MatchCriteria['listener']>['filterChain']>): void {
  const { name, sni, transportProtocol, applicationProtocols, destinationPort } = match;
  if (name) chains.keep((c) => c.name === name, (before) => `no filter chain is named "${name}"; chain names present: ${nearestList(name, before.map((c) => c.name))}`);
  if (sni) {
    chains.keep((c) => serverNames(c).includes(sni), (before) => `no filter chain matches SNI "${sni}"; server names present: ${nearestList(sni, before.flatMap(serverNames))}`);
  }
  if (transportProtocol) {
    chains.keep((c) => str(c.match?.transport_protocol) === transportProtocol, (before) =>
      `no filter chain has transport protocol "${transportProtocol}"; present: ${nearestList(transportProtocol, before.flatMap((c) => str(c.match?.transport_protocol) ?? []))}`);
  }
  if (applicationProtocols) {
    const wanted = applicationProtocols.split(',');
    chains.keep((c) => wanted.every((protocol) => appProtocols(c).includes(protocol)), (before) =>
      `no filter chain lists every application protocol of "${applicationProtocols}"; present: ${nearestList(applicationProtocols, before.flatMap(appProtocols))}`);
  }
  if (destinationPort) {
    chains.keep((c) => c.destinationPort === destinationPort, (before) =>
      `no filter chain matches destination port ${destinationPort}; destination ports present: ${portList(before.map((c) => c.destinationPort))}`);
  }
}

function serverNames(chain: ProxyChain): string[] {
  return arr(chain.match?.server_names).flatMap((name) => str(name) ?? []);
}

function appProtocols(chain: ProxyChain): string[] {
  return arr(chain.match?.application_protocols).flatMap((name) => str(name) ?? []);
}

/** The ports a portNumber could have matched in the listeners of the match's context. */
function portMiss(port: number, listeners: ProxyListener[], criteria: MatchCriteria, view: ProxyView): string {
  const onChains = criteria.applyTo !== 'LISTENER';
  const ports = listeners.flatMap((l) => (l.virtual && onChains ? l.chains.map((c) => c.destinationPort) : [l.port]));
  const present = `ports present: ${portList(ports)}`;
  if (criteria.context === 'SIDECAR_INBOUND' && onChains) {
    return `no inbound filter chain for port ${port} in this sidecar (for inbound, portNumber is the workload's container port, compared with virtualInbound's destination_port); ${present}`;
  }
  const gatewayHint = view.role === 'gateway' ? ' (gateway listeners listen on the container port, e.g. 8080 for Service port 80)' : '';
  return `no ${contextWord(criteria.context)}listener on port ${port} in this ${roleWord(view.role)}${gatewayHint}; ${present}`;
}

/** A filter name that matches nothing, with the deprecated-name case spelled out. */
export function nameMiss(what: string, wanted: string, present: string[], presentWord: string): string {
  const canonical = deprecatedExtensionNames[wanted];
  if (canonical && present.includes(canonical)) {
    return `${what} ${wanted} matches nothing: the dump has ${canonical} (istiod generates the canonical name, never the deprecated one)`;
  }
  const deprecated = canonical ? ` ("${wanted}" is a deprecated name; istiod generates "${canonical}")` : '';
  return `no ${what} named "${wanted}" in the selected objects${deprecated}; ${presentWord} present: ${nearestList(wanted, present)}`;
}
