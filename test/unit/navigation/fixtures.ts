import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeText, type FileAnalysis } from '../../../server/src/core/analyze';

/** The hand-written fixtures of hover, navigation and completion tests (test/fixtures/navigation). */
export const fixturesDir = resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'navigation');

export function fixture(name: string): { text: string; uri: string; analysis: FileAnalysis } {
  const text = readFileSync(join(fixturesDir, name), 'utf8');
  return { text, uri: `file:///ws/${name}`, analysis: analyzeText({ text, fileName: name }) };
}

export function analyze(text: string, fileName = 'doc.yaml'): FileAnalysis {
  return analyzeText({ text, fileName });
}

/** The offset of the `occurrence`-th `needle` in `text`, plus `shift`. */
export function offsetOf(text: string, needle: string, shift = 1, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found`);
  }
  return at + shift;
}
