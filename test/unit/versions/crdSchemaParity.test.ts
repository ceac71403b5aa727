import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyzeText } from '../../../server/src/core/analyze';
import { getProperty, type ValueNode } from '../../../server/src/core/document/nodes';
import { CRD_SCHEMA_CODES } from '../../../server/src/core/istio/redHatOverlap';
import { defaultSettings } from '../../../server/src/core/settings';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { repoRoot } from '../../helpers/fixtures';

/**
 * What Red Hat YAML reports for an Istio resource comes from the CRD's JSON schema. @kubernetes-models/istio ships
 * that schema compiled into validators; for each wrong document, every mistake the schema flags must be one we flag
 * too, with the code `preferRedHat` suppresses (so suppressing loses nothing the neighbour does not report).
 */
const KEYWORD_CODES: Record<string, string> = { type: 'istio-type-mismatch', enum: 'istio-invalid-enum', required: 'istio-missing-required-field' };

interface AjvError { instancePath: string; keyword: string; params: Record<string, unknown> }

async function crdValidator(group: string, version: string, kind: string): Promise<(doc: unknown) => AjvError[]> {
  const pascal = (text: string) => text.split(/[.-]/).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
  const file = join(repoRoot, 'node_modules', '@kubernetes-models', 'istio', '_schemas', `${pascal(group)}${pascal(version)}${kind}.js`);
  const { validate } = (await import(pathToFileURL(file).href)) as { validate: ((doc: unknown) => boolean) & { errors?: AjvError[] } };
  return (doc) => (validate(doc) ? [] : validate.errors ?? []);
}

/** The span of the value at a JSON pointer, from its property's key (where "required" findings sit) to its end. */
function spanAt(root: ValueNode, pointer: string): { start: number; end: number } {
  let node: ValueNode | undefined = root;
  let start = root.offset;
  for (const segment of pointer.split('/').slice(1)) {
    if (node?.type === 'array') {
      node = node.items[Number(segment)];
      start = node?.offset ?? start;
    } else {
      const property = getProperty(node, segment);
      node = property?.value;
      start = property?.keyOffset ?? start;
    }
  }
  assert.ok(node, `nothing at ${pointer}`);
  return { start, end: node.offset + node.length };
}

const cases: { name: string; text: string; unknownFields: string[] }[] = [
  {
    name: 'VirtualService with a string for a list, a number for a duration, a quoted port and no host',
    text: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: reviews
  http:
  - timeout: 5
    retries: {attempts: 3, perTryTimout: 2s}
    route:
    - destination:
        port: {number: "9080"}
`,
    unknownFields: ['perTryTimout'],
  },
  {
    name: 'DestinationRule with a wrong enum and a boolean for a string',
    text: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy:
    loadBalancer: {simple: ROUND_ROBBIN}
    tls: {mode: MUTUAL_TLS, sni: true}
  subsets:
  - labels: {version: v1}
`,
    unknownFields: [],
  },
  {
    name: 'EnvoyFilter with a wrong applyTo, a quoted port and a misspelt field',
    text: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: ef}
spec:
  workloadSelector: {labels: {app: web}, lables: {}}
  configPatches:
  - applyTo: HTTP_FILTERS
    match: {context: SIDECAR_INBOUND, listener: {portNumber: "8080"}}
    patch: {operation: ADD, value: {name: x}}
`,
    unknownFields: ['lables'],
  },
  {
    name: 'AuthorizationPolicy with a wrong action and a string for a list',
    text: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny}
spec:
  action: REJECT
  rules:
  - from:
    - source: {principals: "cluster.local/ns/default/sa/sleep"}
`,
    unknownFields: [],
  },
];

describe('Istio validation covers what the CRD schema flags', () => {
  const checkers = loadCheckers();
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const analysis = analyzeText({ text: testCase.text, fileName: 'r.yaml', settings: { ...defaultSettings, unknownFieldSeverity: 'error' } }, checkers);
      const root = analysis.documents[0].document.root!;
      const [group, version] = (getProperty(root, 'apiVersion')!.value as { value: string }).value.split('/');
      const kind = (getProperty(root, 'kind')!.value as { value: string }).value;
      const validate = await crdValidator(group, version, kind);
      const schemaErrors = validate(parse(testCase.text));
      assert.ok(schemaErrors.length >= 2, `the CRD schema finds the mistakes: ${JSON.stringify(schemaErrors)}`);
      for (const error of schemaErrors) {
        const code = KEYWORD_CODES[error.keyword];
        assert.ok(code, `a CRD keyword we have no code for: ${error.keyword} at ${error.instancePath}`);
        const { start, end } = spanAt(root, error.instancePath);
        const ours = analysis.findings.filter((f) => f.code === code && f.offset >= start && f.offset <= end);
        assert.ok(ours.length > 0, `the CRD flags ${error.keyword} at ${error.instancePath || '/'} (${JSON.stringify(error.params)}); we say: ${analysis.findings.map((f) => `${f.code}@${f.offset}`).join(', ')}`);
        assert.ok((CRD_SCHEMA_CODES as readonly string[]).includes(code));
      }
      // The compiled schema leaves unknown fields to the API server (structural schema, strict field validation).
      for (const field of testCase.unknownFields) {
        const offset = testCase.text.indexOf(field);
        assert.ok(analysis.findings.some((f) => f.code === 'istio-unknown-field' && f.offset === offset), `unknown field ${field}`);
      }
    });
  }
});
