import type { Finding } from '../../types';
import { closestName } from '../../validate/suggest';
import type { DestinationRuleFact, GatewayFact, Located, VirtualServiceFact } from './facts';
import { describe, exportScope, fqdn, hostsOverlap, MESH_GATEWAY, resolveGatewayReference, serverHostFor, visibleIn } from './scope';
import { finding, groupBy, type ResourceView } from './view';

/**
 * References from VirtualServices to other resources: subsets of DestinationRules, Gateways, and the hosts those
 * Gateways serve. A reference is only judged when we can see what it points into (a DestinationRule for the host,
 * Gateways of the namespace): the rest of the mesh lives in the cluster, not in these files.
 */
export function referenceFindings(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  const services = view.localOf('VirtualService');
  if (services.length === 0) return findings;
  // Only a rule for exactly this host counts: a wildcard rule (a mesh-wide `*.local`) says nothing about the subsets
  // that the more specific rule Istio would pick defines.
  const rulesByHost = groupBy(view.allOf('DestinationRule'), (rule) => (rule.host ? [fqdn(rule.host, rule.namespace)] : []));
  const gatewaysByNamespace = groupBy(view.allOf('Gateway'), (gateway) => [gateway.namespace]);
  const context: Lookup = { view, rulesByHost, gatewaysByNamespace, findings };
  for (const service of services) {
    for (const reference of service.subsetRefs) checkSubset(service, reference.host, reference.subset, context);
    for (const gateway of service.gateways) {
      const target = checkGateway(service, gateway, context);
      if (target.length > 0) checkGatewayHosts(service, gateway, target, findings);
    }
    for (const gateway of service.matchGateways) checkGateway(service, gateway, context);
  }
  return findings;
}

interface Lookup {
  view: ResourceView;
  rulesByHost: Map<string, DestinationRuleFact[]>;
  gatewaysByNamespace: Map<string, GatewayFact[]>;
  findings: Finding[];
}

function checkSubset(service: VirtualServiceFact, host: string, subset: Located, { view, rulesByHost, findings }: Lookup): void {
  const wanted = fqdn(host, service.namespace);
  const rules = (rulesByHost.get(wanted) ?? []).filter((rule) => visibleIn(exportScope(rule.exportTo, rule.namespace), service.namespace));
  if (rules.length === 0 || rules.some((rule) => rule.subsets.some((defined) => defined.value === subset.value))) return;
  const defined = [...new Set(rules.flatMap((rule) => rule.subsets.map((s) => s.value)))];
  const suggestion = closestName(subset.value, defined);
  const definedText = defined.length ? `defines only ${defined.map((s) => `"${s}"`).join(', ')}` : 'defines no subsets';
  const ruleText = rules.length === 1 ? `its DestinationRule ${describe(rules[0])}` : `its DestinationRules (${rules.map(describe).join(', ')})`;
  findings.push(finding(subset.at, 'warning', 'istio-unknown-subset',
    `Subset "${subset.value}" is not defined for ${wanted}: ${ruleText} ${definedText}. ` +
    `Requests routed here fail with 503 (no cluster for the subset), unless a DestinationRule not ${view.where} defines it.`,
    suggestion ? { fixes: [{ title: `Change to "${suggestion}"`, edits: [{ ...subset.at, newText: suggestion }], preferred: true }] } : undefined));
}

function checkGateway(service: VirtualServiceFact, reference: Located, { view, gatewaysByNamespace, findings }: Lookup): GatewayFact[] {
  if (reference.value === MESH_GATEWAY) return [];
  const { namespace, name } = resolveGatewayReference(reference.value, service.namespace);
  const sameNamespace = gatewaysByNamespace.get(namespace) ?? [];
  const target = sameNamespace.filter((gateway) => gateway.name === name);
  if (target.length > 0 || sameNamespace.length === 0) return target;
  const names = [...new Set(sameNamespace.map((gateway) => gateway.name))];
  const suggestion = closestName(name, names);
  const replacement = suggestion && (reference.value.includes('/') ? `${namespace}/${suggestion}` : suggestion);
  findings.push(finding(reference.at, 'warning', 'istio-unknown-gateway',
    `No Gateway "${name}" in namespace ${namespace} ${view.where} (there: ${names.length > 5 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ')})${suggestion ? `; did you mean "${suggestion}"?` : '.'} ` +
    'This binding does nothing unless the Gateway is defined elsewhere (in the cluster, or a file we cannot see).',
    replacement && !reference.value.includes('.') ? { fixes: [{ title: `Change to "${replacement}"`, edits: [{ ...reference.at, newText: replacement }], preferred: true }] } : undefined));
  return [];
}

/** A VirtualService bound to a Gateway only takes effect for the hosts that Gateway's servers accept. */
function checkGatewayHosts(service: VirtualServiceFact, reference: Located, gateways: GatewayFact[], findings: Finding[]): void {
  if (service.hosts.length === 0) return;
  const serverHosts = gateways.flatMap((gateway) => gateway.servers.flatMap((server) => server.hosts.map((host) => ({ gateway, host: host.value }))));
  const served = serverHosts.map(({ gateway, host }) => serverHostFor(host, gateway.namespace, service.namespace)).filter((h): h is string => h !== undefined);
  if (service.hosts.some((host) => served.some((gatewayHost) => hostsOverlap(gatewayHost, host.value)))) return;
  const reserved = serverHosts.filter(({ gateway, host }) => serverHostFor(host, gateway.namespace, service.namespace) === undefined).map(({ host }) => host);
  const accepts = served.length ? `, which accepts ${served.join(', ')}` : `, which accepts no host from namespace ${service.namespace}`;
  findings.push(finding(reference.at, 'warning', 'istio-gateway-host-mismatch',
    `None of the hosts of this VirtualService (${service.hosts.map((h) => h.value).join(', ')}) is served by ${describe(gateways[0])}${accepts}` +
    `${reserved.length ? ` (${reserved.join(', ')} only for the namespace named before the slash)` : ''}; its routes are not applied at that gateway.`));
}
