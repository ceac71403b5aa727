import { toPlain } from '../document/nodes';
import type { ConfigDump } from '../dump/types';
import { proxyView, roleWord, type ProxyRole, type ProxyView } from './dumpProxy';
import { matchListenerPatch, type PartialResult } from './dumpMatchListener';
import { matchClusterPatch, matchRoutePatch } from './dumpMatchRoutes';
import type { DumpMatchResult, MatchCriteria } from './dumpMatchTypes';
import type { ConfigPatch } from './patchModel';

export type { DumpMatchResult, MatchCriteria, SelectedObject, SelectedKind } from './dumpMatchTypes';

const LISTENER_CLASS = new Set(['LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER', 'LISTENER_FILTER']);
const ROUTE_CLASS = new Set(['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE']);
const PROXY_CONTEXTS: Record<ProxyRole, string[]> = {
  sidecar: ['SIDECAR_INBOUND', 'SIDECAR_OUTBOUND'],
  gateway: ['GATEWAY'],
  waypoint: ['WAYPOINT'],
  ztunnel: [],
  other: [],
};

/**
 * What istiod would select with this configPatch's match when generating the configuration of the proxy the dump
 * was taken from: the same tests over the objects it generated (bootstrap objects left out).
 */
export function matchPatchInDump(patch: ConfigPatch, dump: ConfigDump): DumpMatchResult {
  return matchCriteriaInDump(readMatchCriteria(patch), dump);
}

export function matchCriteriaInDump(criteria: MatchCriteria, dump: ConfigDump): DumpMatchResult {
  const view = proxyView(dump);
  const base: DumpMatchResult = { applies: true, evaluated: true, action: 'patches', selected: [], notes: [], role: view.role };
  // EnvoyFilters are Istio's; other proxies' dumps (Envoy Gateway, plain Envoy) have nothing to say about them.
  if (view.role === 'other' || view.role === 'ztunnel') return { ...base, evaluated: false, reason: 'not an Istio sidecar, gateway or waypoint' };
  const unfit = whyNotThisProxy(criteria, view, dump);
  if (unfit) return { ...base, applies: false, reason: unfit };
  const applyTo = criteria.applyTo ?? '';
  if (criteria.hasWaypointMatch || view.role === 'waypoint') return { ...base, evaluated: false, reason: 'waypoint matches are not evaluated against dumps' };
  if ((applyTo === 'LISTENER' || applyTo === 'CLUSTER') && criteria.operation === 'ADD') return addsObject(criteria, view, base);
  const missing = missingSection(applyTo, dump);
  if (missing) return { ...base, evaluated: false, reason: `the dump has no ${missing} (a partial dump)` };
  let partial: PartialResult;
  if (LISTENER_CLASS.has(applyTo)) partial = matchListenerPatch(view, criteria);
  else if (ROUTE_CLASS.has(applyTo)) partial = matchRoutePatch(view, criteria);
  else if (applyTo === 'CLUSTER') partial = matchClusterPatch(view, criteria);
  else return { ...base, evaluated: false, reason: applyTo ? `${applyTo} patches are not matched against dump objects` : 'the patch has no applyTo' };
  return { ...base, ...partial, notes: [...partial.notes], miss: partial.selected.length ? undefined : partial.miss ?? 'nothing matches' };
}

/** A partial dump (istioctl proxy-config routes…) says nothing about the sections it lacks. */
function missingSection(applyTo: string, dump: ConfigDump): string | undefined {
  if (LISTENER_CLASS.has(applyTo) && !dump.sections.includes('listeners')) return 'listeners';
  if (ROUTE_CLASS.has(applyTo) && !dump.sections.includes('routes') && !dump.sections.includes('listeners')) return 'route configurations';
  if (applyTo === 'CLUSTER' && !dump.sections.includes('clusters')) return 'clusters';
  return undefined;
}

