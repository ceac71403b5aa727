import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDumpTree, getDumpTreeChildren, loadConfigDump, objectJson, type ConfigDump, type DumpTreeNode } from '../../../server/src/core/dump';
import { explainListener, renderExplanationMarkdown } from '../../../server/src/core/explain';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../test/fixtures/dumps', name), 'utf8');

/** Key material planted in the fixtures; none of it may ever leave the core. */
const PLANTED = [
  'RkFLRS1QUklWQVRFLUtFWS1CWVRFUy1ET05PVExFQUs=',
  'GATEWAY-PRIVATE-KEY-DO-NOT-LEAK',
  'BOOTSTRAP-INLINE-PRIVATE-KEY-DO-NOT-LEAK',
  'U0VTU0lPTi1USUNLRVQtS0VZLURPLU5PVC1MRUFL',
];

function load(name: string): ConfigDump {
  const result = loadConfigDump(fixture(name), { fileName: name });
  if (!result.ok) assert.fail(result.error);
  return result.dump;
}

function wholeTree(dump: ConfigDump, nodes: DumpTreeNode[], out: DumpTreeNode[] = []): DumpTreeNode[] {
  for (const node of nodes) {
    out.push(node);
    const children = node.children === 'lazy' ? getDumpTreeChildren(dump, node.id) : node.children ?? [];
    wholeTree(dump, children, out);
  }
  return out;
}

function assertClean(text: string, where: string): void {
  for (const secret of PLANTED) assert.ok(!text.includes(secret), `${where} leaks ${secret}`);
}

for (const name of ['istio-sidecar.json', 'istio-gateway.json', 'bootstrap.yaml']) {
  test(`${name}: private keys appear in no tree node, object JSON or explanation`, () => {
    const fileText = fixture(name);
    assert.ok(PLANTED.some((secret) => fileText.includes(secret)), 'the fixture must contain a planted key');
    const dump = load(name);
    const nodes = wholeTree(dump, buildDumpTree(dump));
    assert.ok(nodes.length > 20);
    assertClean(JSON.stringify(nodes), 'tree');
    for (const node of nodes) if (node.target) assertClean(objectJson(dump, node.target) ?? '', `objectJson(${node.target.kind} ${node.target.name})`);
    for (const listener of dump.listeners) {
      assertClean(renderExplanationMarkdown(explainListener(dump, listener.name)), `explain ${listener.name}`);
      assertClean(objectJson(dump, { kind: 'listener', name: listener.name }) ?? '', `listener ${listener.name}`);
    }
    for (const secret of dump.secrets) assertClean(objectJson(dump, { kind: 'secret', name: secret.name }) ?? '', `secret ${secret.name}`);
    assertClean(objectJson(dump, { kind: 'bootstrap', name: 'bootstrap' }) ?? '', 'bootstrap');
    assertClean(JSON.stringify(dump), 'the model itself');
  });
}

test('an inline private key in a listener shows as redacted, the certificate path stays', () => {
  const dump = load('bootstrap.yaml');
  const text = objectJson(dump, { kind: 'listener', name: 'https_listener' }) ?? '';
  assert.match(text, /"private_key": \{\s*"inline_string": "\[redacted\]"/);
  assert.match(text, /"filename": "\/etc\/envoy\/certs\/www.crt"/);
});

test('secrets expose name and kinds only', () => {
  const dump = load('istio-sidecar.json');
  const parsed = JSON.parse(objectJson(dump, { kind: 'secret', name: 'default' }) ?? '{}');
  assert.deepEqual(Object.keys(parsed).sort(), ['kinds', 'last_updated', 'name', 'state', 'version_info']);
  assert.deepEqual(parsed.kinds, ['tls_certificate']);
});

test('non-secret inline strings (access log formats, Wasm code names) are kept', () => {
  const dump = load('istio-sidecar.json');
  assert.match(objectJson(dump, { kind: 'listener', name: '10.96.0.10_53' }) ?? '', /%START_TIME%/);
});
