/// <reference types="mocha" />
// The packaged extension as a user gets it: installed from the VSIX, activated by YAML, commands and view present.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, activated, closeAllEditors, open, poll } from './helpers';

const COMMANDS = [
  'envoyLens.explainListener',
  'envoyLens.loadConfigDump',
  'envoyLens.loadConfigDumpFromAdmin',
  'envoyLens.showServerOutput',
];

describe('extension', () => {
  after(closeAllEditors);

  it('is installed with its bundles and without development files', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assert.equal(extension.packageJSON.main, './dist/extension.js');
    for (const bundle of ['dist/extension.js', 'dist/server.js']) {
      assert.ok(existsSync(join(extension.extensionPath, bundle)), `${bundle} missing from ${extension.extensionPath}`);
    }
    // The VSIX should carry bundles, not the sources, tests or caches they were built from. The
    // test-electron runner loads the repository itself, so there the check does not apply.
    if (process.env.E2E_UNPACKAGED === '1') return;
    const leaked = ['.cache', 'node_modules', 'out', 'test', 'client', 'scripts'].filter((dir) =>
      existsSync(join(extension.extensionPath, dir)),
    );
    assert.deepEqual(leaked, [], `the packaged extension contains ${leaked.join(', ')}`);
  });

  it('activates when a YAML file is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // This file runs first, so with only onLanguage activation nothing has woken the extension yet.
    const events: string[] = extension.packageJSON.activationEvents ?? [];
    if (events.every((event) => event.startsWith('onLanguage:'))) {
      assert.equal(extension.isActive, false, 'the extension was active before any YAML or JSON file was opened');
    }
    const editor = await open('bootstrap-good.yaml');
    assert.equal(editor.document.languageId, 'yaml');
    await poll('the extension to activate', () => (extension.isActive ? true : undefined), 20_000);
  });

  it('registers its commands', async () => {
    await activated();
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = COMMANDS.filter((command) => !all.has(command));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });

  it('contributes the Envoy Config Dump view to the Explorer', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const views: Array<{ id: string; name: string }> = extension?.packageJSON.contributes?.views?.explorer ?? [];
    const view = views.find((v) => v.id === 'envoyLens.configDump');
    assert.ok(view, `no explorer view envoyLens.configDump in ${JSON.stringify(views)}`);
    assert.equal(view.name, 'Envoy Config Dump');
    await activated();
    // VS Code generates a focus command for every registered view; it fails if the view is unknown.
    await vscode.commands.executeCommand('envoyLens.configDump.focus');
  });

  it('shows the language server output without error', async () => {
    await activated();
    await vscode.commands.executeCommand('envoyLens.showServerOutput');
  });
});
