import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliDiagnostic } from '../../../server/src/cli/run';
import { fixturePath } from '../../helpers/fixtures';
import { runCliCaptured } from '../../helpers/cli';

const cli = runCliCaptured;

describe('envoy-lens validate with several Istio files', () => {
  const rules = fixturePath('istio', 'workspace', 'destination-rules.yaml');
  const routes = fixturePath('istio', 'workspace', 'reviews-routes.yaml');

  it('checks the files as one set: a route in one file sees the DestinationRule of the other', async () => {
    const { code, stdout } = await cli(['validate', '--format', 'json', routes, rules]);
    assert.equal(code, 0, 'a warning does not fail the run');
    const findings = JSON.parse(stdout) as CliDiagnostic[];
    assert.deepEqual(
      findings.map((f) => ({ file: f.file, line: f.line, column: f.column, severity: f.severity, code: f.code })),
      [{ file: routes, line: 18, column: 17, severity: 'warning', code: 'istio-unknown-subset' }],
    );
    assert.match(findings[0].message, /DestinationRule bookinfo\/reviews \(in destination-rules\.yaml\) defines only "v1", "v2"/);
    assert.match(findings[0].message, /not in the files checked together/);
  });

  it('checks a file alone when it is named alone', async () => {
    const { code, stdout } = await cli(['validate', routes]);
    assert.equal(code, 0);
    assert.doesNotMatch(stdout, /istio-unknown-subset/);
    assert.match(stdout, /1 file\(s\): 0 error\(s\), 0 other finding\(s\)/);
  });
});
