/**
 * Runs the validator over a corpus of configs written by others, each with an expected verdict in SOURCES.tsv
 * (columns: local_path … expected; the expected column's first word is the class). Prints, per class, how many
 * files met it, each miss on its own line, then "N passed, M failed".
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { loadCheckers } from '../../server/src/runtime/checkers';

interface Row {
  path: string;
  expected: string;
  expectedClass: string;
}

function readSources(dir: string): Row[] {
  const lines = readFileSync(join(dir, 'SOURCES.tsv'), 'utf8').split('\n').filter((l) => l.trim());
  const header = lines[0].split('\t');
  const pathColumn = header.indexOf('local_path');
  const expectedColumn = header.indexOf('expected');
  if (pathColumn < 0 || expectedColumn < 0) throw new Error('SOURCES.tsv needs the columns local_path and expected');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    const expected = cells[expectedColumn] ?? '';
    return { path: cells[pathColumn], expected, expectedClass: (expected.match(/^[a-z/]+/)?.[0] ?? '').replace(/:$/, '') };
  });
}

function main(): number {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run conformance -- DIR   (DIR holds SOURCES.tsv and the files it lists)');
    return 2;
  }
  const checkers = loadCheckers();
  const classes = new Map<string, { met: number; total: number }>();
  const misses: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const row of readSources(dir)) {
    if (row.expectedClass === 'n/a' || row.expectedClass === '') continue;
    const file = join(dir, row.path);
    let text: string;
    try {
      if (statSync(file).size > 64 * 1024 * 1024) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      misses.push(`${row.path}: cannot read`);
      failed++;
      continue;
    }
    const analysis = analyzeText({ text, fileName: file }, checkers);
    const lines = new LineIndex(text);
    const bySeverity = (severity: string) => analysis.findings.filter((f) => f.severity === severity);
    const errors = bySeverity('error');
    let met: boolean;
    let why = '';
    switch (row.expectedClass) {
      case 'valid':
        met = errors.length === 0;
        if (!met) {
          const first = errors[0];
          why = `${errors.length} error(s), first at line ${lines.positionAt(first.offset).line + 1}: [${first.code}] ${first.message}`;
        }
        break;
      case 'invalid':
        met = errors.length > 0;
        if (!met) why = analysis.recognized ? 'no error reported' : 'not recognised as Envoy or Istio';
        break;
      case 'warning':
        met = bySeverity('warning').length + errors.length > 0;
        if (!met) why = 'no warning reported';
        break;
      case 'info':
        met = analysis.findings.length > 0;
        if (!met) why = 'nothing reported';
        break;
      default:
        continue;
    }
    const entry = classes.get(row.expectedClass) ?? { met: 0, total: 0 };
    entry.total++;
    if (met) {
      entry.met++;
      passed++;
    } else {
      failed++;
      misses.push(`${row.expectedClass.padEnd(8)} ${row.path}: ${why}  (expected: ${row.expected.slice(0, 140)})`);
    }
    classes.set(row.expectedClass, entry);
  }
  console.log('class     met / total');
  for (const [name, entry] of classes) console.log(`${name.padEnd(9)} ${String(entry.met).padStart(3)} / ${entry.total}`);
  if (misses.length) {
    console.log('\nmisses:');
    for (const miss of misses) console.log(`  ${miss}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
