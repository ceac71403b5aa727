import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, renderExplanationHtml } from '../../../client/src/explainHtml';
import { DumpStore } from '../../../server/src/lsp/dumpStore';
import { toExplainResult } from '../../../server/src/lsp/explainConvert';
import { explainListener } from '../../../server/src/core/explain';
import type { ExplainResult } from '../../../server/src/protocol';
import { readFixture } from '../../helpers/fixtures';
import { HOSTILE, injectionDumpJson } from '../../helpers/injectionDump';

const webview = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net' };

function explained(text: string, listener: string): ExplainResult {
  const store = new DumpStore();
  const loaded = store.add({ ok: true, text, label: 'dump.json', key: 'file:dump' });
  if (!loaded.ok) assert.fail(loaded.message);
  return toExplainResult(explainListener(store.resolve(loaded.dump.id)!, listener), 'dump.json');
}

function render(result: ExplainResult): string {
  return renderExplanationHtml(result, webview, 'https://example.invalid/explain.js', 'https://example.invalid/explain.css', 'TESTNONCE123');
}

test('hostile names from the config never reach the HTML unescaped', () => {
  const html = render(explained(injectionDumpJson(), HOSTILE.listener));
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(scripts, ['<script nonce="TESTNONCE123" src="https://example.invalid/explain.js">']);
  for (const name of Object.values(HOSTILE)) {
    assert.ok(!html.includes(name), `raw ${name} in the HTML`);
    assert.ok(html.includes(escapeHtml(name)), `escaped ${name} missing`);
  }
  assert.doesNotMatch(html, /<(img|svg)\b/i);
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    assert.doesNotMatch(tag.replace(/"[^"]*"/g, '""'), /\son[a-z]+=/i, `event handler in ${tag}`);
  }
  assert.match(html, /<a href="#" class="object-link" data-kind="cluster" data-name="&lt;\/code&gt;&lt;script&gt;steal\(\)&lt;\/script&gt;&#39;"/);
});

test('the CSP allows only our nonce-bearing script and stylesheet origin, never inline code', () => {
  const html = render(explained(readFixture('dumps', 'istio-sidecar.json'), '0.0.0.0_9080'));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-TESTNONCE123'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /style="/, 'no inline styles');
  const random = renderExplanationHtml({ ok: true, sections: [] }, webview, 's.js', 's.css');
  assert.match(random, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
});

test('the path diagram shows the hops as linked boxes in traffic order', () => {
  const html = render(explained(readFixture('dumps', 'ambient-ingress.json'), '0.0.0.0_443'));
  const path = /<nav class="path"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  const hops = [...path.matchAll(/<li class="hop">([\s\S]*?)<\/li>/g)].map((match) => match[1].replace(/<[^>]+>/g, ''));
  assert.deepEqual(hops, [
    'listener 0.0.0.0_443',
    'routes http.443',
    'cluster outbound|8080||ch-public.channel.svc.cluster.local',
    'internal listener connect_originate',
    'cluster connect_originate',
  ]);
  assert.equal((path.match(/class="arrow"/g) ?? []).length, 4);
  assert.match(path, /data-kind="routeConfig" data-name="http.443"/);
  assert.match(html, /HBONE/);
});

test('an error result shows the escaped message only', () => {
  const html = render({ ok: false, message: 'no listener named "<b>x</b>"' });
  assert.match(html, /<p class="error">no listener named &quot;&lt;b&gt;x&lt;\/b&gt;&quot;<\/p>/);
});
