import type { PatchContext, ProxyRole } from './dumpProxy';

export type SelectedKind =
  | 'listener'
  | 'filter chain'
  | 'network filter'
  | 'HTTP connection manager'
  | 'HTTP filter'
  | 'listener filter'
  | 'route configuration'
  | 'virtual host'
  | 'route'
  | 'cluster';

/** The top-level dump object a selection sits in, to reveal or open it. */
export interface DumpObjectOwner {
  kind: 'listener' | 'routeConfig' | 'cluster';
  name: string;
}

export interface SelectedObject {
  kind: SelectedKind;
  /** readable path inside the dump: `virtualInbound › 0.0.0.0_9080 › envoy.filters.http.router` */
  path: string;
  owner: DumpObjectOwner;
}

/** What a match selects in one proxy. */
export interface DumpMatchResult {
  /** false when the patch cannot apply to this proxy at all (context, proxy type, proxyVersion, metadata) */
  applies: boolean;
  /** false when the patch kind is not evaluated against dumps (EXTENSION_CONFIG, BOOTSTRAP, waypoint matches) */
  evaluated: boolean;
  /** why the patch does not apply, or is not evaluated */
  reason?: string;
  /** `patches`: the selected objects are changed; `adds to`: something is added inside them; `adds`: a new object */
  action: 'patches' | 'adds to' | 'adds';
  kind?: SelectedKind;
  selected: SelectedObject[];
  /** when nothing is selected: which criterion failed and what the dump has instead */
  miss?: string;
  notes: string[];
  role: ProxyRole;
}

/** The criteria of a configPatch's match, as plain values. */
export interface MatchCriteria {
  applyTo?: string;
  operation?: string;
  context?: string;
  listener?: {
    name?: string;
    portNumber?: number;
    listenerFilter?: string;
    filterChain?: {
      name?: string;
      sni?: string;
      transportProtocol?: string;
      applicationProtocols?: string;
      destinationPort?: number;
    };
    filterName?: string;
    subFilterName?: string;
  };
  routeConfiguration?: {
    portNumber?: number;
    portName?: string;
    gateway?: string;
    name?: string;
    vhost?: { name?: string; domainName?: string; route?: { name?: string; action?: string } };
  };
  cluster?: { portNumber?: number; service?: string; subset?: string; name?: string };
  proxyVersion?: string;
  proxyMetadata?: Record<string, string>;
  hasWaypointMatch: boolean;
}

export function contextMatches(patchContext: string | undefined, objectContext: PatchContext): boolean {
  const context = patchContext || 'ANY';
  if (context === 'ANY') return objectContext !== 'WAYPOINT';
  return context === objectContext;
}

export function contextWord(context: string | undefined): string {
  switch (context) {
    case 'SIDECAR_INBOUND':
      return 'inbound ';
    case 'SIDECAR_OUTBOUND':
      return 'outbound ';
    case 'GATEWAY':
      return 'gateway ';
    default:
      return '';
  }
}
