import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useWorkspaceServer, fileUri, repoRoot } from './lspClient';

const workspace = join(repoRoot, 'test', 'fixtures', 'istio', 'workspace');
const routesPath = join(workspace, 'reviews-routes.yaml');
const rulesPath = join(workspace, 'destination-rules.yaml');
const routes = readFileSync(routesPath, 'utf8');
const rules = readFileSync(rulesPath, 'utf8');
const routesUri = fileUri(routesPath);

const server = useWorkspaceServer(workspace);

const subsetFindings = (params: { diagnostics: any[] }) => params.diagnostics.filter((d) => d.code === 'istio-unknown-subset');
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

test('a subset defined in another workspace file is found; a missing one is reported once that file is indexed', async () => {
  const reported = server.client.waitForNotification<{ uri: string; diagnostics: any[] }>(
    'textDocument/publishDiagnostics', (params) => params.uri === routesUri && subsetFindings(params).length > 0);
  server.client.open(routesPath);
  const { diagnostics } = await reported;
  const findings = subsetFindings({ diagnostics });
  assert.equal(findings.length, 1, JSON.stringify(diagnostics));
  assert.equal(findings[0].severity, 2, 'a warning: another DestinationRule might define it');
  assert.equal(findings[0].range.start.line, lineOf(routes, 'subset: v3'));
  assert.match(findings[0].message, /Subset "v3" is not defined for reviews\.bookinfo\.svc\.cluster\.local: .*\(in destination-rules\.yaml\) defines only "v1", "v2"/);
  assert.ok(!diagnostics.some((d) => d.range.start.line === lineOf(routes, 'subset: v1')), 'v1 is defined in the other file');
});

test('editing the other file checks the open document again', async () => {
  const cleared = server.client.waitForNotification<{ uri: string; diagnostics: any[] }>(
    'textDocument/publishDiagnostics', (params) => params.uri === routesUri && subsetFindings(params).length === 0);
  const rulesUri = server.client.open(rulesPath);
  const withV3 = rules.replace('  - name: v2\n', '  - name: v3\n    labels:\n      version: v3\n  - name: v2\n');
  server.client.notify('textDocument/didChange', { textDocument: { uri: rulesUri, version: 2 }, contentChanges: [{ text: withV3 }] });
  const { diagnostics } = await cleared;
  assert.deepEqual(diagnostics.map((d) => d.code), []);
});

test('go to definition from a VirtualService subset lands on the DestinationRule subset in the other file; references go back', async () => {
  const rulesUri = fileUri(rulesPath);
  const subsetV1 = { line: lineOf(routes, 'subset: v1'), character: routes.split('\n')[lineOf(routes, 'subset: v1')].indexOf('v1') + 1 };
  const definitions = await server.client.request('textDocument/definition', { textDocument: { uri: routesUri }, position: subsetV1 });
  const nameLine = lineOf(rules, '- name: v1');
  assert.deepEqual(definitions.map((l: any) => [l.uri, l.range.start]), [[rulesUri, { line: nameLine, character: rules.split('\n')[nameLine].indexOf('v1') }]]);

  const onDefinition = { line: nameLine, character: rules.split('\n')[nameLine].indexOf('v1') };
  const references = await server.client.request('textDocument/references', { textDocument: { uri: rulesUri }, position: onDefinition, context: { includeDeclaration: false } });
  assert.deepEqual(references.map((l: any) => [l.uri, l.range.start.line]), [[routesUri, subsetV1.line]]);
});

test('workspace symbols list the Istio resources of the workspace, by namespace/name', async () => {
  const symbols: any[] = await server.client.request('workspace/symbol', { query: 'bookinfo/rev' });
  const described = symbols.map((symbol) => [symbol.name, symbol.containerName, symbol.location.uri]).sort();
  assert.deepEqual(described, [
    ['reviews', 'DestinationRule · bookinfo', fileUri(rulesPath)],
    ['reviews', 'VirtualService · bookinfo', routesUri],
  ]);
  const rule = symbols.find((symbol) => symbol.containerName.startsWith('DestinationRule'));
  assert.equal(rule.location.range.start.line, lineOf(rules, 'name: reviews'));
});