/** A patch that cannot touch this proxy at all: another proxy kind's context, or a proxy match that fails. */
function whyNotThisProxy(criteria: MatchCriteria, view: ProxyView, dump: ConfigDump): string | undefined {
  const context = criteria.context || 'ANY';
  if (context === 'ANY' ? view.role === 'waypoint' : !PROXY_CONTEXTS[view.role].includes(context)) {
    return `context ${context} does not apply to a ${roleWord(view.role)} proxy`;
  }
  const version = dump.node?.istioVersion;
  if (criteria.proxyVersion && version) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(criteria.proxyVersion);
    } catch {
      pattern = undefined;
    }
    if (pattern && !pattern.test(version)) return `proxyVersion ${criteria.proxyVersion} does not match this proxy's Istio ${version}`;
  }
  const metadata = dump.node?.metadata;
  for (const [key, value] of Object.entries(criteria.proxyMetadata ?? {})) {
    if (metadata && metadata[key] !== value) return `proxy metadata ${key}=${value} does not match this proxy (${key}=${String(metadata[key] ?? 'unset')})`;
  }
  return undefined;
}

/** LISTENER and CLUSTER ADD ignore the object match; istiod only adds for outbound sidecar and gateway contexts. */
function addsObject(criteria: MatchCriteria, view: ProxyView, base: DumpMatchResult): DumpMatchResult {
  const kind = criteria.applyTo === 'LISTENER' ? 'listener' : 'cluster';
  if (criteria.context === 'SIDECAR_INBOUND') {
    return { ...base, action: 'adds', kind, miss: `istiod adds ${kind}s only for SIDECAR_OUTBOUND and GATEWAY, so an ADD with context SIDECAR_INBOUND does nothing` };
  }
  const notes = view.role === 'sidecar' && !criteria.context ? ['with context ANY, istiod adds it to the outbound side only'] : [];
  return { ...base, action: 'adds', kind, notes };
}

/** The match of a configPatch as plain values; absent or mistyped fields are left out, as istiod's zero values would be. */
export function readMatchCriteria(patch: ConfigPatch): MatchCriteria {
  const match = record(toPlain(patch.match));
  const listener = record(match.listener);
  const chain = record(listener.filterChain);
  const route = record(match.routeConfiguration);
  const vhost = record(route.vhost);
  const cluster = record(match.cluster);
  const proxy = record(match.proxy);
  const metadata = Object.fromEntries(Object.entries(record(proxy.metadata)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return {
    applyTo: patch.applyTo,
    operation: patch.operation,
    context: text(match.context),
    listener: match.listener === undefined ? undefined : {
      name: text(listener.name),
      portNumber: number(listener.portNumber),
      listenerFilter: text(listener.listenerFilter),
      filterChain: listener.filterChain === undefined ? undefined : {
        name: text(chain.name),
        sni: text(chain.sni),
        transportProtocol: text(chain.transportProtocol),
        applicationProtocols: text(chain.applicationProtocols),
        destinationPort: number(chain.destinationPort),
      },
      filterName: patch.filterName,
      subFilterName: patch.subFilterName,
    },
    routeConfiguration: match.routeConfiguration === undefined ? undefined : {
      portNumber: number(route.portNumber),
      portName: text(route.portName),
      gateway: text(route.gateway),
      name: text(route.name),
      vhost: { name: text(vhost.name), domainName: text(vhost.domainName), route: { name: text(record(vhost.route).name), action: text(record(vhost.route).action) } },
    },
    cluster: match.cluster === undefined ? undefined : {
      portNumber: number(cluster.portNumber),
      service: text(cluster.service),
      subset: text(cluster.subset),
      name: text(cluster.name),
    },
    proxyVersion: text(proxy.proxyVersion),
    proxyMetadata: Object.keys(metadata).length ? metadata : undefined,
    hasWaypointMatch: patch.waypoint !== undefined,
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function number(value: unknown): number | undefined {
  const parsed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof parsed === 'number' && Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}
