import type { Finding } from '../../types';
import type { SidecarFact, WorkloadFact } from './facts';
import { describe, selects, selectorText } from './scope';
import { finding, groupBy, type ResourceView } from './view';

/**
 * Sidecar workload selectors against the workloads (Pods, Deployments…) we can see. Only namespaces where some
 * workload is in view are judged: elsewhere the workloads are simply not in these files.
 */
export function sidecarFindings(view: ResourceView): Finding[] {
  const findings: Finding[] = [];
  const local = view.localOf('Sidecar');
  if (local.length === 0) return findings;
  const workloads = groupBy(view.allOf('Workload'), (workload) => [workload.namespace]);
  for (const sidecar of local) {
    if (!sidecar.selector || !sidecar.selectorAt) continue;
    const inNamespace = workloads.get(sidecar.namespace) ?? [];
    if (inNamespace.length === 0) continue;
    const selected = inNamespace.filter((workload) => selects(sidecar.selector!, workload.labels));
    if (selected.length === 0) {
      findings.push(finding(sidecar.selectorAt, 'warning', 'istio-sidecar-selects-nothing',
        `No workload in namespace ${sidecar.namespace} ${view.where} has the labels ${selectorText(sidecar.selector)}, so this Sidecar applies to none ` +
        `of the ${inNamespace.length} seen there; check the labels, or ignore this if the workload is defined elsewhere.`));
      continue;
    }
    const conflict = firstConflict(sidecar, selected, view);
    if (conflict) {
      findings.push(finding(sidecar.selectorAt, view.severityOfConflict(conflict.rival, 'error'), 'istio-conflicting-sidecars',
        `${describe(conflict.rival)} also selects ${describe(conflict.workload)}: a workload takes only one Sidecar, and which one is undefined.`));
    }
  }
  return findings;
}

function firstConflict(sidecar: SidecarFact, selected: WorkloadFact[], view: ResourceView): { rival: SidecarFact; workload: WorkloadFact } | undefined {
  const rivals = view.othersThan(sidecar).filter((other) => other.selector && other.namespace === sidecar.namespace);
  if (rivals.length === 0) return undefined;
  for (const workload of selected) {
    const rival = rivals.find((other) => selects(other.selector!, workload.labels));
    if (rival) return { rival, workload };
  }
  return undefined;
}
