/// <reference types="mocha" />
// Diagnostics from the language server on real files, and silence on YAML that is not Envoy's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  describeDiagnostics,
  hoverAt,
  hoverText,
  lineOf,
  open,
  ourDiagnostics,
  poll,
  readText,
  sleep,
  workspaceFile,
  writeScratch,
} from './helpers';

// The misindented line in bootstrap-bad.yaml; bootstrap-good.yaml has it at the right column.
const BAD_LINE = '         port_value: 8080';
const GOOD_LINE = '          port_value: 8080';

/**
 * Opens a fresh copy of the bad bootstrap and waits for its error. The server handles documents in the
 * order they are opened, so once this copy has its diagnostics, every document opened before it has
 * been analysed too, and an empty list there means "nothing to report", not "not looked at yet".
 */
async function barrier(): Promise<void> {
  const uri = await writeScratch('barrier.yaml', await readText('bootstrap-bad.yaml'));
  await open(uri);
  await poll('diagnostics on the barrier document', () => (ourDiagnostics(uri).length ? true : undefined), 20_000);
  await sleep(500);
}

describe('diagnostics', () => {
  afterEach(closeAllEditors);

  it('reports the YAML mistake in bootstrap-bad.yaml on its line', async () => {
    const editor = await open('bootstrap-bad.yaml');
    const uri = editor.document.uri;
    const line = lineOf(editor.document.getText(), BAD_LINE);
    const found = await poll(
      `an envoy-lens diagnostic on line ${line + 1}`,
      () => ourDiagnostics(uri).find((d) => d.range.start.line === line),
      20_000,
      () => describeDiagnostics(vscode.languages.getDiagnostics(uri)),
    );
    assert.equal(found.severity, vscode.DiagnosticSeverity.Error, describeDiagnostics([found]));
    assert.ok(found.message.trim().length > 0, 'the diagnostic has an empty message');
    assert.ok(found.range.end.isAfterOrEqual(found.range.start));
  });

  it('clears the error once the line is fixed', async () => {
    const uri = await writeScratch('fixable.yaml', await readText('bootstrap-bad.yaml'));
    const editor = await open(uri);
    const line = lineOf(editor.document.getText(), BAD_LINE);
    await poll('the error before the fix', () => (ourDiagnostics(uri).some((d) => d.range.start.line === line) ? true : undefined), 20_000);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, editor.document.lineAt(line).range, GOOD_LINE);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
    await poll(
      'the error to go away after the fix',
      () => (ourDiagnostics(uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? undefined : true),
      15_000,
      () => describeDiagnostics(ourDiagnostics(uri)),
    );
    await editor.document.save();
  });

  it('has nothing to say about a valid Envoy bootstrap', async () => {
    const uri = workspaceFile('bootstrap-good.yaml');
    await open(uri);
    await barrier();
    assert.deepEqual(describeDiagnostics(ourDiagnostics(uri)), 'no diagnostics');
  });

  it('leaves a GitHub Actions workflow alone: no diagnostics, no hover', async () => {
    const editor = await open('ci-workflow.yaml');
    const uri = editor.document.uri;
    await barrier();
    assert.deepEqual(describeDiagnostics(vscode.languages.getDiagnostics(uri)), 'no diagnostics');
    const text = editor.document.getText();
    for (const key of ['runs-on', 'timeout-minutes', 'uses']) {
      const line = lineOf(text, `${key}:`);
      const position = new vscode.Position(line, editor.document.lineAt(line).text.indexOf(key) + 1);
      const hover = hoverText(await hoverAt(uri, position));
      assert.equal(hover, '', `unexpected hover on "${key}": ${hover}`);
    }
  });
  it('checks a file of more than 512 KiB in the analysis worker: its mistake is reported and its fields hovered', async function () {
    this.timeout(60_000);
    const clusters: string[] = [];
    for (let i = 0; i < 3000; i++) {
      clusters.push(`  - name: backend-${i}`, '    connect_timeout: 1s', '    type: STRICT_DNS', '    load_assignment:', `      cluster_name: backend-${i}`,
        `      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: backend-${i}.shop.internal, port_value: 8080 } } } }] }]`);
    }
    const text = ['static_resources:', '  clusters:', ...clusters, '  - name: last', '    conect_timeout: 1s', '    type: STATIC', ''].join('\n');
    assert.ok(text.length > 512 * 1024, `the file is ${text.length} characters`);
    const uri = await writeScratch('large-bootstrap.yaml', text);
    await open(uri);
    const typoLine = lineOf(text, '    conect_timeout');
    await poll('the typo reported by the worker', () => ourDiagnostics(uri).find((d) => d.range.start.line === typoLine), 45_000, () => describeDiagnostics(ourDiagnostics(uri)));
    const hovers = await poll('a hover from the worker', async () => {
      const found = await hoverAt(uri, new vscode.Position(lineOf(text, '    connect_timeout: 1s'), 6));
      return found.length ? found : undefined;
    }, 15_000);
    assert.match(hoverText(hovers), /connect_timeout/);
  });
});
