/**
 * The Istio versions version-dependent rules know about. "latest" means the bundled Istio model's version; the
 * list stops where our knowledge of EnvoyFilter behaviour (envoyfilter/versionSupport.ts) stops being useful.
 */
export const LATEST_ISTIO_VERSION = '1.29';

export const KNOWN_ISTIO_VERSIONS = [
  '1.29', '1.28', '1.27', '1.26', '1.25', '1.24', '1.23', '1.22', '1.21', '1.20',
  '1.19', '1.18', '1.17', '1.16', '1.15', '1.14', '1.13', '1.12',
] as const;

export interface IstioTarget {
  /** major.minor */
  version: string;
  /** the user did not pin a version: rules describe the newest Istio we know and stay open to newer ones */
  latest: boolean;
}

/** "1.24.3", "1.24", "1.24-dev" or a bare "latest" → the version rules follow; anything unknown is "latest". */
export function resolveIstioTarget(setting: string | undefined): IstioTarget {
  const minor = setting ? minorVersionOf(setting) : undefined;
  if (minor && (KNOWN_ISTIO_VERSIONS as readonly string[]).includes(minor)) return { version: minor, latest: false };
  return { version: LATEST_ISTIO_VERSION, latest: true };
}

/** major.minor of a version string such as "1.24.3" or "1.24-alpha.1", or undefined. */
export function minorVersionOf(version: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return match ? `${Number(match[1])}.${Number(match[2])}` : undefined;
}

/** Negative, zero or positive as a is older than, the same as or newer than b (major.minor strings). */
export function compareIstioVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}
