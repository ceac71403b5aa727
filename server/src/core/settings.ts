import type { Severity } from './types';

export type SeveritySetting = Severity | 'off';

/** What a user can tune about the findings; the defaults are what a demanding user would want out of the box. */
export interface AnalysisSettings {
  /** Severity for a field the bundled Envoy API does not know (typos and removed fields are always errors). */
  unknownFieldSeverity: SeveritySetting;
  /** Glob patterns (matched against the path) of files to treat as Envoy/Istio even when not recognised. */
  forceInclude: string[];
  /** The Istio version version-dependent rules follow: "latest" (the bundled model's) or "major.minor". */
  istioVersion: string;
  /** Finding codes left to a neighbouring extension on the files its globs match (see istio/redHatOverlap.ts). */
  suppress: { codes: string[]; files: string[] };
}

export const defaultSettings: AnalysisSettings = {
  unknownFieldSeverity: 'warning',
  forceInclude: [],
  istioVersion: 'latest',
  suppress: { codes: [], files: [] },
};
