/**
 * Inputs the fuzzer (npm run fuzz) found breaking the server, minimised into test/fixtures/fuzz/. Each one must go
 * through everything the server runs on a document (validation, hover, definition, references, outline,
 * completion) at offsets spread over the text without throwing, and give bounded answers.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/analyze';
import { completionsAt } from '../../../server/src/core/completion';
import { hoverAt } from '../../../server/src/core/hover';
import { definitionAt, referencesAt } from '../../../server/src/core/navigation/definition';
import { documentSymbols } from '../../../server/src/core/navigation/symbols';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { languageModels } from '../../../server/src/runtime/languageModels';
import { fixturePath, readFixture } from '../../helpers/fixtures';

interface Probed {
  findings: number;
  recognized: boolean;
  largestAnswer: number;
}

/** Runs the core the way the server does, at offsets spread over the text (and just past its end). */
function probeCore(text: string, fileName: string): Probed {
  const analysis = analyzeText({ text, fileName }, loadCheckers());
  const uri = `file:///${fileName}`;
  const step = Math.max(1, Math.floor(text.length / 200));
  let largestAnswer = documentSymbols(analysis, languageModels.envoy).length;
  for (let offset = 0; offset <= text.length + 1; offset += step) {
    const hover = hoverAt(analysis, offset, languageModels, { uri });
    const definitions = definitionAt({ analysis, uri, offset, index: languageModels.envoy });
    const references = referencesAt({ analysis, uri, offset, index: languageModels.envoy }, true);
    const completions = completionsAt({ analysis, text, offset, models: languageModels });
    largestAnswer = Math.max(largestAnswer, hover?.markdown.length ?? 0, definitions.length, references.length, completions?.items.length ?? 0);
  }
  return { findings: analysis.findings.length, recognized: analysis.recognized, largestAnswer };
}

describe('fuzz regressions', () => {
  it('an Any whose @type is google.protobuf.Any does not recurse forever', () => {
    const result = probeCore(readFixture('fuzz', 'any-typed-as-any.yaml'), 'any-typed-as-any.yaml');
    assert.equal(result.recognized, true);
    assert.ok(result.findings < 20, `findings: ${result.findings}`);
    assert.ok(result.largestAnswer < 100_000);
  });

  it('an alias inside the node its own anchor names does not make the tree a cycle', () => {
    const result = probeCore(readFixture('fuzz', 'self-alias.yaml'), 'self-alias.yaml');
    assert.equal(result.recognized, true);
    assert.ok(result.findings < 20, `findings: ${result.findings}`);
    assert.ok(result.largestAnswer < 100_000);
  });

  it('JSON nested 10,000 deep is refused with a finding instead of overflowing the parser', () => {
    const text = readFixture('fuzz', 'deep-json-arrays.json');
    const parsed = analyzeText({ text, fileName: 'deep-json-arrays.json' }, loadCheckers()).parsed;
    assert.deepEqual(parsed.problems.map((p) => p.code), ['json-too-deep']);
    assert.equal(parsed.documents[0].root, undefined);
    probeCore(text, 'deep-json-arrays.json');
  });

  it('JSON nested below the limit is still checked', () => {
    const depth = 900;
    const text = `{"static_resources":{"clusters":[{"name":"c","connect_timeout":"1s","metadata":{"filter_metadata":{"x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}}]}}`;
    const result = probeCore(text, 'deep.json');
    assert.equal(result.recognized, true);
    assert.equal(result.findings, 0);
  });

  it('a line holding only "!" does not hang the YAML parser', () => {
    // A hang cannot be interrupted in-process, so the parse first runs in a child that is killed after 20 s.
    const parseModule = join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'document', 'parse.js');
    const script = `const { parseDocumentText } = require(${JSON.stringify(parseModule)}); parseDocumentText(require("node:fs").readFileSync(${JSON.stringify(fixturePath('fuzz', 'bare-tag-line.yaml'))}, "utf8"), "yaml");`;
    const child = spawnSync(process.execPath, ['-e', script], { timeout: 20_000, encoding: 'utf8' });
    assert.equal(child.signal, null, 'the parse did not finish within 20 s');
    assert.equal(child.status, 0, child.stderr);
    const result = probeCore(readFixture('fuzz', 'bare-tag-line.yaml'), 'bare-tag-line.yaml');
    assert.ok(result.findings < 20, `findings: ${result.findings}`);
  });
});
