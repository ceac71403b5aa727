/**
 * The config-dump model. Every object is kept as the xDS proto in JSON form with snake_case keys
 * (admin `/config_dump` spelling), whichever spelling the file used.
 */

/** A JSON object whose shape is an xDS proto we only read. */
export type JsonObject = { [key: string]: unknown };

export type DumpSourceFormat =
  | 'admin-config-dump'
  | 'bootstrap'
  | 'xds-resources'
  | 'wrapped-by-proxy';

export type ListenerState = 'static' | 'active' | 'warming' | 'draining' | 'error';
export type ClusterState = 'static' | 'active' | 'warming';
export type RouteConfigOrigin = 'static' | 'dynamic';
/** `inline` = a cluster's own `load_assignment`, not an EDS resource. */
export type EndpointsOrigin = 'static' | 'dynamic' | 'inline';
export type SecretState = 'static' | 'active' | 'warming';

export interface ListenerEntry {
  name: string;
  /** The config has no name; `name` was made up from the address (`listener at 0.0.0.0:15090`). */
  unnamed?: boolean;
  state: ListenerState;
  versionInfo?: string;
  lastUpdated?: string;
  /** Envoy's rejection reason, for listeners in `error_state`. */
  errorDetails?: string;
  config: JsonObject;
}

export interface RouteConfigEntry {
  /** Empty for nameless static route configs (e.g. Istio's 15021/15090 ones). */
  name: string;
  origin: RouteConfigOrigin;
  versionInfo?: string;
  lastUpdated?: string;
  config: JsonObject;
}

export interface ClusterEntry {
  name: string;
  state: ClusterState;
  versionInfo?: string;
  lastUpdated?: string;
  config: JsonObject;
}

/** A `ClusterLoadAssignment`. */
export interface EndpointsEntry {
  clusterName: string;
  origin: EndpointsOrigin;
  config: JsonObject;
}

/** Only what is safe to show: secret bytes are never kept. */
export interface SecretEntry {
  name: string;
  state: SecretState;
  /** Which parts the secret has: `tls_certificate`, `validation_context`, `session_ticket_keys`, `generic_secret`… */
  kinds: string[];
  versionInfo?: string;
  lastUpdated?: string;
}

export interface ExtensionConfigEntry {
  name: string;
  typeUrl?: string;
  versionInfo?: string;
  lastUpdated?: string;
  config: JsonObject;
}

export interface NodeInfo {
  id?: string;
  cluster?: string;
  /** Istio's proxy type from the node id (`sidecar`, `router`, `waypoint`, `ztunnel`), when the id is Istio's. */
  istioProxyType?: string;
  istioVersion?: string;
  /** Envoy build version from `user_agent_build_version`, e.g. `1.26.4`. */
  envoyVersion?: string;
  metadata?: JsonObject;
}

export interface ConfigDump {
  format: DumpSourceFormat;
  fileName?: string;
  /** Set when the file holds several proxies (egctl output); this dump is the first of them. */
  proxies?: { name: string; dump: ConfigDump }[];
  /** The name of this proxy inside a multi-proxy file. */
  proxyName?: string;
  node?: NodeInfo;
  /** The bootstrap, without `static_resources` listeners/clusters (those are in the lists below). */
  bootstrap?: JsonObject;
  bootstrapLastUpdated?: string;
  listeners: ListenerEntry[];
  routeConfigs: RouteConfigEntry[];
  clusters: ClusterEntry[];
  endpoints: EndpointsEntry[];
  secrets: SecretEntry[];
  extensionConfigs: ExtensionConfigEntry[];
  scopedRouteConfigs: JsonObject[];
  /** Which config types the file had: a partial dump (only RDS, only EDS…) has some of them. */
  sections: DumpSection[];
  /** Things worth telling the user that did not stop the load. */
  warnings: string[];
}

export type DumpSection = 'bootstrap' | 'listeners' | 'routes' | 'clusters' | 'endpoints' | 'secrets' | 'extensions' | 'scopedRoutes';

export type LoadResult = { ok: true; dump: ConfigDump } | { ok: false; error: string };

/** What a tree node, a link in an explanation, or `objectJson` points at. */
export type DumpTargetKind = 'listener' | 'routeConfig' | 'cluster' | 'endpoints' | 'secret' | 'extensionConfig' | 'bootstrap';

export interface DumpTarget {
  kind: DumpTargetKind;
  name: string;
}

export function emptyDump(format: DumpSourceFormat, fileName?: string): ConfigDump {
  return {
    format,
    fileName,
    listeners: [],
    routeConfigs: [],
    clusters: [],
    endpoints: [],
    secrets: [],
    extensionConfigs: [],
    scopedRouteConfigs: [],
    sections: [],
    warnings: [],
  };
}
