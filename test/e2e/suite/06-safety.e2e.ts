/// <reference types="mocha" />
// What a hostile or sensitive config dump must not do in the editor: run script in the explanation webview, or show
// key material anywhere a user (or a screen share) can see it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplainResult, TreeItemData } from '../../../server/src/protocol';
import { closeAllEditors, hoverAt, hoverText, open, poll, sleep, workspaceFile } from './helpers';
import { lensApi, listenerItems, loadDumpCommand, readLog, waitForPanelReady, walkTree, type LensApi } from './lens';

/** Set in every name of dumps/hostile.json: document.title and a postMessage to the extension, if any of it ran. */
const MARKER = 'ENVOY-LENS-INJECTION-MARKER';
/** Key material planted in dumps/secrets.json, and the base64 it is stored as where the field is bytes. */
const PLANTED = ['LISTENER-PRIVATE-KEY', 'CLUSTER-PRIVATE-KEY', 'SDS-PRIVATE-KEY', 'GENERIC-SECRET', 'SESSION-TICKET-KEY', 'KEY-PASSWORD'].map(
  (name) => `PLANTED-${name}`,
);
const FORBIDDEN = [...PLANTED, ...PLANTED.map((text) => Buffer.from(text).toString('base64').replace(/=+$/, ''))];

function leaks(where: string, text: string | undefined): string[] {
  return FORBIDDEN.filter((secret) => text?.includes(secret)).map((secret) => `${where} shows ${secret}`);
}

/**
 * The client traces only into a log channel whose level is Trace; the test hook below sets the level a user sets
 * with "Developer: Set Log Level…".
 */
async function setTrace(on: boolean): Promise<void> {
  await vscode.commands.executeCommand('_extensionTests.setLogLevel', on ? 'trace' : 'info');
  await vscode.workspace.getConfiguration('envoyLens').update('trace.server', on ? 'verbose' : 'off', vscode.ConfigurationTarget.Global);
}

describe('safety', () => {
  let api: LensApi;
  before(async () => {
    api = await lensApi();
  });
  afterEach(closeAllEditors);

  it('runs no script from config names in the explanation webview', async () => {
    const dump = await loadDumpCommand(api, 'dumps/hostile.json');
    const [listener] = await listenerItems(api, dump);
    assert.ok(listener?.target && listener.label.includes('<script>'), `listener item: ${JSON.stringify(listener)}`);
    const since = Date.now();
    await vscode.commands.executeCommand('envoyLens.explainListener', { data: listener });
    const title = `Explain: ${listener.label}`;
    // "ready" comes from our own script: the page rendered and scripts with the nonce ran, so an injected one had its chance.
    await waitForPanelReady(api, title, since);
    await sleep(1000);
    const fromPage = api.webviewMessages().filter((record) => record.at >= since);
    assert.deepEqual(
      fromPage.filter((record) => JSON.stringify(record.message).includes(MARKER)),
      [],
      'an injected script posted a message to the extension',
    );
    assert.deepEqual(fromPage.map((record) => (record.message as { command?: string }).command), ['ready']);
    // The names reach the page as text: the explanation has them verbatim.
    const result = await api.request<ExplainResult>('envoyLens/explain', { source: { dumpId: listener.target.dumpId }, listener: listener.target.name });
    assert.ok(result.markdown?.includes(listener.label), 'the explanation does not show the listener name as written');
  });

  it('shows no key material in the tree, object views, explanations, hovers or the output channel', async function () {
    this.timeout(90_000);
    const problems: string[] = [];
    await setTrace(true);
    try {
      const dump = await loadDumpCommand(api, 'dumps/secrets.json');
      const items: TreeItemData[] = [dump, ...(await walkTree(api, dump.id))];
      assert.ok(items.some((item) => item.kind === 'secret'), `no secret items in ${items.map((item) => item.label).join(', ')}`);
      for (const item of items) problems.push(...leaks(`tree item ${item.label}`, [item.label, item.description, item.tooltip].join('\n')));

      // Each object's read-only view, opened as the tree's click opens it.
      const targets = new Map(items.filter((item) => item.target && item.target.kind !== 'dump').map((item) => [`${item.target!.kind}/${item.target!.name}`, item]));
      assert.ok(targets.size >= 4, `objects to open: ${[...targets.keys()].join(', ')}`);
      for (const [key, item] of targets) {
        await vscode.commands.executeCommand('envoyLens.openDumpObject', { data: item });
        const document = await poll(`the object view of ${key}`, () => {
          const active = vscode.window.activeTextEditor?.document;
          const shown = active?.uri.scheme === 'envoy-lens-object' && new URLSearchParams(active.uri.query).get('name') === item.target!.name;
          return shown ? active : undefined;
        });
        assert.ok(document.getText().startsWith('{'), `${key}: ${document.getText().slice(0, 200)}`);
        problems.push(...leaks(`object view ${key}`, document.getText()));
      }

      const [listener] = await listenerItems(api, dump);
      const since = Date.now();
      await vscode.commands.executeCommand('envoyLens.explainListener', { data: listener });
      await waitForPanelReady(api, `Explain: ${listener.label}`, since);
      const explained = await api.request<ExplainResult>('envoyLens/explain', { source: { dumpId: dump.target!.dumpId }, listener: listener.label });
      assert.equal(explained.ok, true);
      assert.match(explained.markdown ?? '', /TLS/, 'the explanation does not mention TLS at all');
      problems.push(...leaks('the explanation', JSON.stringify(explained)));

      await vscode.commands.executeCommand('envoyLens.showServerOutput');
      // The trace is written as the messages pass; the objectJson answers are the last the test caused.
      const log = await poll('the traced objectJson answers in the output channel log', () => {
        const text = readLog(api);
        return /Received response 'envoyLens\/objectJson/.test(text) ? text : undefined;
      }, 15_000, () => `${readLog(api).length} characters in ${api.logUri.fsPath}`);
      problems.push(...leaks('the output channel', log));
    } finally {
      await setTrace(false);
    }

    // The dump as a file in the editor: hovers on every secret-bearing line (trace off: a verbose trace carries the
    // text of every opened document by design).
    const editor = await open(workspaceFile('dumps/secrets.json'));
    const lines = editor.document.getText().split('\n');
    let hovered = 0;
    for (let line = 0; line < lines.length; line++) {
      const at = lines[line].search(/"inline_(bytes|string)"/);
      if (at < 0) continue;
      for (const column of [at + 3, lines[line].indexOf(':', at) + 4]) {
        const text = hoverText(await hoverAt(editor.document.uri, new vscode.Position(line, column)));
        if (text) hovered += 1;
        problems.push(...leaks(`the hover at line ${line + 1}`, text));
      }
    }
    assert.ok(hovered > 0, 'no hover anywhere on the secret-bearing lines: the check proved nothing');
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri).map((d) => d.message).join('\n');
    problems.push(...leaks('a diagnostic', diagnostics));
    assert.deepEqual(problems, []);
  });

  it('tells the server the workspace trust VS Code reports', async () => {
    // This runner starts code-server with workspace trust disabled (always trusted) and the API cannot revoke
    // trust, so the refusal in an untrusted workspace is covered by the protocol tests; here the hand-over is.
    const info = await poll('server info', () => api.serverInfo());
    assert.equal(info.trusted, vscode.workspace.isTrusted);
  });
});
