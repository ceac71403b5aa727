import type { Finding } from '../../types';
import type { WorkloadFact } from './facts';
import { selects, selectorText } from './scope';
import { finding, groupBy, type ResourceView } from './view';

/** Istio's root namespace: an EnvoyFilter there applies to workloads of every namespace. */
const ROOT_NAMESPACE = 'istio-system';

/** Labels Istio's gateway installs and Kubernetes Gateway API deployments carry. */
function isGatewayWorkload(workload: WorkloadFact): boolean {
  const istioLabel = workload.labels.istio ?? '';
  return (
    /gateway/.test(istioLabel) ||
    'gateway.networking.k8s.io/gateway-name' in workload.labels ||
    'gateway.istio.io/managed' in workload.labels ||
    /gateway/.test(workload.labels.app ?? '')
  );
}

/**
 * EnvoyFilter workload selectors against the workloads we can see (only where some are in view): a selector that
 * matches nothing patches nothing, and a GATEWAY patch whose selector picks no gateway never applies.
 */
export function envoyFilterSelectorFindings(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  const local = view.localOf('EnvoyFilter');
  if (local.length === 0) return findings;
  const workloads = view.allOf('Workload');
  const byNamespace = groupBy(workloads, (workload) => [workload.namespace]);
  for (const filter of local) {
    if (!filter.selector || !filter.selectorAt) continue;
    const inScope = filter.namespace === ROOT_NAMESPACE ? workloads : byNamespace.get(filter.namespace) ?? [];
    if (inScope.length === 0) continue;
    const where = filter.namespace === ROOT_NAMESPACE ? 'in any namespace' : `in namespace ${filter.namespace}`;
    const selected = inScope.filter((workload) => selects(filter.selector!, workload.labels));
    if (selected.length === 0) {
      findings.push(finding(filter.selectorAt, 'warning', 'envoyfilter-selects-nothing',
        `No workload ${where} ${view.where} has the labels ${selectorText(filter.selector)}, so this EnvoyFilter patches none of the ${inScope.length} seen; ` +
        'istiod says nothing about it. Check the labels, or ignore this if the workload is defined elsewhere.'));
    } else if (filter.gatewayContext && !selected.some(isGatewayWorkload)) {
      findings.push(finding(filter.selectorAt, 'warning', 'envoyfilter-gateway-context-no-gateway',
        `Its patches match context GATEWAY, but the ${selected.length} workload(s) these labels select ${view.where} are not gateways ` +
        `(${selected.slice(0, 3).map((w) => `${w.workloadKind} ${w.name}`).join(', ')}): on a sidecar those patches never apply.`));
    }
  }
  return findings;
}
