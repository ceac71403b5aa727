import type { Finding } from '../../types';
import type { ServiceEntryFact, VirtualServiceFact } from './facts';
import { describe, exportScope, fqdn, hostsOverlap, MESH_GATEWAY, scopesOverlap, selectorText, stripNamespace } from './scope';
import { finding, groupBy, listWithVerb, type ResourceView } from './view';

/** Resources that claim the same thing: a gateway port and host, a mesh host, a service port's protocol. */
export function conflictFindings(view: ResourceView): Finding[] {
  return [...gatewayConflicts(view), ...meshHostConflicts(view), ...serviceEntryProtocolConflicts(view)];
}

/** Two Gateways on the same gateway pods (same selector) and port that accept the same host: which one wins is undefined. */
function gatewayConflicts(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  const local = view.localOf('Gateway');
  if (local.length === 0) return findings;
  // Most Gateways share a selector (istio: ingressgateway), so candidates are looked up by selector, port and host.
  const selectors = new Map(view.allOf('Gateway').map((gateway) => [gateway, selectorText(gateway.selector)]));
  const entries = view.allOf('Gateway').flatMap((gateway) => gateway.servers.flatMap((server) =>
    server.port === undefined ? [] : server.hosts.map((host) => ({ gateway, key: `${selectors.get(gateway)}~${server.port}`, host: stripNamespace(host.value) }))));
  const exact = groupBy(entries, (entry) => [`${entry.key}|${entry.host}`]);
  const wildcards = groupBy(entries.filter((entry) => entry.host.startsWith('*')), (entry) => [entry.key]);
  const byKey = groupBy(entries, (entry) => [entry.key]);
  for (const gateway of local) {
    const selector = selectors.get(gateway)!;
    for (const server of gateway.servers) {
      if (server.port === undefined) continue;
      const key = `${selector}~${server.port}`;
      for (const host of server.hosts) {
        const name = stripNamespace(host.value);
        const candidates = name.startsWith('*') ? byKey.get(key) ?? [] : [...(exact.get(`${key}|${name}`) ?? []), ...(wildcards.get(key) ?? [])];
        const overlapping = [...new Set(candidates.filter((entry) => hostsOverlap(entry.host, name)).map((entry) => entry.gateway))];
        const clashing = view.othersThan(gateway, overlapping);
        if (clashing.length === 0) continue;
        findings.push(finding(host.at, view.severityOfConflict(clashing[0], 'error'), 'istio-conflicting-gateways',
          `${listWithVerb(clashing.map(describe), 'also serves', 'also serve')} "${name}" on port ${server.port} of the same gateway pods (${selector || 'empty selector'}): ` +
          'the gateway pods cannot serve both, so Istio keeps one server for that host and port and traffic may not reach the routes you expect.'));
        break;
      }
    }
  }
  return findings;
}

function onMesh(service: VirtualServiceFact): boolean {
  return service.gateways.length === 0 || service.gateways.some((gateway) => gateway.value === MESH_GATEWAY);
}

/** Sidecars take one VirtualService per host; with two for the same host (visible in a common namespace), one is ignored. */
function meshHostConflicts(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  const local = view.localOf('VirtualService').filter(onMesh);
  if (local.length === 0) return findings;
  const byHost = groupBy(view.allOf('VirtualService').filter(onMesh), (service) => service.hosts.map((host) => fqdn(host.value, service.namespace)));
  for (const service of local) {
    const scope = exportScope(service.exportTo, service.namespace);
    for (const host of service.hosts) {
      const name = fqdn(host.value, service.namespace);
      const clashing = view.othersThan(service, byHost.get(name) ?? []).filter((other) => scopesOverlap(scope, exportScope(other.exportTo, other.namespace)));
      if (clashing.length === 0) continue;
      findings.push(finding(host.at, view.severityOfConflict(clashing[0], 'error'), 'istio-conflicting-mesh-hosts',
        `${listWithVerb(clashing.map(describe), 'also routes', 'also route')} ${name} for the mesh gateway (sidecars): only one VirtualService per host ` +
        'is used there, so the rules of the others are ignored. Merge them into one, or use delegate VirtualServices.'));
    }
  }
  return findings;
}

/** ServiceEntries that give the same host and port different protocols leave the listener's protocol undefined. */
function serviceEntryProtocolConflicts(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  const local = view.localOf('ServiceEntry');
  if (local.length === 0) return findings;
  const byHost = groupBy(view.allOf('ServiceEntry'), (entry) => entry.hosts);
  for (const entry of local) {
    const scope = exportScope(entry.exportTo, entry.namespace);
    const candidates = [...new Set(entry.hosts.flatMap((host) => byHost.get(host) ?? []))];
    const rivals = view.othersThan(entry, candidates).filter((other) => scopesOverlap(scope, exportScope(other.exportTo, other.namespace)));
    for (const port of entry.ports) {
      if (!port.protocol) continue;
      const clashing = rivals.filter((rival) => entry.hosts.some((host) => rival.hosts.includes(host)) && otherProtocol(rival, port.number, port.protocol!.value));
      if (clashing.length === 0) continue;
      const host = entry.hosts.find((h) => clashing[0].hosts.includes(h));
      findings.push(finding(port.protocol.at, view.severityOfConflict(clashing[0], 'warning'), 'istio-conflicting-serviceentry-protocol',
        `${listWithVerb(clashing.map(describe), 'declares', 'declare')} port ${port.number} of ${host} with protocol ${otherProtocol(clashing[0], port.number, port.protocol.value)}, ` +
        `this one with ${port.protocol.value}: the proxies pick one of them, so traffic on that port may be handled with the wrong protocol.`));
    }
  }
  return findings;
}

function otherProtocol(entry: ServiceEntryFact, port: number, protocol: string): string | undefined {
  return entry.ports.find((p) => p.number === port && p.protocol && p.protocol.value.toUpperCase() !== protocol.toUpperCase())?.protocol?.value;
}
