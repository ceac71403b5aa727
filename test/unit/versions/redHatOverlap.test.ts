import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readNeighbourFacts, trustedApiPath } from '../../../client/src/neighbourFacts';
import { analyzeText } from '../../../server/src/core/analyze';
import { CRD_SCHEMA_CODES, decideOverlap, kubernetesGlobsOf, type RedHatYamlFacts } from '../../../server/src/core/istio/redHatOverlap';
import { defaultSettings } from '../../../server/src/core/settings';
import { loadCheckers } from '../../../server/src/runtime/checkers';

const validating: RedHatYamlFacts = { active: true, validate: true, crdStoreEnabled: true, kubernetesGlobs: ['k8s/**/*.yaml'] };

describe('living beside Red Hat YAML', () => {
  it('suppresses nothing when Red Hat YAML does not validate Istio resources', () => {
    for (const facts of [undefined, { ...validating, active: false }, { ...validating, validate: false }, { ...validating, crdStoreEnabled: false }, { ...validating, kubernetesGlobs: [] }]) {
      const decision = decideOverlap(facts, 'preferRedHat');
      assert.equal(decision.theyValidateIstio, false);
      assert.deepEqual(decision.suppress.codes, []);
      assert.equal(decision.advice, undefined);
    }
  });

  it('preferEnvoyLens keeps every finding and says which of their settings to turn off', () => {
    const decision = decideOverlap(validating, 'preferEnvoyLens');
    assert.equal(decision.theyValidateIstio, true);
    assert.deepEqual(decision.suppress.codes, []);
    assert.match(decision.advice!, /"yaml\.kubernetesCRDStore\.enable": false/);
  });

  it('preferRedHat leaves type, enum, unknown-field and required-field findings to them, on their files only', () => {
    const decision = decideOverlap(validating, 'preferRedHat');
    assert.deepEqual(decision.suppress, { codes: [...CRD_SCHEMA_CODES], files: ['k8s/**/*.yaml'] });
    const text = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r}\nspec:\n  host: r\n  trafficPolicy: {loadBalancer: {simple: RANDOMLY}}\n  exportTo: ["."]\n  workloadSelector: {matchLabels: {app: r}}\n';
    const settings = { ...defaultSettings, suppress: decision.suppress };
    const codes = (fileName: string) => analyzeText({ text, fileName, settings }, loadCheckers()).findings.map((f) => f.code);
    assert.ok(codes('other/dr.yaml').includes('istio-invalid-enum'), 'files outside their globs keep our findings');
    assert.ok(!codes('/repo/k8s/base/dr.yaml').includes('istio-invalid-enum'));
  });

  it('finds the kubernetes entries of yaml.schemas, by keyword or by schema URL', () => {
    assert.deepEqual(kubernetesGlobsOf({ kubernetes: ['*.k8s.yaml', 'deploy/*.yaml'], 'https://json.schemastore.org/github-workflow.json': '.github/**' }), ['*.k8s.yaml', 'deploy/*.yaml']);
    assert.deepEqual(kubernetesGlobsOf({ 'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.34.1-standalone-strict/all.json': '*.yaml' }), ['*.yaml']);
    assert.deepEqual(kubernetesGlobsOf(undefined), []);
  });

  it('the client reads facts only: extension state and settings, with Red Hat defaults', () => {
    const settings: Record<string, unknown> = { 'yaml.schemas': { kubernetes: '*.yaml' } };
    const host = (extension?: { isActive: boolean }) => ({ extension: () => extension, setting: (section: string, key: string) => settings[`${section}.${key}`] });
    assert.deepEqual(readNeighbourFacts(host(undefined)), {});
    assert.deepEqual(readNeighbourFacts(host({ isActive: true })), { redHatYaml: { active: true, validate: true, crdStoreEnabled: true, kubernetesGlobs: ['*.yaml'] } });
    settings['yaml.kubernetesCRDStore.enable'] = false;
    assert.equal(readNeighbourFacts(host({ isActive: true })).redHatYaml?.crdStoreEnabled, false);
  });

  it('an untrusted workspace cannot choose the Envoy API folder', () => {
    const inspected = { globalValue: '/home/me/envoy-api', workspaceValue: '/tmp/evil', defaultValue: '' };
    assert.equal(trustedApiPath(false, inspected, '/tmp/evil'), '/home/me/envoy-api');
    assert.equal(trustedApiPath(true, inspected, '/tmp/evil'), '/tmp/evil');
    assert.equal(trustedApiPath(false, { workspaceValue: '/tmp/evil', defaultValue: '' }, '/tmp/evil'), '');
  });
});
