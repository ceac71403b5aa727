import type { Connection } from 'vscode-languageserver/node';
import { defaultSettings, type AnalysisSettings, type SeveritySetting } from '../core/settings';

const severityValues: SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Reads the `envoyLens` section the client sends, keeping defaults for anything missing or malformed. */
export function settingsFromClient(raw: unknown): AnalysisSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const validation = (section.validation ?? {}) as Record<string, unknown>;
  const files = (section.files ?? {}) as Record<string, unknown>;
  const severity = validation.unknownFieldSeverity;
  return {
    unknownFieldSeverity: severityValues.includes(severity as SeveritySetting)
      ? (severity as SeveritySetting)
      : defaultSettings.unknownFieldSeverity,
    forceInclude: Array.isArray(files.include) ? files.include.filter((g): g is string => typeof g === 'string') : [],
  };
}

export async function fetchSettings(connection: Connection): Promise<AnalysisSettings> {
  try {
    const [raw] = await connection.workspace.getConfiguration([{ section: 'envoyLens' }]);
    return settingsFromClient(raw);
  } catch {
    return defaultSettings;
  }
}
