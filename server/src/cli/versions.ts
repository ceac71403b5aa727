import { KNOWN_ISTIO_VERSIONS, minorVersionOf } from '../core/istio/versions';
import { defaultSettings, type AnalysisSettings } from '../core/settings';
import { defaultCacheDir, loadEnvoyApi } from '../runtime/envoyApiLoader';
import { useEnvoyApi } from '../runtime/models';
import type { CliStreams } from './run';

export const VERSION_FLAGS = { 'envoy-api': 'value', 'istio-version': 'value', 'cache-dir': 'value' } as const;

/**
 * Applies --envoy-api, --istio-version and --cache-dir: loads the named API (cached like the editor's) and returns
 * the settings to analyse with, or a usage problem. An unusable API folder falls back to the bundled API with a
 * warning on stderr, as the editor does.
 */
export function applyVersionFlags(flags: Record<string, string | true>, io: CliStreams): { settings: AnalysisSettings } | { usage: string } {
  const istio = flags['istio-version'];
  let istioVersion = defaultSettings.istioVersion;
  if (typeof istio === 'string') {
    const minor = minorVersionOf(istio);
    if (istio !== 'latest' && !(minor && (KNOWN_ISTIO_VERSIONS as readonly string[]).includes(minor))) {
      return { usage: `--istio-version must be latest or one of ${KNOWN_ISTIO_VERSIONS.join(', ')}, not "${istio}"` };
    }
    istioVersion = istio;
  }
  const apiPath = flags['envoy-api'];
  // Each run says which API it validates with; nothing carries over from an earlier run in the same process.
  useEnvoyApi(undefined);
  if (typeof apiPath === 'string') {
    const cacheDir = typeof flags['cache-dir'] === 'string' ? flags['cache-dir'] : process.env.ENVOY_LENS_CACHE_DIR || defaultCacheDir();
    const loaded = loadEnvoyApi(apiPath, cacheDir);
    if (loaded.ok) {
      useEnvoyApi({ index: loaded.index, docs: loaded.docs });
      io.stderr.write(`envoy-lens: Envoy API ${loaded.apiVersion} (${loaded.cacheHit ? 'cache hit' : 'built'} in ${loaded.ms} ms)\n`);
    } else {
      io.stderr.write(`envoy-lens: warning: using the bundled Envoy API instead: ${loaded.message}\n`);
    }
    for (const note of loaded.notes) io.stderr.write(`envoy-lens: ${note}\n`);
  }
  return { settings: { ...defaultSettings, istioVersion } };
}
