/// <reference types="mocha" />
// EnvoyFilters against a loaded config dump in the real editor: the warning and code lenses, and go to definition
// from a cluster name into the dump's read-only object view (the client's envoy-lens-object: content provider).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, describeDiagnostics, open, ourDiagnostics, poll, writeScratch } from './helpers';
import { lensApi, loadDumpCommand, type LensApi } from './lens';

// Compiled to out/test/e2e/suite, four levels below the repository root.
const sidecarDump = readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'dumps', 'istio-sidecar.json'), 'utf8');
const REVIEWS_V2 = 'outbound|9080|v2|reviews.default.svc.cluster.local';

const envoyFilter = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: e2e-dump-match
  namespace: default
spec:
  configPatches:
  - applyTo: FILTER_CHAIN
    match:
      context: SIDECAR_INBOUND
      listener:
        portNumber: 9080
    patch:
      operation: MERGE
      value: {name: patched}
  - applyTo: FILTER_CHAIN
    match:
      context: SIDECAR_INBOUND
      listener:
        portNumber: 8443
    patch:
      operation: MERGE
      value: {name: patched}
`;

const routes = `name: e2e-routes
virtual_hosts:
- name: reviews
  domains: ["*"]
  routes:
  - match: {prefix: /}
    route: {cluster: "${REVIEWS_V2}"}
`;

describe('EnvoyFilters against a loaded dump', () => {
  let api: LensApi;
  let dumpLabel: string;
  before(async () => {
    api = await lensApi();
    const dump = await loadDumpCommand(api, await writeScratch('ef-sidecar.json', sidecarDump));
    dumpLabel = dump.label;
  });
  afterEach(closeAllEditors);

  it('warns about a match that selects nothing and shows what each patch selects as code lenses', async () => {
    const editor = await open(await writeScratch('ef-match.yaml', envoyFilter));
    const uri = editor.document.uri;
    const warning = await poll(
      'envoyfilter-matches-nothing',
      () => ourDiagnostics(uri).find((d) => d.code === 'envoyfilter-matches-nothing' && d.message.includes(dumpLabel)),
      20_000,
      () => describeDiagnostics(ourDiagnostics(uri)),
    );
    assert.match(warning.message, /no inbound filter chain for port 8443 in this sidecar/);
    const titles = await poll('code lenses', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const found = (lenses ?? []).map((lens) => lens.command?.title ?? '').filter((title) => title.endsWith(dumpLabel));
      return found.length >= 2 ? found : undefined;
    });
    assert.ok(titles.includes(`applies to 1 filter chain of virtualInbound in ${dumpLabel}`), titles.join(' | '));
    assert.ok(titles.includes(`selects nothing in ${dumpLabel}`), titles.join(' | '));
  });

  it('go to definition opens the cluster of the loaded dump in a read-only view', async () => {
    const editor = await open(await writeScratch('ef-routes.yaml', routes));
    const position = editor.document.positionAt(routes.indexOf(REVIEWS_V2) + 3);
    const locations = await poll('a definition in the dump', async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, position);
      const inDump = (found ?? []).map((item) => ('targetUri' in item ? item.targetUri : item.uri)).filter((uri) => uri.scheme === 'envoy-lens-object');
      return inDump.length ? inDump : undefined;
    });
    const view = await vscode.workspace.openTextDocument(locations[0]);
    assert.match(view.getText(), new RegExp(`"name": "${REVIEWS_V2.replace(/[|.]/g, '\\$&')}"`));
    assert.ok(locations[0].path.endsWith('.json'), locations[0].toString());
  });
});
