import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/core/analyze';
import { WorkspaceIndex } from '../../../server/src/core/navigation/workspaceIndex';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { loadEnvoyIndex } from '../../../server/src/runtime/models';
import { readFixture } from '../../helpers/fixtures';
import { expectFinding, lineContaining } from '../envoyfilter/helpers';

const rulesUri = 'file:///repo/mesh/destination-rules.yaml';
const routesUri = 'file:///repo/mesh/reviews-routes.yaml';
const rules = readFixture('istio', 'workspace', 'destination-rules.yaml');
const routes = readFixture('istio', 'workspace', 'reviews-routes.yaml');

function newIndex(): { index: WorkspaceIndex; changes: () => number } {
  const index = new WorkspaceIndex(loadEnvoyIndex);
  let changes = 0;
  index.onRelatedChange = () => changes++;
  return { index, changes: () => changes };
}

test('the workspace index keeps the Istio resources of each file and hands out those of the others', () => {
  const { index } = newIndex();
  index.setText(rulesUri, rules);
  index.setText(routesUri, routes);
  const forRoutes = index.istioResources(routesUri);
  assert.deepEqual(forRoutes.map((fact) => `${fact.kind} ${fact.namespace}/${fact.name} ${fact.source}`), [`DestinationRule bookinfo/reviews ${rulesUri}`]);
  const findings = analyzeText({ text: routes, fileName: routesUri, related: { istio: forRoutes, origin: 'workspace' } }, loadCheckers()).findings;
  const missing = expectFinding(routes, findings, 'istio-unknown-subset', 'warning', lineContaining(routes, 'subset: v3'));
  assert.match(missing.message, /DestinationRule bookinfo\/reviews \(in destination-rules\.yaml\) defines only "v1", "v2"/);
  assert.equal(findings.filter((f) => f.code === 'istio-unknown-subset').length, 1, 'v1 is defined');
});

test('a change of Istio resources is announced once; moving text around or non-Istio files are not', () => {
  const { index, changes } = newIndex();
  index.setText(rulesUri, rules);
  assert.equal(changes(), 1);
  const generation = index.relatedGeneration;
  index.setText(rulesUri, `# a comment that shifts every offset\n${rules}`);
  assert.equal(changes(), 1, 'same resources, other positions');
  assert.equal(index.relatedGeneration, generation);
  index.setText(rulesUri, rules.replace('name: v2', 'name: v3'));
  assert.equal(changes(), 2);
  assert.ok(index.relatedGeneration > generation);
  index.setText('file:///repo/README.yaml', 'title: not configuration\n');
  assert.equal(changes(), 2);
  index.remove(rulesUri);
  assert.equal(changes(), 3);
  assert.deepEqual(index.istioResources(routesUri), []);
});
