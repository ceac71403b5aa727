import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, positionOf, repoRoot } from './lspClient';

const fixture = (...parts: string[]) => join(repoRoot, 'test', 'fixtures', ...parts);

describe('diagnostics over LSP from the bundled server', () => {
  let client: LspClient;
  let severity = 'warning';

  before(async () => {
    client = new LspClient();
    client.serverRequestHandlers.set('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => ({ validation: { unknownFieldSeverity: severity } })),
    );
    const result = await client.initialize();
    assert.equal(result.serverInfo.name, 'envoy-lens');
    assert.equal(result.capabilities.textDocumentSync, 2, 'incremental sync');
  });

  after(async () => {
    assert.equal(await client.shutdown(), 0, 'the server exits cleanly after shutdown/exit');
  });

  it('publishes each mistake of a bootstrap at its line, from envoy-lens', async () => {
    const path = fixture('envoy', 'mistakes.yaml');
    const waiting = client.waitForDiagnostics(new URL(`file://${path}`).href);
    client.open(path);
    const { diagnostics } = await waiting;
    const byLine = new Map(diagnostics.map((d: any) => [d.range.start.line + 1, d]));
    for (const [line, code] of [[13, 'envoy-invalid-enum'], [21, 'envoy-unknown-cluster'], [31, 'envoy-unknown-field'], [33, 'envoy-removed-field']] as const) {
      const diagnostic: any = byLine.get(line);
      assert.ok(diagnostic, `a diagnostic on line ${line}`);
      assert.equal(diagnostic.code, code);
      assert.equal(diagnostic.source, 'envoy-lens');
      assert.equal(diagnostic.severity, 1);
    }
    const typo: any = byLine.get(31);
    assert.deepEqual(typo.range, { start: { line: 30, character: 4 }, end: { line: 30, character: 18 } });
  });

  it('updates diagnostics as the document changes', async () => {
    const path = fixture('envoy', 'mistakes.yaml');
    const uri = new URL(`file://${path}`).href;
    const text = readFileSync(path, 'utf8');
    const start = positionOf(text, 'conect_timeout');
    const waiting = client.waitForNotification('textDocument/publishDiagnostics', (p: any) => p.uri === uri && p.version === 2);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start, end: { line: start.line, character: start.character + 'conect_timeout'.length } }, text: 'connect_timeout' }],
    });
    const { diagnostics } = await waiting;
    assert.ok(!diagnostics.some((d: any) => d.range.start.line === 30), 'the fixed typo is no longer reported');
    assert.ok(diagnostics.some((d: any) => d.code === 'envoy-removed-field'), 'other findings stay');
  });

  it('reports YAML syntax errors with their exact place', async () => {
    const path = fixture('envoy', 'broken-syntax.yaml');
    const text = 'static_resources:\n  clusters:\n  - name: web\n    connect_timeout: [1s\n';
    const waiting = client.waitForDiagnostics(new URL(`file://${path}`).href);
    client.open(path, text);
    const { diagnostics } = await waiting;
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.every((d: any) => d.code.startsWith('yaml-') || d.code.startsWith('envoy-')));
    assert.ok(diagnostics.some((d: any) => d.code.startsWith('yaml-') && d.range.start.line >= 3), 'the error is at or after the open bracket');
  });

  it('says nothing about an ordinary YAML file: no diagnostics, no hover', async () => {
    const path = fixture('plain', 'ci-workflow.yaml');
    const uri = new URL(`file://${path}`).href;
    const waiting = client.waitForDiagnostics(uri);
    client.open(path);
    assert.deepEqual((await waiting).diagnostics, []);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 5 } }).catch(() => null);
    assert.equal(hover, null);
  });

  it('tags a deprecated field so editors strike it through', async () => {
    const path = fixture('envoy', 'deprecated-field.yaml');
    const uri = new URL(`file://${path}`).href;
    const waiting = client.waitForDiagnostics(uri);
    client.open(path, 'name: c\nconnect_timeout: 1s\nmax_requests_per_connection: 100\n');
    const [diagnostic] = (await waiting).diagnostics;
    assert.equal(diagnostic.code, 'envoy-deprecated-field');
    assert.deepEqual(diagnostic.tags, [2]);
  });

  it('follows the unknown-field severity setting', async () => {
    const path = fixture('envoy', 'unknown-field.yaml');
    const uri = new URL(`file://${path}`).href;
    const text = 'name: c\nconnect_timeout: 1s\nbrand_new_option: true\n';
    const waiting = client.waitForDiagnostics(uri);
    client.open(path, text);
    assert.equal((await waiting).diagnostics[0].severity, 2, 'warning by default');
    severity = 'error';
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    const updated = await client.waitForNotification('textDocument/publishDiagnostics', (p: any) => p.uri === uri && p.diagnostics[0]?.severity === 1, 5000);
    assert.match(updated.diagnostics[0].message, /brand_new_option/);
  });
});
