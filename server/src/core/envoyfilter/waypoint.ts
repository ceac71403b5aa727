import { getProperty, type ObjectNode } from '../document/nodes';
import type { Finding } from '../types';
import { anchorOf, type ConfigPatch } from './patchModel';

/** Ambient caveats: waypoints take only targetRefs-based EnvoyFilters, and EnvoyFilter there is not a supported API. */
export function checkWaypointUse(spec: ObjectNode, patches: ConfigPatch[], findings: Finding[]): void {
  const waypointPatches = patches.filter((patch) => patch.context === 'WAYPOINT' || patch.waypoint);
  if (waypointPatches.length === 0) return;
  const first = waypointPatches[0];
  const where = first.contextNode ?? (first.matchProperty ? undefined : first.item);
  const anchor = where ? { offset: where.offset, length: where.length } : anchorOf(first.matchProperty!);
  const targetRefs = getProperty(spec, 'targetRefs');
  if (!targetRefs || targetRefs.value?.type === 'null') {
    findings.push({ ...anchor, severity: 'warning', code: 'envoyfilter-waypoint-selector',
      message: 'This EnvoyFilter selects workloads by labels (workloadSelector or namespace-wide), but waypoint proxies ignore selector-based EnvoyFilters; target the waypoint with spec.targetRefs' });
  }
  findings.push({ ...anchor, severity: 'information', code: 'envoyfilter-waypoint-unsupported',
    message: 'EnvoyFilter on waypoint proxies is not officially supported by Istio; the generated configuration may change between versions without notice' });
}
