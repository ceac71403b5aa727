import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useWorkspaceServer, fileUri, positionOf, repoRoot } from './lspClient';

const workspace = join(repoRoot, 'test', 'fixtures', 'envoy', 'workspace');
const routesPath = join(workspace, 'shop-routes.yaml');
const clustersPath = join(workspace, 'shop-clusters.yaml');
const routes = readFileSync(routesPath, 'utf8');
const clusters = readFileSync(clustersPath, 'utf8');
const routesUri = fileUri(routesPath);

const server = useWorkspaceServer(workspace);

type Published = { uri: string; diagnostics: any[] };
const clusterFindings = (params: Published) => params.diagnostics.filter((d) => d.code === 'envoy-unknown-cluster');

test('a routes file is checked against the clusters another workspace file defines', async () => {
  const reported = server.client.waitForNotification<Published>(
    'textDocument/publishDiagnostics', (params) => params.uri === routesUri && clusterFindings(params).length > 0);
  server.client.open(routesPath);
  const { diagnostics } = await reported;
  const findings = clusterFindings({ uri: routesUri, diagnostics });
  assert.equal(findings.length, 1, JSON.stringify(diagnostics));
  assert.equal(findings[0].severity, 2, 'a warning: CDS may still bring it');
  assert.deepEqual(findings[0].range.start, positionOf(routes, 'payment }'));
  assert.match(findings[0].message, /^No cluster named "payment" in this file or the workspace \(did you mean "payments"\?\)/);
});

test('renaming a cluster in the other file checks the open routes file again', async () => {
  const cleared = server.client.waitForNotification<Published>(
    'textDocument/publishDiagnostics', (params) => params.uri === routesUri && clusterFindings(params).length === 0);
  const clustersUri = server.client.open(clustersPath);
  server.client.notify('textDocument/didChange', {
    textDocument: { uri: clustersUri, version: 2 },
    contentChanges: [{ text: clusters.replaceAll('payments', 'payment') }],
  });
  const { diagnostics } = await cleared;
  assert.deepEqual(diagnostics.map((d) => d.code), []);
});
