import { arr, objects, str } from '../dump/json';
import type { JsonObject } from '../dump/types';
import { Funnel, nearestList, portList } from './dumpNarrow';
import { roleWord, type ProxyCluster, type ProxyRouteConfig, type ProxyView } from './dumpProxy';
import { contextMatches, contextWord, type MatchCriteria, type SelectedKind, type SelectedObject } from './dumpMatchTypes';
import type { PartialResult } from './dumpMatchListener';

interface GatewayRouteName {
  port: number;
  portName: string;
  gateway: string;
}

/** istiod's reading of a gateway RDS name: `http.8080`, or `https.443.portName.gatewayName.namespace`. */
export function parseGatewayRouteName(name: string): GatewayRouteName {
  const parts = name.split('.');
  if (name.startsWith('http.') && parts.length >= 2) return { port: Number(parts[1]) || 0, portName: '', gateway: '' };
  if (name.startsWith('https.') && parts.length >= 5) return { port: Number(parts[1]) || 0, portName: parts[2], gateway: `${parts[4]}/${parts[3]}` };
  return { port: 0, portName: '', gateway: '' };
}

/** The port istiod reads from a sidecar route name: `inbound|9080||`, or a bare number; a `host:port` name gives none. */
export function sidecarRoutePort(name: string): number {
  if (name.startsWith('inbound')) return Number(/^inbound\|(\d+)\|/.exec(name)?.[1] ?? 0);
  return /^\d+$/.test(name) ? Number(name) : 0;
}

interface VhostAt {
  route: ProxyRouteConfig;
  vhost: JsonObject;
  name: string;
}

/** Mirrors istiod's routeConfigurationMatch, virtualHostMatch and routeMatch over one proxy. */
export function matchRoutePatch(view: ProxyView, criteria: MatchCriteria): PartialResult {
  const match = criteria.routeConfiguration ?? {};
  const gateway = view.role === 'gateway';
  const scope = view.routeConfigs.filter((route) => contextMatches(criteria.context, route.context));
  const where = `${contextWord(criteria.context)}route configuration`;
  const routes = new Funnel(scope, `this ${roleWord(view.role)} has no ${where}s in the dump`);
  const port = match.portNumber || undefined;
  if (port !== undefined && !gateway) {
    routes.keep((r) => sidecarRoutePort(r.name) === port, (before) => {
      const named = before.find((r) => sidecarRoutePort(r.name) === 0 && r.name.endsWith(`:${port}`));
      const hint = named ? `; "${named.name}" is named host:port, which portNumber never matches (match it by name)` : '';
      return `no ${where} for port ${port}${hint}; ports present: ${portList(before.map((r) => sidecarRoutePort(r.name) || undefined))}`;
    });
  }
  if (port !== undefined && gateway) {
    const exact = routes.items.filter((r) => parseGatewayRouteName(r.name).port === port);
    // istiod also accepts the gateway Service port mapped to the route's port; the dump does not show Service ports,
    // so only Istio's default mapping (80 → 8080, 443 → 8443) is assumed.
    if (exact.length === 0 && port < 1024 && routes.items.some((r) => parseGatewayRouteName(r.name).port === port + 8000)) {
      routes.notes.push(`assuming the gateway Service maps port ${port} to container port ${port + 8000}`);
      routes.keep((r) => parseGatewayRouteName(r.name).port === port + 8000, () => '');
    } else {
      routes.keep((r) => parseGatewayRouteName(r.name).port === port, (before) =>
        `no gateway route configuration for port ${port} (nor a default Service mapping of it); ports present: ${portList(before.map((r) => parseGatewayRouteName(r.name).port || undefined))}`);
    }
  }
  if (gateway && match.portName) {
    const wanted = match.portName;
    routes.keep((r) => parseGatewayRouteName(r.name).portName === wanted, (before) =>
      `no gateway route configuration for server port name "${wanted}" (only HTTPS servers get their own); port names present: ${nearestList(wanted, before.map((r) => parseGatewayRouteName(r.name).portName))}`);
  }
  if (gateway && match.gateway) {
    const wanted = match.gateway;
    routes.keep((r) => parseGatewayRouteName(r.name).gateway === wanted, (before) =>
      `no route configuration belongs to gateway "${wanted}" (written namespace/name; only HTTPS servers get their own); gateways present: ${nearestList(wanted, before.map((r) => parseGatewayRouteName(r.name).gateway))}`);
  }
  if (!gateway && (match.portName || match.gateway)) routes.notes.push('portName and gateway are only compared for gateways; istiod ignores them here');
  if (match.name) {
    routes.keep((r) => r.name === match.name, (before) => `no ${where} is named "${match.name}"; names present: ${nearestList(match.name!, before.map((r) => r.name))}`);
  }
  const adding = criteria.operation === 'ADD';
  const routeItems = (kind: SelectedKind, action: PartialResult['action']): PartialResult => ({
    action, kind, miss: routes.miss, notes: routes.notes, selected: routes.items.map((r) => routeObject(kind, r, r.name)),
  });
  if (criteria.applyTo === 'ROUTE_CONFIGURATION') return routeItems('route configuration', 'patches');
  if (criteria.applyTo === 'VIRTUAL_HOST' && adding) return routeItems('route configuration', 'adds to');

  const vhosts = routes.expand(
    (route) => objects(route.config.virtual_hosts).map((vhost): VhostAt => ({ route, vhost, name: str(vhost.name) ?? '' })),
    () => 'the selected route configurations have no virtual hosts',
  );
  const vhostMatch = match.vhost ?? {};
  if (vhostMatch.name) {
    const wanted = vhostMatch.name;
    vhosts.keep((v) => v.name === wanted, (before) => `no virtual host is named "${wanted}" (compared exactly; istiod names them host:port, or inbound|http|port on the inbound side); names present: ${nearestList(wanted, before.map((v) => v.name))}`);
  }
  if (vhostMatch.domainName) {
    const wanted = vhostMatch.domainName;
    const domains = (v: VhostAt) => arr(v.vhost.domains).flatMap((domain) => str(domain) ?? []);
    vhosts.keep((v) => domains(v).includes(wanted), (before) => `no virtual host has domain "${wanted}"; domains present: ${nearestList(wanted, before.flatMap(domains))}`);
  }
  const vhostItems = (kind: SelectedKind, action: PartialResult['action']): PartialResult => ({
    action, kind, miss: vhosts.miss, notes: vhosts.notes, selected: vhosts.items.map((v) => routeObject(kind, v.route, `${v.route.name} › ${v.name}`)),
  });
  if (criteria.applyTo === 'VIRTUAL_HOST') return vhostItems('virtual host', 'patches');
  if (adding) return vhostItems('virtual host', 'adds to');

  const httpRoutes = vhosts.expand(
    (v) => objects(v.vhost.routes).map((route, index) => ({ ...v, route: v.route, entry: route, label: str(route.name) || `#${index + 1}` })),
    () => 'the selected virtual hosts have no routes',
  );
  const routeMatch = vhostMatch.route ?? {};
  if (routeMatch.name) {
    const wanted = routeMatch.name;
    httpRoutes.keep((r) => str(r.entry.name) === wanted, (before) => `no route is named "${wanted}"; route names present: ${nearestList(wanted, before.flatMap((r) => str(r.entry.name) ?? []))}`);
  }
  const action = ROUTE_ACTIONS[routeMatch.action ?? ''];
  if (action) {
    httpRoutes.keep((r) => r.entry[action] !== undefined, (before) =>
      `no selected route has action ${routeMatch.action}; actions present: ${[...new Set(before.map((r) => Object.entries(ROUTE_ACTIONS).find(([, key]) => r.entry[key] !== undefined)?.[0] ?? 'other'))].join(', ')}`);
  }
  return {
    action: 'patches', kind: 'route', miss: httpRoutes.miss, notes: httpRoutes.notes,
    selected: httpRoutes.items.map((r) => routeObject('route', r.route, `${r.route.name} › ${r.name} › ${r.label}`)),
  };
}

