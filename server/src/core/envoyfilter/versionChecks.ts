import { getProperty, type ObjectNode } from '../document/nodes';
import type { IstioTarget } from '../istio/versions';
import type { Finding } from '../types';
import { anchorOf, type ConfigPatch } from './patchModel';
import { ENVOYFILTER_FEATURES, versionFinding } from './versionSupport';

/**
 * Parts of the EnvoyFilter API the bundled (newest) CRD has but a pinned older Istio lacks: its CRD rejects them, so
 * they are errors there. Operations are version-checked with the operation rules (operations.ts).
 */
export function checkIstioVersionFeatures(spec: ObjectNode, patches: ConfigPatch[], target: IstioTarget, findings: Finding[]): void {
  if (target.latest) return;
  const targetRefs = getProperty(spec, 'targetRefs');
  if (targetRefs && targetRefs.value?.type !== 'null') {
    const finding = versionFinding(ENVOYFILTER_FEATURES.targetRefs, target, 'the API server rejects it as an unknown field; select workloads with workloadSelector');
    if (finding) findings.push({ ...anchorOf(targetRefs), ...finding });
  }
  for (const patch of patches) {
    if (patch.applyTo === 'LISTENER_FILTER' && patch.applyToProperty?.value) {
      const finding = versionFinding(ENVOYFILTER_FEATURES.listenerFilter, target, 'the API server rejects the EnvoyFilter, since that CRD has no such applyTo');
      if (finding) findings.push({ offset: patch.applyToProperty.value.offset, length: patch.applyToProperty.value.length, ...finding });
    }
    if (patch.context === 'WAYPOINT' && patch.contextNode) {
      const finding = versionFinding(ENVOYFILTER_FEATURES.waypointContext, target, 'the API server rejects the EnvoyFilter, since that CRD has no such context');
      if (finding) findings.push({ offset: patch.contextNode.offset, length: patch.contextNode.length, ...finding });
    }
  }
}
