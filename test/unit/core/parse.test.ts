import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNodeAtOffset, getProperty, toPlain } from '../../../server/src/core/document/nodes';
import { parseDocumentText, detectFormat, MAX_SYNTAX_PROBLEMS } from '../../../server/src/core/document/parse';
import { MAX_ALIAS_EXPANSION } from '../../../server/src/core/document/parseYaml';

describe('YAML documents', () => {
  it('keeps exact offsets for keys and values', () => {
    const text = 'name: web\nconnect_timeout: 0.25s\n';
    const root = parseDocumentText(text, 'yaml').documents[0].root!;
    const timeout = getProperty(root, 'connect_timeout')!;
    assert.equal(text.slice(timeout.keyOffset, timeout.keyOffset + timeout.keyLength), 'connect_timeout');
    assert.equal(text.slice(timeout.value!.offset, timeout.value!.offset + timeout.value!.length), '0.25s');
  });

  it('splits multi-document files and places each document', () => {
    const text = 'a: 1\n---\nb: 2\n---\n';
    const file = parseDocumentText(text, 'yaml');
    assert.equal(file.documents.length, 3);
    assert.deepEqual(toPlain(file.documents[1].root), { b: 2 });
    assert.equal(file.documents[2].root, undefined);
  });

  it('reports a syntax error at the line where it is', () => {
    const text = 'static_resources:\n  clusters:\n  - name: a\n   bad: [1, 2\n';
    const file = parseDocumentText(text, 'yaml');
    assert.ok(file.problems.length > 0);
    assert.ok(file.problems.every((p) => p.severity === 'error' || p.severity === 'warning'));
    assert.ok(file.problems.some((p) => p.offset >= text.indexOf('bad') - 3));
  });

  it('keeps quoted numbers as strings and plain numbers as numbers', () => {
    const root = parseDocumentText('a: "80"\nb: 80\nc: 9223372036854775807\n', 'yaml').documents[0].root!;
    assert.equal(getProperty(root, 'a')!.value!.type, 'string');
    assert.equal(getProperty(root, 'b')!.value!.type, 'number');
    assert.equal((getProperty(root, 'c')!.value as { raw?: string }).raw, '9223372036854775807');
  });

  it('resolves aliases and merge keys without copying', () => {
    const text = 'base: &b\n  connect_timeout: 1s\n  type: STATIC\nx:\n  <<: *b\n  type: EDS\n';
    const root = parseDocumentText(text, 'yaml').documents[0].root!;
    assert.deepEqual(toPlain(getProperty(root, 'x')!.value), { type: 'EDS', connect_timeout: '1s' });
  });

  it('refuses an alias bomb quickly instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${new Array(10).fill(`*${previous}`).join(',')}]`);
    }
    const started = Date.now();
    const file = parseDocumentText(levels.join('\n'), 'yaml');
    assert.ok(Date.now() - started < 5000, 'parsing must not expand the aliases');
    assert.ok(file.problems.some((p) => p.code === 'yaml-alias-bomb'));
    assert.equal(file.documents[0].root, undefined);
    assert.ok(MAX_ALIAS_EXPANSION >= 100_000);
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const text = '\uFEFFname: web\r\ntype: STATIC\r\n';
    const root = parseDocumentText(text, 'yaml').documents[0].root!;
    assert.deepEqual(toPlain(root), { name: 'web', type: 'STATIC' });
  });
});

describe('JSON documents', () => {
  it('keeps offsets and reports errors with their place', () => {
    const text = '{"name": "web", "port": 80,}';
    const file = parseDocumentText(text, 'json');
    assert.equal(file.problems.length, 1);
    assert.equal(text[file.problems[0].offset], ',');
    assert.equal(file.problems[0].code, 'json-trailing-comma');
    const root = file.documents[0].root!;
    assert.deepEqual(toPlain(getProperty(root, 'port')!.value), 80);
  });

  it('detects the format from the language, the file name, then the content', () => {
    assert.equal(detectFormat('a: 1', { languageId: 'json' }), 'json');
    assert.equal(detectFormat('{}', { fileName: 'x.yaml' }), 'yaml');
    assert.equal(detectFormat('  {"a": 1}'), 'json');
    assert.equal(detectFormat('a: 1'), 'yaml');
  });
});

