/// <reference types="mocha" />
// A language server that dies is restarted by the client and picks up the open documents and the dumps loaded from
// files again. Runs last: earlier tests rely on the server's state staying put.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServerInfo } from '../../../server/src/protocol';
import { closeAllEditors, describeDiagnostics, lineOf, open, ourDiagnostics, poll, readText, writeScratch } from './helpers';
import { lensApi, loadDumpCommand, readLog, treeChildren } from './lens';

const BAD_LINE = '         port_value: 8080';
const DUMP_FILE = 'dumps/sidecar.json';

describe('recovery', () => {
  after(closeAllEditors);

  it('restarts a killed server; diagnostics come back for open and newly opened files', async function () {
    this.timeout(90_000);
    const api = await lensApi();
    // A document open across the crash, edited after it.
    const survivorUri = await writeScratch('survivor.yaml', await readText('bootstrap-good.yaml'));
    const survivor = await open(survivorUri);
    const before = await poll('the running server', () => api.serverInfo());
    const dump = await loadDumpCommand(api, DUMP_FILE);
    const labelsBefore = (await treeChildren(api)).map((item) => item.label).sort();
    assert.ok(labelsBefore.includes(dump.label));

    process.kill(before.pid, 'SIGKILL');
    const after = await poll(
      'a new server process',
      async () => {
        const info: ServerInfo | undefined = await api.serverInfo().catch(() => undefined);
        return info && info.pid !== before.pid ? info : undefined;
      },
      30_000,
    );
    assert.notEqual(after.pid, before.pid);
    assert.ok(after.envoyModel && !after.envoyModel.startsWith('not available'), `models after restart: ${after.envoyModel}`);

    const uri = await writeScratch('after-restart.yaml', await readText('bootstrap-bad.yaml'));
    await open(uri);
    await poll('diagnostics on a file opened after the restart', () => (ourDiagnostics(uri).length ? true : undefined), 20_000);

    const editor = await vscode.window.showTextDocument(survivor.document);
    const line = lineOf(editor.document.getText(), '          port_value: 8080');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(survivorUri, editor.document.lineAt(line).range, BAD_LINE);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await poll(
      'an error on the file that was open across the crash',
      () => ourDiagnostics(survivorUri).find((d) => d.range.start.line === line),
      20_000,
      () => describeDiagnostics(ourDiagnostics(survivorUri)),
    );

    // The dumps loaded from files are back in the tree, and the output channel says what happened.
    await poll('the dumps loaded from files, loaded again', async () => {
      const labels = (await treeChildren(api)).map((item) => item.label);
      return labels.includes(dump.label) ? labels : undefined;
    }, 20_000);
    await poll('the reload in the output channel', () => (readLog(api).includes(`Loaded ${DUMP_FILE} again after the restart`) ? true : undefined), 10_000);
    await vscode.commands.executeCommand('envoyLens.showServerOutput');
    await poll('the restart in the output channel', () => (/restarting it \(restart 1 of at most 4/.test(readLog(api)) ? true : undefined), 10_000, () =>
      readLog(api).split('\n').slice(-5).join(' | '),
    );
    await poll('the new server described in the output channel', () => (readLog(api).includes(`process ${after.pid}`) ? true : undefined), 10_000);
  });
});
