import type { ConfigDump, JsonObject } from '../dump/types';
import type { ExplanationSection, TextPart } from './types';

/** What an explanation has seen so far, so each route config, cluster and internal listener is explained once. */
export interface ExplainContext {
  dump: ConfigDump;
  sections: ExplanationSection[];
  path: TextPart[][];
  /** Route configs reached by HCMs of the current hop: RDS names, or inline configs keyed by a made-up id. */
  routeConfigs: { key: string; name: string; inline?: JsonObject }[];
  /** Clusters reached in the current hop, in traffic order. */
  clusters: string[];
  /** Internal listeners reached, to explain one hop further. */
  internalListeners: string[];
  explainedRouteConfigs: Set<string>;
  explainedClusters: Set<string>;
  explainedListeners: Set<string>;
}

export function newContext(dump: ConfigDump): ExplainContext {
  return {
    dump,
    sections: [],
    path: [],
    routeConfigs: [],
    clusters: [],
    internalListeners: [],
    explainedRouteConfigs: new Set(),
    explainedClusters: new Set(),
    explainedListeners: new Set(),
  };
}

export function reachCluster(context: ExplainContext, name: string): void {
  if (name && !context.clusters.includes(name) && !context.explainedClusters.has(name)) context.clusters.push(name);
}

export function reachInternalListener(context: ExplainContext, name: string): void {
  if (name && !context.internalListeners.includes(name) && !context.explainedListeners.has(name)) context.internalListeners.push(name);
}

/** Caps that keep an explanation of a 100-vhost sidecar route readable. */
export const LIMITS = {
  chains: 40,
  virtualHosts: 40,
  routesPerHost: 25,
  clusters: 30,
  endpointsListed: 8,
  matcherRules: 40,
};