const ROUTE_ACTIONS: Record<string, string> = { ROUTE: 'route', REDIRECT: 'redirect', DIRECT_RESPONSE: 'direct_response' };

function routeObject(kind: SelectedKind, route: ProxyRouteConfig, path: string): SelectedObject {
  // Inline route configurations are only reachable through their listener.
  const owner = route.inlineIn ? { kind: 'listener' as const, name: route.inlineIn } : { kind: 'routeConfig' as const, name: route.name };
  return { kind, path: route.inlineIn ? `${route.inlineIn} › ${path}` : path, owner };
}

/** Mirrors istiod's clusterMatch: a name decides alone, otherwise service, subset and port from the Istio name. */
export function matchClusterPatch(view: ProxyView, criteria: MatchCriteria): PartialResult {
  const match = criteria.cluster ?? {};
  const where = `${contextWord(criteria.context)}cluster`;
  const clusters = new Funnel(view.clusters.filter((c) => contextMatches(criteria.context, c.context)), `this ${roleWord(view.role)} has no ${where}s istiod generated`);
  if (match.name) {
    clusters.keep((c) => c.name === match.name, (before) => `no ${where} is named "${match.name}"; names present: ${nearestList(match.name!, before.map((c) => c.name))}`);
  } else {
    const inbound = (c: ProxyCluster) => c.istio?.direction === 'inbound' && !c.istio.host;
    if (match.service) {
      const wanted = match.service;
      // An inbound cluster stands for the services of this workload, which the dump does not list.
      if (clusters.items.some(inbound)) clusters.notes.push('inbound clusters are counted as matching the service: the dump does not say which services they serve');
      clusters.keep((c) => c.istio?.host === wanted || inbound(c), (before) => `no ${where} for service "${wanted}"; services present: ${nearestList(wanted, before.flatMap((c) => c.istio?.host ?? []))}`);
    }
    if (match.subset) {
      const wanted = match.subset;
      clusters.keep((c) => c.istio?.subset === wanted, (before) => `no ${where} for subset "${wanted}"${match.service ? ` of ${match.service}` : ''}; subsets present: ${nearestList(wanted, before.flatMap((c) => c.istio?.subset ?? []))}`);
    }
    if (match.portNumber) {
      const wanted = match.portNumber;
      clusters.keep((c) => c.istio?.port === wanted, (before) => `no ${where} on port ${wanted}${match.service ? ` for ${match.service}` : ''}; ports present: ${portList(before.map((c) => c.istio?.port))}`);
    }
  }
  return {
    action: 'patches', kind: 'cluster', miss: clusters.miss, notes: clusters.notes,
    selected: clusters.items.map((c) => ({ kind: 'cluster', path: c.name, owner: { kind: 'cluster', name: c.name } })),
  };
}
