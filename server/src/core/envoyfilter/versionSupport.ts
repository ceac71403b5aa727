import { compareIstioVersions, type IstioTarget } from '../istio/versions';

/**
 * What we know about when EnvoyFilter features arrived, with the change that brought each. A feature is known to be
 * absent up to `absentThrough` and present from `presentFrom`; versions in between are ones whose release we could
 * not tie the change to, and the messages say so instead of guessing.
 */
export interface FeatureHistory {
  /** how a message names it */
  label: string;
  absentThrough?: string;
  presentFrom?: string;
  /** the change that added it */
  source: string;
}

export const ENVOYFILTER_FEATURES = {
  // REPLACE of a virtual host: istio/istio#36582 (merged December 2021), released in 1.13.
  virtualHostReplace: { label: 'REPLACE on VIRTUAL_HOST', absentThrough: '1.12', presentFrom: '1.13', source: 'istio/istio#36582' },
  // The LISTENER_FILTER applyTo: istio/api#2514, merged 2022-10-28, right at the 1.16 release.
  listenerFilter: { label: 'applyTo: LISTENER_FILTER', absentThrough: '1.15', presentFrom: '1.17', source: 'istio/api#2514' },
  // spec.targetRefs: istio/api#3160, merged 2024-04-12, right at the 1.22 release.
  targetRefs: { label: 'spec.targetRefs', absentThrough: '1.21', presentFrom: '1.23', source: 'istio/api#3160' },
  // The WAYPOINT context and waypoint match: istio/api#3577 (October 2025); in the 1.29 CRD, not in 1.27's
  // (istio/istio#55149 disabled EnvoyFilter on waypoints until such a context existed).
  waypointContext: { label: 'context: WAYPOINT', absentThrough: '1.27', presentFrom: '1.29', source: 'istio/api#3577' },
  // istio/api#3724 and istio/istio#60553 (June 2026): after the newest release we know, so never "present" here.
  mergeAndReplaceList: { label: 'MERGE_AND_REPLACE_LIST', absentThrough: '1.29', source: 'istio/api#3724' },
} satisfies Record<string, FeatureHistory>;

export type FeatureStatus = 'present' | 'absent' | 'unknown';

export function featureStatus(feature: FeatureHistory, version: string): FeatureStatus {
  if (feature.presentFrom && compareIstioVersions(version, feature.presentFrom) >= 0) return 'present';
  if (feature.absentThrough && compareIstioVersions(version, feature.absentThrough) <= 0) return 'absent';
  return 'unknown';
}

/**
 * The finding for a feature used with a pinned Istio version that lacks it (the API server or istiod rejects or
 * ignores it) or that we cannot place. Unpinned ("latest") use gets nothing here.
 */
export function versionFinding(
  feature: FeatureHistory,
  target: IstioTarget,
  consequence: string,
): { severity: 'error' | 'warning' | 'information'; code: string; message: string } | undefined {
  if (target.latest) return undefined;
  const status = featureStatus(feature, target.version);
  if (status === 'present') return undefined;
  if (status === 'absent') {
    return { severity: 'error', code: 'envoyfilter-not-in-istio-version',
      message: `${feature.label} is not in Istio ${target.version} (it came with ${feature.source}${feature.presentFrom ? ` in ${feature.presentFrom}` : ', after the newest Istio Envoy Lens knows'}); ${consequence}` };
  }
  return { severity: 'information', code: 'envoyfilter-istio-version-unknown',
    message: `Envoy Lens does not know whether Istio ${target.version} has ${feature.label}: it came with ${feature.source}, and we could not tie that change to a release between ${feature.absentThrough ?? '?'} and ${feature.presentFrom ?? 'the newest we know'}` };
}
