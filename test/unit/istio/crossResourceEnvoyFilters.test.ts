import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyze, readFixture } from '../../helpers/fixtures';

it('judges EnvoyFilter selectors against the workloads in view', () => {
  const { findings } = analyze(readFixture('istio', 'cross-resource', 'envoyfilter-selectors.yaml'));
  const selectorFindings = findings.filter((f) => f.code.startsWith('envoyfilter-selects') || f.code === 'envoyfilter-gateway-context-no-gateway');
  assert.deepEqual(
    selectorFindings.map((f) => [f.line, f.code, f.severity]),
    [
      [42, 'envoyfilter-selects-nothing', 'warning'],
      [70, 'envoyfilter-gateway-context-no-gateway', 'warning'],
    ],
  );
  assert.match(selectorFindings[0].message, /app=rating/);
  assert.match(selectorFindings[1].message, /Deployment ratings-v1/);
});
