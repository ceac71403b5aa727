import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../../server/src/core/analyze';
import { applyOffsetEdits } from '../../../server/src/core/envoyfilter/textEdits';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import type { Finding, Severity } from '../../../server/src/core/types';
import { loadCheckers } from '../../../server/src/runtime/checkers';

// Compiled to out/test/unit/envoyfilter, four levels below the repository root.
export const fixturesDir = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'envoyfilter');

export function fixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

export function analyze(text: string, fileName = 'resource.yaml'): Finding[] {
  return analyzeText({ text, fileName }, loadCheckers()).findings;
}

/** 1-based line of a finding, as editors and the CLI show it. */
export function lineOf(text: string, finding: Finding): number {
  return new LineIndex(text).positionAt(finding.offset).line + 1;
}

/** 1-based line of the nth (0-based) occurrence of a snippet: tests point at lines by their content. */
export function lineContaining(text: string, snippet: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(snippet, at + 1);
    assert.ok(at >= 0, `"${snippet}" occurs fewer than ${nth + 1} times`);
  }
  return new LineIndex(text).positionAt(at).line + 1;
}

/** The one finding with this code on this line, checked for its severity. */
export function expectFinding(text: string, findings: Finding[], code: string, severity: Severity, line: number): Finding {
  const matching = findings.filter((f) => f.code === code && lineOf(text, f) === line);
  const summary = findings.map((f) => `${lineOf(text, f)}:${f.code}`).join(', ');
  assert.equal(matching.length, 1, `expected one ${code} on line ${line}; found: ${summary}`);
  assert.equal(matching[0].severity, severity, matching[0].message);
  return matching[0];
}

export function expectNone(findings: Finding[], code: string): void {
  assert.deepEqual(findings.filter((f) => f.code === code).map((f) => f.message), []);
}

export function applyFix(text: string, finding: Finding, index = 0): string {
  const fix = finding.fixes?.[index];
  assert.ok(fix, `${finding.code} has no fix #${index}`);
  return applyOffsetEdits(text, fix.edits);
}
