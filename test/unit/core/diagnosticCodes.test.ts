import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { repoRoot } from '../../helpers/fixtures';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : entry.endsWith('.ts') ? [path] : [];
  });
}

it('documents every diagnostic code the core can report in docs/diagnostics.md', () => {
  const docs = readFileSync(join(repoRoot, 'docs', 'diagnostics.md'), 'utf8');
  const documented = new Set([...docs.matchAll(/^#{2,4} +`?([a-z0-9-]+)`?\s*$/gm)].map((m) => m[1]));
  const reported = new Set<string>();
  for (const file of sourceFiles(join(repoRoot, 'server', 'src', 'core'))) {
    const text = readFileSync(file, 'utf8');
    // Codes are the third argument of report()/push() or a `code:` property: a quoted prefix-name after a severity.
    for (const match of text.matchAll(/'(?:error|warning|information|hint)',\s*'((?:envoy|envoyfilter|istio)-[a-z0-9-]+)'/g)) reported.add(match[1]);
    for (const match of text.matchAll(/code: '((?:envoy|envoyfilter|istio)-[a-z0-9-]+)'/g)) reported.add(match[1]);
  }
  assert.ok(reported.size > 40, `found only ${reported.size} codes: the pattern no longer matches how codes are written`);
  const missing = [...reported].filter((code) => !documented.has(code)).sort();
  assert.deepEqual(missing, []);
});
