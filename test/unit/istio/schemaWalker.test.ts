import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocumentText } from '../../../server/src/core/document/parse';
import { IstioSchemaWalker, replacementFrom } from '../../../server/src/core/istio/schemaWalker';
import type { IstioModel, IstioSchemaNode } from '../../../server/src/core/model/types';
import type { Finding } from '../../../server/src/core/types';

const model: IstioModel = {
  format: 1,
  source: { package: 'test', packageVersion: '0.0.0', istioVersion: '1.0.0' },
  kinds: {},
  definitions: {
    Port: { type: 'object', properties: { number: { type: 'integer' }, name: { type: 'string' } }, required: ['number'], description: 'a port' },
  },
};

function walk(yaml: string, schema: IstioSchemaNode): Finding[] {
  const root = parseDocumentText(yaml, 'yaml').documents[0].root!;
  const findings: Finding[] = [];
  new IstioSchemaWalker(model, findings).value(root, schema, { offset: 0, length: 1 }, 'spec');
  return findings;
}

const intOrString: IstioSchemaNode = {
  type: 'object',
  properties: { target: { anyOf: [{ type: 'integer' }, { type: 'string' }] } },
};

test('int-or-string takes either and rejects the rest', () => {
  assert.deepEqual(walk('target: 8080\n', intOrString), []);
  assert.deepEqual(walk('target: http\n', intOrString), []);
  const [finding] = walk('target: [1]\n', intOrString);
  assert.equal(finding.code, 'istio-type-mismatch');
  assert.match(finding.message, /an integer or a string/);
});

test('$ref nodes resolve, and the referring node\'s deprecation wins', () => {
  const schema: IstioSchemaNode = { type: 'object', properties: { port: { $ref: '#/definitions/Port', deprecated: true, description: 'Deprecated: use `ports` instead.' } } };
  const findings = walk('port:\n  name: web\n', schema);
  assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['istio-deprecated-field', 'warning'], ['istio-missing-required-field', 'error']]);
  assert.match(findings[0].message, /use "ports" instead/);
});

test('free-form objects accept anything; null means unset', () => {
  const schema: IstioSchemaNode = { type: 'object', properties: { value: { type: 'object', preserveUnknownFields: true }, name: { type: 'string' } }, required: ['value'] };
  assert.deepEqual(walk('value:\n  anything: [1, 2]\nname: null\n', schema), []);
  assert.equal(walk('value: null\n', schema)[0].code, 'istio-missing-required-field');
});

test('replacementFrom reads the successor out of a description', () => {
  assert.equal(replacementFrom('Deprecated: use `warmup` instead.'), 'warmup');
  assert.equal(replacementFrom('Deprecated.'), undefined);
});
