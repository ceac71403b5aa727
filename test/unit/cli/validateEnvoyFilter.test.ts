import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fixturesDir } from '../envoyfilter/helpers';
import { runCliCaptured } from '../../helpers/cli';

async function validateJson(file: string): Promise<{ code: number; diagnostics: any[] }> {
  const { code, stdout } = await runCliCaptured(['validate', '--format', 'json', file]);
  return { code, diagnostics: JSON.parse(stdout) };
}

test('envoy-lens validate reports the EnvoyFilter findings the editor shows, as JSON', async () => {
  const file = join(fixturesDir, 'deprecated-and-after-router.yaml');
  const { code, diagnostics } = await validateJson(file);
  assert.equal(code, 1, 'an error makes the exit code 1');
  const summary = diagnostics.map((d) => ({ line: d.line, column: d.column, severity: d.severity, code: d.code }));
  assert.deepEqual(summary, [
    { line: 20, column: 18, severity: 'error', code: 'envoyfilter-after-router' },
    { line: 35, column: 21, severity: 'warning', code: 'envoyfilter-deprecated-filter-name' },
  ]);
  assert.equal(diagnostics[0].file, file);
  assert.equal(diagnostics[1].endColumn, 31);
  assert.match(diagnostics[0].message, /router must be the last HTTP filter/);
});

test('a clean EnvoyFilter exits 0 with an empty list', async () => {
  const { code, diagnostics } = await validateJson(join(fixturesDir, 'clean.yaml'));
  assert.deepEqual(diagnostics, []);
  assert.equal(code, 0);
});

test('a legacy EnvoyFilter reports only its removed fields', async () => {
  const { code, diagnostics } = await validateJson(join(fixturesDir, 'legacy-fields.yaml'));
  assert.equal(code, 1);
  assert.deepEqual(diagnostics.map((d) => [d.line, d.code]), [
    [8, 'envoyfilter-removed-field'], [10, 'envoyfilter-removed-field'], [11, 'envoyfilter-removed-field'],
    [14, 'envoyfilter-removed-field'], [15, 'envoyfilter-removed-field'], [16, 'envoyfilter-removed-field'],
  ]);
});
