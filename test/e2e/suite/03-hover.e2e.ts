/// <reference types="mocha" />
// Hovers on Envoy fields come from the language server's knowledge of the Envoy API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, hoverAt, hoverText, lineOf, open, poll } from './helpers';

async function hoverOnKey(file: string, key: string): Promise<string> {
  const editor = await open(file);
  const line = lineOf(editor.document.getText(), `${key}:`);
  const column = editor.document.lineAt(line).text.indexOf(key) + 2;
  const position = new vscode.Position(line, column);
  let last = '';
  return poll(
    `a hover on "${key}" in ${file}`,
    async () => {
      last = hoverText(await hoverAt(editor.document.uri, position));
      return last ? last : undefined;
    },
    20_000,
    () => last || 'no hover',
  );
}

describe('hover', () => {
  afterEach(closeAllEditors);

  it('explains a cluster field of a bootstrap', async () => {
    const text = await hoverOnKey('bootstrap-good.yaml', 'connect_timeout');
    assert.match(text, /connect_timeout/, `hover does not name the field: ${text}`);
    assert.match(text, /duration/i, `hover does not give the field's type (a Duration): ${text}`);
  });

  it('explains a field inside typed_config', async () => {
    const text = await hoverOnKey('bootstrap-good.yaml', 'stat_prefix');
    assert.match(text, /stat_prefix/, `hover does not name the field: ${text}`);
    // Knowing the field at all means the @type inside typed_config was resolved to HttpConnectionManager.
    assert.match(text, /HttpConnectionManager|statistic/i, `hover does not explain stat_prefix: ${text}`);
  });
});
