import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliDiagnostic } from '../../../server/src/cli/run';
import { fixturePath } from '../../helpers/fixtures';
import { runCliCaptured } from '../../helpers/cli';

const cli = runCliCaptured;

describe('envoy-lens validate with a routes file and a clusters file', () => {
  const routes = fixturePath('envoy', 'workspace', 'shop-routes.yaml');
  const clusters = fixturePath('envoy', 'workspace', 'shop-clusters.yaml');

  it('checks the routes against the clusters of the other file: only the missing one is reported', async () => {
    const { code, stdout } = await cli(['validate', '--format', 'json', routes, clusters]);
    assert.equal(code, 0, 'a warning does not fail the run');
    const findings = JSON.parse(stdout) as CliDiagnostic[];
    assert.deepEqual(
      findings.map((f) => ({ file: f.file, line: f.line, severity: f.severity, code: f.code })),
      [{ file: routes, line: 11, severity: 'warning', code: 'envoy-unknown-cluster' }],
    );
    assert.match(findings[0].message, /^No cluster named "payment" in this file or the files checked together \(did you mean "payments"\?\)/);
  });

  it('does not judge a file of routes alone when it is named alone', async () => {
    const { code, stdout } = await cli(['validate', routes]);
    assert.equal(code, 0);
    assert.doesNotMatch(stdout, /envoy-unknown-cluster/);
  });
});
