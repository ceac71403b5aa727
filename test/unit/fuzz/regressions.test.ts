/**
 * Inputs the fuzzer (npm run fuzz) found breaking the server, minimised into test/fixtures/fuzz/. Each one must go
 * through everything the server runs on a document (validation, hover, definition, references, outline,
 * completion) at offsets spread over the text without throwing, and give bounded answers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/analyze';
import { completionsAt } from '../../../server/src/core/completion';
import { hoverAt } from '../../../server/src/core/hover';
import { definitionAt, referencesAt } from '../../../server/src/core/navigation/definition';
import { documentSymbols } from '../../../server/src/core/navigation/symbols';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { languageModels } from '../../../server/src/runtime/languageModels';
import { readFixture } from '../../helpers/fixtures';

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
});
