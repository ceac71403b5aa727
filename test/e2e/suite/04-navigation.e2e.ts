/// <reference types="mocha" />
// Navigation, outline, completion and a quick fix, through the same VS Code commands the editor uses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, describeDiagnostics, lineOf, open, ourDiagnostics, poll, readText, writeScratch } from './helpers';

function targetOf(location: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in location ? { uri: location.targetUri, range: location.targetSelectionRange ?? location.targetRange } : location;
}

/** Providers answer once the server has the document; until then VS Code returns an empty list. */
function nonEmpty<T>(what: string, probe: () => Thenable<T[] | undefined>): Promise<T[]> {
  return poll(what, async () => {
    const found = await probe();
    return found && found.length > 0 ? found : undefined;
  }, 20_000);
}

describe('navigation and editing', () => {
  afterEach(closeAllEditors);

  it('goes from a route\'s cluster: to the cluster definition', async () => {
    const editor = await open('bootstrap-good.yaml');
    const text = editor.document.getText();
    const routeLine = lineOf(text, 'cluster: backend');
    const position = new vscode.Position(routeLine, editor.document.lineAt(routeLine).text.indexOf('backend') + 2);
    const locations = await nonEmpty('a definition of cluster backend', () =>
      vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, position),
    );
    // bootstrap-bad.yaml defines a cluster "backend" too; the workspace-wide answer may list it as well.
    const targets = locations.map(targetOf);
    const local = targets.find((target) => target.uri.toString() === editor.document.uri.toString());
    const seen = targets.map((target) => `${target.uri.path.split('/').pop()}:${target.range.start.line + 1}`).join(', ');
    assert.ok(local, `no definition in the same file among ${seen}`);
    assert.equal(local.range.start.line, lineOf(text, '- name: backend'), `definitions: ${seen}`);
  });

  it('finds the route that references a cluster', async () => {
    const editor = await open('bootstrap-good.yaml');
    const text = editor.document.getText();
    const definitionLine = lineOf(text, '- name: backend');
    const position = new vscode.Position(definitionLine, editor.document.lineAt(definitionLine).text.indexOf('backend') + 2);
    const references = await nonEmpty('references to cluster backend', () =>
      vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, position),
    );
    const lines = references.filter((r) => r.uri.toString() === editor.document.uri.toString()).map((r) => r.range.start.line);
    assert.ok(lines.includes(lineOf(text, 'cluster: backend')), `references on lines ${lines.map((l) => l + 1).join(', ')}`);
  });

  it('outlines listeners and clusters', async () => {
    const editor = await open('bootstrap-good.yaml');
    const symbols = await nonEmpty('document symbols', () =>
      vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri),
    );
    const top = symbols.map((symbol) => symbol.name);
    assert.ok(top.includes('ingress_http'), `top-level symbols: ${top.join(', ')}`);
    assert.ok(top.includes('backend'), `top-level symbols: ${top.join(', ')}`);
    const listener = symbols.find((symbol) => symbol.name === 'ingress_http')!;
    assert.equal(listener.range.start.line, lineOf(editor.document.getText(), '- name: ingress_http'));
  });

  it('completes a Cluster field while its key is typed', async () => {
    const original = await readText('bootstrap-good.yaml');
    const text = original.replace('      lb_policy: ROUND_ROBIN\n', '      lb_policy: ROUND_ROBIN\n      circ\n');
    assert.notEqual(text, original, 'the fixture lost its lb_policy line');
    const uri = await writeScratch('completion.yaml', text);
    const editor = await open(uri);
    const line = lineOf(text, '      circ');
    const position = new vscode.Position(line, '      circ'.length);
    const labels = await poll('completion items', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
      const found = (list?.items ?? []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      return found.includes('circuit_breakers') ? found : undefined;
    }, 20_000);
    assert.ok(!labels.includes('lb_policy'), 'a field already present is offered again');
  });

  it('completes the Envoy fields of an EnvoyFilter patch value, by its applyTo', async () => {
    const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
    const text = [
      'apiVersion: networking.istio.io/v1alpha3',
      'kind: EnvoyFilter',
      'metadata: {name: ratings-outlier, namespace: bookinfo}',
      'spec:',
      '  workloadSelector: {labels: {app: ratings}}',
      '  configPatches:',
      '  - applyTo: CLUSTER',
      '    match: {context: SIDECAR_OUTBOUND}',
      '    patch:',
      '      operation: MERGE',
      '      value:',
      '        connect_timeout: 2s',
      '        outl',
      '',
    ].join('\n');
    const uri = await writeScratch('envoyfilter-completion.yaml', text);
    const editor = await open(uri);
    const position = new vscode.Position(lineOf(text, '        outl'), '        outl'.length);
    const items = await poll('completion items in the patch value', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
      const found = list?.items ?? [];
      return found.some((item) => labelOf(item) === 'outlier_detection') ? found : undefined;
    }, 20_000);
    const labels = items.map(labelOf);
    assert.ok(!labels.includes('connect_timeout'), 'a field already present is offered again');
    assert.ok(!labels.includes('outlierDetection'), 'the patch is snake_case; the EnvoyFilter around it does not decide');
    // VS Code takes snippets: choosing a message field opens its mapping on the next line.
    const outlier = items.find((item) => labelOf(item) === 'outlier_detection')!;
    assert.ok(outlier.insertText instanceof vscode.SnippetString, `insertText ${JSON.stringify(outlier.insertText)}`);
    assert.equal(outlier.insertText.value, 'outlier_detection:\n  $0');
  });

  it('applies the quick fix for a deprecated filter name in an EnvoyFilter', async () => {
    const uri = await writeScratch('envoyfilter.yaml', await readText('envoyfilter-deprecated.yaml'));
    const editor = await open(uri);
    const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
    const diagnostic = await poll(
      'the deprecated-name warning',
      () => ourDiagnostics(uri).find((d) => codeOf(d) === 'envoyfilter-deprecated-filter-name'),
      20_000,
      () => describeDiagnostics(ourDiagnostics(uri)),
    );
    assert.equal(editor.document.getText(diagnostic.range), 'envoy.cors');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const fix = (actions ?? []).find((action) => action.edit && action.kind?.value === vscode.CodeActionKind.QuickFix.value);
    assert.ok(fix?.edit, `no quick fix among ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix edit was not applied');
    const fixedLine = editor.document.lineAt(diagnostic.range.start.line).text;
    assert.equal(fixedLine.trim(), 'name: envoy.filters.http.cors');
    await poll('the warning to clear', () => (ourDiagnostics(uri).some((d) => codeOf(d) === 'envoyfilter-deprecated-filter-name') ? undefined : true), 15_000);
    await editor.document.save();
  });
});
