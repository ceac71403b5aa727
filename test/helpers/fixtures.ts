import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, type FileAnalysis } from '../../server/src/core/analyze';
import { defaultSettings, type AnalysisSettings } from '../../server/src/core/settings';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { loadCheckers } from '../../server/src/runtime/checkers';

/** The repository root, from the compiled test location (out/test/…) or the sources. */
export const repoRoot = join(__dirname, '..', '..', '..');

export function fixturePath(...parts: string[]): string {
  return join(repoRoot, 'test', 'fixtures', ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

export interface LocatedFinding {
  line: number;
  code: string;
  severity: string;
  message: string;
}

/** Runs the full analysis the editor runs and reports findings with 1-based lines, as a person reads them. */
export function analyze(text: string, fileName = 'file.yaml', settings: Partial<AnalysisSettings> = {}): { analysis: FileAnalysis; findings: LocatedFinding[] } {
  const analysis = analyzeText({ text, fileName, settings: { ...defaultSettings, ...settings } }, loadCheckers());
  const lines = new LineIndex(text);
  return {
    analysis,
    findings: analysis.findings.map((f) => ({ line: lines.positionAt(f.offset).line + 1, code: f.code, severity: f.severity, message: f.message })),
  };
}
