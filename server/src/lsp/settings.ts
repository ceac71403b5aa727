import type { Connection } from 'vscode-languageserver/node';
import type { OverlapPreference } from '../core/istio/redHatOverlap';
import { defaultSettings, type AnalysisSettings, type SeveritySetting } from '../core/settings';

const severityValues: SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** What the server reads from the `envoyLens` section besides the analysis settings. */
export interface ServerSettings extends AnalysisSettings {
  /** a folder of Envoy .proto files or a descriptor set; '' for the bundled API */
  envoyApiPath: string;
  redHatOverlap: OverlapPreference;
}

export const defaultServerSettings: ServerSettings = { ...defaultSettings, envoyApiPath: '', redHatOverlap: 'preferEnvoyLens' };

/** Reads the `envoyLens` section the client sends, keeping defaults for anything missing or malformed. */
export function settingsFromClient(raw: unknown): ServerSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const validation = (section.validation ?? {}) as Record<string, unknown>;
  const files = (section.files ?? {}) as Record<string, unknown>;
  const redHat = (section.redHatYaml ?? {}) as Record<string, unknown>;
  const severity = validation.unknownFieldSeverity;
  return {
    unknownFieldSeverity: severityValues.includes(severity as SeveritySetting)
      ? (severity as SeveritySetting)
      : defaultSettings.unknownFieldSeverity,
    forceInclude: Array.isArray(files.include) ? files.include.filter((g): g is string => typeof g === 'string') : [],
    istioVersion: typeof section.istioVersion === 'string' && section.istioVersion ? section.istioVersion : defaultSettings.istioVersion,
    suppress: defaultSettings.suppress,
    envoyApiPath: typeof section.envoyApiPath === 'string' ? section.envoyApiPath.trim() : '',
    redHatOverlap: redHat.overlap === 'preferRedHat' ? 'preferRedHat' : 'preferEnvoyLens',
  };
}

export async function fetchSettings(connection: Connection): Promise<ServerSettings> {
  try {
    const [raw] = await connection.workspace.getConfiguration([{ section: 'envoyLens' }]);
    return settingsFromClient(raw);
  } catch {
    return defaultServerSettings;
  }
}
