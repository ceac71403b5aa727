import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminDumpUrl, fetchAdminDump, fetchDumpText, readDumpFile, type Cancellation } from '../../../server/src/lsp/dumpSources';
import { dumpCommandArgs, runDumpCommand, type SpawnFunction } from '../../../server/src/lsp/dumpCommand';
import type { DumpSource } from '../../../server/src/protocol';
import { fixturePath, readFixture } from '../../helpers/fixtures';

type CommandSource = Extract<DumpSource, { kind: 'command' }>;

const pod: CommandSource = { kind: 'command', tool: 'kubectl', program: 'kubectl', namespace: 'default', pod: 'productpage-v1-7d4b9c8f5-x2k9p' };

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function manualToken(): Cancellation & { cancel(): void } {
  const listeners: (() => void)[] = [];
  const token = {
    isCancellationRequested: false,
    onCancellationRequested(listener: () => void) {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
    cancel() {
      token.isCancellationRequested = true;
      for (const listener of [...listeners]) listener();
    },
  };
  return token;
}

test('admin: fetches the dump a local HTTP server serves, asking for /config_dump when given only the root', async () => {
  const body = readFixture('dumps', 'istio-sidecar.json');
  const requested: string[] = [];
  const server = createServer((request, response) => {
    requested.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  const host = await listen(server);
  try {
    const result = await fetchAdminDump(`http://${host}`, { trusted: false });
    assert.ok(result.ok, !result.ok ? result.message : '');
    assert.equal(result.text, body);
    assert.equal(result.label, `${host}/config_dump`);
    assert.deepEqual(requested, ['/config_dump?include_eds']);
  } finally {
    await close(server);
  }
});

test('admin: connection refused names the address and suggests a port-forward', async () => {
  const server = createServer();
  const host = await listen(server);
  await close(server);
  const result = await fetchAdminDump(`http://${host}/config_dump`, { trusted: true });
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.message : '', new RegExp(`^connection refused at ${host.replace('.', '\\.')} — is a port-forward running\\?`));
});

test('admin: a server that never answers times out with a clear message', async () => {
  const server = createServer(() => {
    // never responds
  });
  const host = await listen(server);
  try {
    const started = Date.now();
    const result = await fetchAdminDump(`http://${host}/config_dump`, { trusted: true, timeoutMs: 300 });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', new RegExp(`no complete answer from ${host.replace('.', '\\.')} within 0\\.3 s`));
    assert.ok(Date.now() - started < 5000);
  } finally {
    await close(server);
  }
});

test('admin: cancellation aborts the request', async () => {
  const server = createServer(() => {
    // never responds
  });
  const host = await listen(server);
  try {
    const token = manualToken();
    setTimeout(() => token.cancel(), 100);
    const result = await fetchAdminDump(`http://${host}/config_dump`, { trusted: true, token, timeoutMs: 10_000 });
    assert.deepEqual(result, { ok: false, message: 'cancelled' });
  } finally {
    await close(server);
  }
});

test('admin: HTTP errors carry the status; non-http URLs and oversize bodies are refused', async () => {
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/big')) {
      response.writeHead(200);
      response.end('x'.repeat(5000));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('invalid path. admin commands are:');
  });
  const host = await listen(server);
  try {
    const missing = await fetchAdminDump(`http://${host}/nope`, { trusted: true });
    assert.match(!missing.ok ? missing.message : '', /^HTTP 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/nope: invalid path/);
    const big = await fetchAdminDump(`http://${host}/big`, { trusted: true, maxBytes: 1000 });
    assert.match(!big.ok ? big.message : '', /larger than|limit is/);
  } finally {
    await close(server);
  }
  assert.equal(adminDumpUrl('file:///etc/passwd'), 'only http:// and https:// admin URLs are supported, not file:');
  assert.match(String(adminDumpUrl('not a url')), /is not a URL/);
});

test('file: read by the server; a missing file says so', async () => {
  const ok = await readDumpFile(fixturePath('dumps', 'istio-gateway.json'), 100 * 1024 * 1024);
  assert.ok(ok.ok);
  assert.equal(ok.label, 'istio-gateway.json');
  const missing = await fetchDumpText({ kind: 'file', path: fixturePath('dumps', 'no-such.json') }, { trusted: true });
  assert.match(!missing.ok ? missing.message : '', /cannot read .*no-such\.json: no such file/);
  const tooBig = await readDumpFile(fixturePath('dumps', 'istio-gateway.json'), 100);
  assert.match(!tooBig.ok ? tooBig.message : '', /the limit is/);
});

