import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, positionOf, repoRoot } from './lspClient';

const path = join(repoRoot, 'test', 'fixtures', 'envoyfilter', 'deprecated-and-after-router.yaml');
const text = readFileSync(path, 'utf8');

let client: LspClient;
let capabilities: any;
let uri: string;
let diagnostics: any[];

before(async () => {
  client = new LspClient();
  capabilities = (await client.initialize()).capabilities;
  uri = client.open(path);
  diagnostics = (await client.waitForDiagnostics(uri)).diagnostics;
});

after(async () => {
  const code = await client.shutdown();
  assert.equal(code, 0, client.stderr);
});

function diagnostic(code: string): any {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  return found[0];
}

function applyEdits(source: string, edits: { range: any; newText: string }[]): string {
  const lines = source.split('\n');
  const offsetOf = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((sum, l) => sum + l.length + 1, 0) + p.character;
  const ordered = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let result = source;
  for (const edit of ordered) result = result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end));
  return result;
}

test('the server advertises quick fixes', () => {
  assert.deepEqual(capabilities.codeActionProvider?.codeActionKinds, ['quickfix']);
});

test('diagnostics: ADD after the router is an error, a deprecated match name a warning', () => {
  const afterRouter = diagnostic('envoyfilter-after-router');
  assert.equal(afterRouter.severity, 1);
  assert.deepEqual(afterRouter.range.start, positionOf(text, 'ADD'));
  const deprecated = diagnostic('envoyfilter-deprecated-filter-name');
  assert.equal(deprecated.severity, 2);
  assert.deepEqual(deprecated.range, { start: positionOf(text, 'envoy.cors'), end: positionOf(text, 'envoy.cors', 'envoy.cors'.length) });
  assert.equal(diagnostics.filter((d) => d.severity === 1).length, 1, JSON.stringify(diagnostics));
});

test('codeAction returns the canonical-name fix for the deprecated name', async () => {
  const target = diagnostic('envoyfilter-deprecated-filter-name');
  const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
  assert.equal(actions.length, 1);
  const [action] = actions;
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.title, 'Use envoy.filters.http.cors');
  assert.equal(action.isPreferred, true);
  assert.equal(action.diagnostics[0].code, 'envoyfilter-deprecated-filter-name');
  assert.deepEqual(action.edit.changes[uri], [{ range: target.range, newText: 'envoy.filters.http.cors' }]);
});

test('codeAction turns the ADD into INSERT_BEFORE the router', async () => {
  const target = diagnostic('envoyfilter-after-router');
  const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Insert before envoy.filters.http.router instead');
  const fixed = applyEdits(text, actions[0].edit.changes[uri]);
  assert.ok(fixed.includes(`            name: envoy.filters.network.http_connection_manager
            subFilter:
              name: envoy.filters.http.router
    patch:
      operation: INSERT_BEFORE
      value:
        name: envoy.filters.http.lua`), fixed);
});

test('no fixes are offered for a range without fixable diagnostics', async () => {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
  const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
  assert.deepEqual(actions, []);
});
