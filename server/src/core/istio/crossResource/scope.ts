import type { IstioResourceFact } from './facts';

/** How Istio names and scopes things: short hosts, wildcard hosts, exportTo, gateway references, label selectors. */

export const MESH_GATEWAY = 'mesh';
const MESH_DOMAIN = 'cluster.local';

/** A short name (no dot) is a Kubernetes Service in the resource's own namespace; anything else is already whole. */
export function fqdn(host: string, namespace: string): string {
  if (host === '*' || host.includes('.') || host.includes(':')) return host;
  return `${host}.${namespace}.svc.${MESH_DOMAIN}`;
}

/** Whether two hosts, either of which may be a `*.` wildcard, can name the same service. */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const aWild = a.startsWith('*');
  const bWild = b.startsWith('*');
  if (aWild && bWild) return a.length >= b.length ? a.endsWith(b.slice(1)) : b.endsWith(a.slice(1));
  if (aWild) return b.endsWith(a.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return false;
}

export type Scope = 'all' | Set<string>;

/** The namespaces a resource is visible in: everywhere by default, `.` for its own, `~` for none. */
export function exportScope(exportTo: readonly string[] | undefined, namespace: string): Scope {
  if (!exportTo || exportTo.length === 0 || exportTo.includes('*')) return 'all';
  return new Set(exportTo.filter((entry) => entry !== '~').map((entry) => (entry === '.' ? namespace : entry)));
}

export function visibleIn(scope: Scope, namespace: string): boolean {
  return scope === 'all' || scope.has(namespace);
}

export function scopesOverlap(a: Scope, b: Scope): boolean {
  if (a === 'all') return b === 'all' || b.size > 0;
  if (b === 'all') return a.size > 0;
  return [...a].some((namespace) => b.has(namespace));
}

/** `ns/name`, the legacy `name.ns.svc.cluster.local`, or a name in the VirtualService's own namespace. */
export function resolveGatewayReference(reference: string, namespace: string): { namespace: string; name: string } {
  const slash = reference.indexOf('/');
  if (slash > 0) return { namespace: reference.slice(0, slash), name: reference.slice(slash + 1) };
  if (reference.includes('.')) {
    const [name, gatewayNamespace] = reference.split('.');
    return { namespace: gatewayNamespace, name };
  }
  return { namespace, name: reference };
}

/**
 * A Gateway server host may carry a namespace (`ns/host`, `./host`, or `*` before the slash) limiting which
 * VirtualServices may bind to it; answers the host part when a VirtualService of `viewerNamespace` may.
 */
export function serverHostFor(serverHost: string, gatewayNamespace: string, viewerNamespace: string): string | undefined {
  const slash = serverHost.indexOf('/');
  if (slash < 0) return serverHost;
  const namespace = serverHost.slice(0, slash);
  const host = serverHost.slice(slash + 1);
  if (namespace === '*' || namespace === viewerNamespace || (namespace === '.' && gatewayNamespace === viewerNamespace)) return host;
  return undefined;
}

export function stripNamespace(serverHost: string): string {
  const slash = serverHost.indexOf('/');
  return slash < 0 ? serverHost : serverHost.slice(slash + 1);
}

export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export function selectorText(selector: Record<string, string>): string {
  return Object.entries(selector).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => `${key}=${value}`).join(',');
}

/** `Gateway istio-system/main (in gateways.yaml)`: how messages name a resource. */
export function describe(fact: IstioResourceFact): string {
  const kind = fact.kind === 'Workload' ? fact.workloadKind : fact.kind;
  return `${kind} ${fact.namespace}/${fact.name}${whereFrom(fact)}`;
}

export function whereFrom(fact: IstioResourceFact): string {
  if (fact.source === undefined) return '';
  const base = fact.source.split(/[\\/]/).pop() ?? fact.source;
  let name = base;
  try {
    name = decodeURIComponent(base);
  } catch {
    // a path that is not URI-encoded keeps its own spelling
  }
  return ` (in ${name})`;
}