test('command: an untrusted workspace spawns nothing and says why', async () => {
  let spawned = 0;
  const spy = (() => {
    spawned++;
    throw new Error('must not spawn');
  }) as unknown as SpawnFunction;
  for (const tool of ['kubectl', 'istioctl'] as const) {
    const result = await runDumpCommand({ ...pod, tool }, { trusted: false, spawn: spy });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', new RegExp(`not running ${tool}: this workspace is not trusted`));
  }
  const viaDispatch = await fetchDumpText(pod, { trusted: false, spawn: spy });
  assert.equal(viaDispatch.ok, false);
  assert.equal(spawned, 0);
});

test('command: builds the arguments itself and refuses names that could be options', async () => {
  assert.deepEqual(dumpCommandArgs(pod), ['exec', pod.pod, '-n', 'default', '-c', 'istio-proxy', '--', 'pilot-agent', 'request', 'GET', 'config_dump?include_eds']);
  assert.deepEqual(dumpCommandArgs({ ...pod, tool: 'istioctl' }), ['proxy-config', 'all', pod.pod, '-n', 'default', '-o', 'json']);
  let spawned = 0;
  const spy = (() => {
    spawned++;
    throw new Error('must not spawn');
  }) as unknown as SpawnFunction;
  const bad = await runDumpCommand({ ...pod, pod: '--kubeconfig=/tmp/evil' }, { trusted: true, spawn: spy });
  assert.match(!bad.ok ? bad.message : '', /is not a valid pod name/);
  const badNs = await runDumpCommand({ ...pod, namespace: 'A B' }, { trusted: true, spawn: spy });
  assert.match(!badNs.ok ? badNs.message : '', /is not a valid namespace name/);
  assert.equal(spawned, 0);
});

/** Stands in for kubectl: runs Node with a script, recording what would have run. */
function fakeTool(script: string, calls: { program: string; args: string[]; shell: unknown }[]) {
  return (program: string, args: string[], options: SpawnOptions): ChildProcess => {
    calls.push({ program, args, shell: options.shell });
    return spawn(process.execPath, ['-e', script], options);
  };
}

test('command: in a trusted workspace runs the configured program and returns its output', async () => {
  const calls: { program: string; args: string[]; shell: unknown }[] = [];
  const script = `process.stdout.write(require('fs').readFileSync(${JSON.stringify(fixturePath('dumps', 'istio-sidecar.json'))}))`;
  const result = await runDumpCommand({ ...pod, program: '/opt/bin/kubectl' }, { trusted: true, spawn: fakeTool(script, calls) });
  assert.ok(result.ok, !result.ok ? result.message : '');
  assert.equal(result.text, readFixture('dumps', 'istio-sidecar.json'));
  assert.equal(result.label, `default/${pod.pod} (kubectl)`);
  assert.deepEqual(calls, [{ program: '/opt/bin/kubectl', args: dumpCommandArgs(pod), shell: false }]);
});

test('command: non-zero exit shows stderr; timeout, cancellation and output size stop the program', async () => {
  const failing = await runDumpCommand(pod, { trusted: true, spawn: fakeTool(`process.stderr.write('Error from server (NotFound): pods "x" not found'); process.exit(1)`, []) });
  assert.match(!failing.ok ? failing.message : '', /kubectl exited with code 1 for default\/productpage.*: Error from server \(NotFound\)/);
  const slow = await runDumpCommand(pod, { trusted: true, timeoutMs: 300, spawn: fakeTool('setTimeout(() => {}, 20000)', []) });
  assert.match(!slow.ok ? slow.message : '', /kubectl did not finish within 0\.3 s/);
  const token = manualToken();
  setTimeout(() => token.cancel(), 200);
  const cancelled = await runDumpCommand(pod, { trusted: true, token, spawn: fakeTool('setTimeout(() => {}, 20000)', []) });
  assert.deepEqual(cancelled, { ok: false, message: 'cancelled' });
  const huge = await runDumpCommand(pod, { trusted: true, maxBytes: 1024, spawn: fakeTool(`process.stdout.write('x'.repeat(100000)); setTimeout(() => {}, 20000)`, []) });
  assert.match(!huge.ok ? huge.message : '', /output of kubectl is larger than/);
});

test('command: a missing program points at the setting', async () => {
  const result = await runDumpCommand({ ...pod, program: '/nonexistent/bin/kubectl' }, { trusted: true });
  assert.match(!result.ok ? result.message : '', /\/nonexistent\/bin\/kubectl not found — install kubectl or set envoyLens\.kubectlPath/);
});
