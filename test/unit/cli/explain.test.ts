import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../../helpers/fixtures';
import { runCliCaptured } from '../../helpers/cli';

const cli = (...args: string[]) => runCliCaptured(args);

const dump = (name: string) => fixturePath('dumps', name);

test('explain without --listener lists name, address and summary, exit 0', async () => {
  const { code, stdout, stderr } = await cli('explain', dump('istio-sidecar.json'));
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^NAME\s+ADDRESS\s+SUMMARY$/m);
  assert.match(stdout, /^0\.0\.0\.0_9080\s+0\.0\.0\.0:9080\s+HTTP → RDS 9080; TCP → PassthroughCluster$/m);
  assert.match(stdout, /^virtualOutbound\s+0\.0\.0\.0:15001\s+.*Istio outbound capture listener/m);
  assert.match(stdout, /^0\.0\.0\.0_9090\s+.*\(warming\)$/m);
  assert.match(stdout, /7 listener\(s\)/);
});

test('explain a sidecar listener prints the Markdown', async () => {
  const { code, stdout } = await cli('explain', dump('istio-sidecar.json'), '--listener', '0.0.0.0_9080');
  assert.equal(code, 0);
  assert.match(stdout, /^# Explain listener `0\.0\.0\.0_9080`/);
  assert.match(stdout, /## Route configuration `9080`/);
  assert.match(stdout, /## Cluster `outbound\|9080\|v2\|reviews\.default\.svc\.cluster\.local`/);
});

test('explain a gateway listener (--listener=NAME form)', async () => {
  const { code, stdout } = await cli('explain', dump('istio-gateway.json'), '--listener=0.0.0.0_8443');
  assert.equal(code, 0);
  assert.match(stdout, /Proxy: Istio gateway \(router\)/);
  assert.match(stdout, /certificate from SDS kubernetes:\/\/bookinfo-credential/);
});

test('explain the ambient ingress listener shows the HBONE path', async () => {
  const { code, stdout } = await cli('explain', dump('ambient-ingress.json'), '--listener', '0.0.0.0_443');
  assert.equal(code, 0);
  assert.match(stdout, /\*\*Path:\*\* listener `0\.0\.0\.0_443` → routes `http\.443` → cluster `outbound\|8080\|\|ch-public\.channel\.svc\.cluster\.local` → internal listener `connect_originate` → cluster `connect_originate`/);
  assert.match(stdout, /HBONE: Istio mTLS \+ HTTP\/2 to the original destination on port 15008/);
});

test('explain a bootstrap and a bare resource list', async () => {
  const bootstrap = await cli('explain', dump('bootstrap.yaml'), '--listener', 'https_listener');
  assert.equal(bootstrap.code, 0);
  assert.match(bootstrap.stdout, /Listens on `0\.0\.0\.0:10443`/);
  const list = await cli('explain', dump('xds-resources.yaml'));
  assert.equal(list.code, 0);
  assert.match(list.stdout, /^first-listener\s+\[::\]:10080\s+TCP → tcp-blue, tcp-green$/m);
});

test('an unknown listener exits 1 with the nearest names', async () => {
  const { code, stdout, stderr } = await cli('explain', dump('istio-sidecar.json'), '--listener', '0.0.0.0_908');
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /no listener named "0\.0\.0\.0_908"/);
  assert.match(stderr, /Similar names: 0\.0\.0\.0_9080, 0\.0\.0\.0_9090/);
});

test('unreadable files and files that are not dumps exit 2 with the loader message', async () => {
  const missing = await cli('explain', dump('no-such-dump.json'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*no-such-dump\.json: no such file/);
  const truncated = await cli('explain', dump('truncated.json'), '--listener', 'x');
  assert.equal(truncated.code, 2);
  assert.match(truncated.stderr, /truncated\.json: truncated JSON at line 727 column 40: Unterminated string/);
  const dir = mkdtempSync(join(tmpdir(), 'envoy-lens-explain-'));
  try {
    const k8s = join(dir, 'deployment.yaml');
    writeFileSync(k8s, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    const notDump = await cli('explain', k8s);
    assert.equal(notDump.code, 2);
    assert.match(notDump.stderr, /not a config dump: this is a Kubernetes resource \(kind Deployment\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const usage = await cli('explain');
  assert.equal(usage.code, 2);
  const badFlag = await cli('explain', dump('istio-sidecar.json'), '--listner', 'x');
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /unknown option --listner/);
});

test('--proxy picks one proxy of a multi-proxy file; an unknown proxy exits 1 naming the others', async () => {
  const defaulted = await cli('explain', dump('egctl-two-proxies.json'));
  assert.equal(defaulted.code, 0);
  assert.match(defaulted.stderr, /holds 2 proxies \(default\/eg-a, team-b\/eg-b\); using "default\/eg-a"/);
  assert.match(defaulted.stdout, /^default\/eg-a\/http\s+0\.0\.0\.0:10080/m);
  const chosen = await cli('explain', dump('egctl-two-proxies.json'), '--proxy', 'default/eg-a', '--listener', 'default/eg-a/http');
  assert.equal(chosen.code, 0);
  assert.equal(chosen.stderr, '');
  assert.match(chosen.stdout, /# Explain listener `default\/eg-a\/http`/);
  const unknown = await cli('explain', dump('egctl-two-proxies.json'), '--proxy', 'nope');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no proxy named "nope"; the file holds "default\/eg-a", "team-b\/eg-b"/);
});
