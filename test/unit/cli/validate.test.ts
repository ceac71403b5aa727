import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliDiagnostic } from '../../../server/src/cli/run';
import { fixturePath } from '../../helpers/fixtures';
import { runCliCaptured } from '../../helpers/cli';

const cli = runCliCaptured;

describe('envoy-lens validate', () => {
  it('prints the findings as JSON with 1-based positions and exits 1 on errors', async () => {
    const file = fixturePath('envoy', 'mistakes.yaml');
    const { code, stdout } = await cli(['validate', '--format', 'json', file]);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as CliDiagnostic[];
    const typo = findings.find((f) => f.code === 'envoy-unknown-field');
    assert.deepEqual(
      typo && { file: typo.file, line: typo.line, column: typo.column, endLine: typo.endLine, endColumn: typo.endColumn, severity: typo.severity },
      { file, line: 31, column: 5, endLine: 31, endColumn: 19, severity: 'error' },
    );
    assert.ok(findings.every((f) => ['error', 'warning', 'information', 'hint'].includes(f.severity)));
  });

  it('exits 0 and prints a summary for a valid file', async () => {
    const { code, stdout } = await cli(['validate', fixturePath('envoy', 'front-proxy.yaml')]);
    assert.equal(code, 0);
    assert.match(stdout, /1 file\(s\): 0 error\(s\)/);
  });

  it('prints file:line:column lines in text mode', async () => {
    const { stdout } = await cli(['validate', fixturePath('envoy', 'mistakes.yaml')]);
    assert.match(stdout, /mistakes\.yaml:31:5: error \[envoy-unknown-field\] Unknown field "conect_timeout"/);
  });

  it('exits 2 with a clear message on usage and I/O errors', async () => {
    const missing = await cli(['validate', 'no/such/file.yaml']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read no\/such\/file\.yaml: ENOENT/);
    const badFormat = await cli(['validate', '--format', 'xml', 'x.yaml']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be text or json/);
    assert.equal((await cli(['frobnicate'])).code, 2);
    assert.equal((await cli(['validate'])).code, 2);
  });
});