describe('finding the node at a position', () => {
  it('returns the path and whether the cursor is on a key', () => {
    const text = 'clusters:\n- name: web\n  type: STATIC\n';
    const root = parseDocumentText(text, 'yaml').documents[0].root;
    const onKey = findNodeAtOffset(root, text.indexOf('type') + 1)!;
    assert.deepEqual(onKey.path, ['clusters', 0, 'type']);
    assert.equal(onKey.onKey, true);
    const onValue = findNodeAtOffset(root, text.indexOf('STATIC') + 2)!;
    assert.equal(onValue.onKey, false);
    assert.equal(toPlain(onValue.node), 'STATIC');
  });
});

describe('the fast YAML path agrees with the thorough one', () => {
  const { readdirSync, readFileSync, statSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const { parseYamlFast } = require('../../../server/src/core/document/parseYamlFast') as typeof import('../../../server/src/core/document/parseYamlFast');
  const { parseYamlThoroughly } = require('../../../server/src/core/document/parseYaml') as typeof import('../../../server/src/core/document/parseYaml');
  const { fixturePath } = require('../../helpers/fixtures') as typeof import('../../helpers/fixtures');

  function yamlFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry) ? [path] : [];
    });
  }

  /** Values and key positions; scalar lengths may differ by the trailing newline of block scalars. */
  function shape(node: import('../../../server/src/core/document/nodes').ValueNode | undefined, out: string[] = []): string[] {
    if (!node) return out;
    if (node.type === 'object') {
      for (const p of node.properties) {
        out.push(`${p.key}@${p.keyOffset}+${p.keyLength}`);
        shape(p.value, out);
      }
    } else if (node.type === 'array') node.items.forEach((item) => shape(item, out));
    else out.push(`${node.type}@${node.offset}=${JSON.stringify(node.value)}${node.quoted ? "'" : ''}`);
    return out;
  }

  const tricky = [
    'a:\n  {}\nb: [x, y: 1]\n',
    'base: &b {connect_timeout: 1s, type: STATIC}\nx:\n  <<: *b\n  type: EDS\n',
    'k:\n---\n- a   # note: not a pair\n- "b"\n...\n',
    '? explicit\n: value\nflow: {a, b: 1}\nblock: |\n  line one\n  line two\n',
  ];

  for (const [label, text] of [...tricky.map((t, i) => [`tricky case ${i + 1}`, t]), ...yamlFiles(fixturePath()).filter((f) => !f.includes(`${join('fixtures', 'fuzz')}`)).map((f) => [f, readFileSync(f, 'utf8')])]) {
    it(`gives the same tree for ${label.replace(/^.*test\/fixtures\//, '')}`, () => {
      const fast = parseYamlFast(text);
      assert.ok(fast, 'the fast path should handle valid YAML');
      const thorough = parseYamlThoroughly(text);
      assert.deepEqual(fast.documents.map((d) => shape(d.root)), thorough.documents.map((d) => shape(d.root)));
    });
  }

  it('leaves broken YAML to the thorough parser, which reports every error', () => {
    const text = 'a: [1, 2\nb: "open\nc: {x\n';
    assert.equal(parseYamlFast(text), undefined);
    assert.ok(parseDocumentText(text, 'yaml').problems.length >= 1);
  });
});

describe('a file with thousands of syntax errors', () => {
  it('lists the first 100 in order, then says how many more there are, from where (fuzz seed 777, document 6087)', () => {
    // stray closing brackets: the parser reports every one of them
    const text = `static_resources:\n  clusters: ${'}'.repeat(500)}\n`;
    const { problems } = parseDocumentText(text, 'yaml');
    assert.equal(problems.length, MAX_SYNTAX_PROBLEMS + 1);
    const offsets = problems.map((problem) => problem.offset);
    assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
    const note = problems[MAX_SYNTAX_PROBLEMS];
    assert.equal(note.code, 'syntax-more-problems');
    assert.equal(note.severity, 'warning');
    assert.match(note.message, /^400 more syntax problems from here on are not listed/);
    assert.ok(note.offset > problems[MAX_SYNTAX_PROBLEMS - 1].offset);
  });

  it('a file with a few errors lists all of them', () => {
    const { problems } = parseDocumentText('{"a": [1, 2,, 3], "b": }', 'json');
    assert.ok(problems.length >= 2 && problems.length <= MAX_SYNTAX_PROBLEMS, JSON.stringify(problems));
    assert.ok(!problems.some((problem) => problem.code === 'syntax-more-problems'));
  });
});
