/// <reference types="mocha" />
// The config dump explorer and "Explain This Listener" in the real editor: the load command with a file, the tree
// the view shows, a failed load that must not disturb what is loaded, and explanation panels for three proxy kinds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplainResult } from '../../../server/src/protocol';
import { closeAllEditors, readText, writeScratch } from './helpers';
import { lensApi, listenerItems, loadDumpCommand, treeChildren, waitForPanelReady, walkTree, webviewTabs, type LensApi } from './lens';

async function explainInPanel(api: LensApi, file: string, listener: string): Promise<ExplainResult> {
  const dump = await loadDumpCommand(api, file);
  const item = (await listenerItems(api, dump)).find((candidate) => candidate.label === listener);
  assert.ok(item?.target, `${file} has no listener ${listener} in the tree`);
  const since = Date.now();
  // The same arguments the tree's inline "Explain" button passes.
  await vscode.commands.executeCommand('envoyLens.explainListener', { data: item });
  await waitForPanelReady(api, `Explain: ${listener}`, since);
  const tab = webviewTabs().find((candidate) => candidate.label === `Explain: ${listener}`);
  assert.match((tab?.input as vscode.TabInputWebview).viewType, /envoyLens\.explain$/);
  const result = await api.request<ExplainResult>('envoyLens/explain', { source: { dumpId: item.target.dumpId }, listener });
  assert.equal(result.ok, true, result.message);
  return result;
}

describe('config dumps', () => {
  let api: LensApi;
  before(async () => {
    api = await lensApi();
  });
  afterEach(closeAllEditors);

  it('"Load Config Dump" with a file fills the tree: listener → filter chain → HCM → route', async () => {
    const dump = await loadDumpCommand(api, 'dumps/sidecar.json');
    assert.match(dump.description ?? '', /Istio sidecar proxy · \d+ listeners/);
    const sections = (await treeChildren(api, dump.id)).map((item) => item.label);
    for (const section of ['Listeners', 'Route configs', 'Clusters']) assert.ok(sections.includes(section), `sections: ${sections.join(', ')}`);
    const listener = (await listenerItems(api, dump)).find((item) => item.label === '0.0.0.0_9080');
    assert.ok(listener, 'listener 0.0.0.0_9080 missing');
    const below = await walkTree(api, listener.id);
    const kinds = new Set(below.map((item) => item.kind));
    for (const kind of ['filterChain', 'networkFilter', 'httpFilter', 'routeConfig']) {
      assert.ok(kinds.has(kind), `no ${kind} under the listener: ${[...kinds].join(', ')}`);
    }
    assert.ok(below.some((item) => /http_connection_manager/.test(item.label)), 'no HTTP connection manager under the listener');
  });

  it('a dump that fails to load leaves the one already loaded in place', async () => {
    const good = await readText('dumps/gateway.json');
    const uri = await writeScratch('reloaded.json', good);
    const first = await loadDumpCommand(api, uri);
    const listenersBefore = (await listenerItems(api, first)).map((item) => item.label);
    assert.ok(listenersBefore.length > 0);
    // The same file, now cut off mid-way: loading it again must fail and keep the first version.
    await vscode.workspace.fs.writeFile(uri, Buffer.from(good.slice(0, Math.floor(good.length / 2)), 'utf8'));
    await vscode.commands.executeCommand('envoyLens.loadConfigDump', uri);
    const roots = await treeChildren(api);
    const still = roots.filter((item) => item.label === first.label);
    assert.equal(still.length, 1, `roots: ${roots.map((item) => item.label).join(', ')}`);
    assert.equal(still[0].id, first.id);
    assert.equal(still[0].description, first.description);
    assert.deepEqual((await listenerItems(api, still[0])).map((item) => item.label), listenersBefore);
  });

  it('explains a sidecar listener in a webview panel', async () => {
    const result = await explainInPanel(api, 'dumps/sidecar.json', '0.0.0.0_9080');
    assert.match(result.markdown ?? '', /Route configuration `9080`/);
  });

  it('explains a gateway listener in a webview panel', async () => {
    const result = await explainInPanel(api, 'dumps/gateway.json', '0.0.0.0_8443');
    assert.match(result.markdown ?? '', /kubernetes:\/\/bookinfo-credential/);
  });

  it('explains an ambient (HBONE) listener in a webview panel', async () => {
    const result = await explainInPanel(api, 'dumps/ambient.json', '0.0.0.0_443');
    assert.match(result.markdown ?? '', /HBONE/);
    assert.ok((result.path ?? []).length >= 3, `traffic path: ${JSON.stringify(result.path)}`);
  });
});
