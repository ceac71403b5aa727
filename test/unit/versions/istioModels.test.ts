import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/analyze';
import { chooseIstioModel, type IstioModelEntry } from '../../../server/src/core/istio/modelChoice';
import type { IstioModel } from '../../../server/src/core/model/types';
import { defaultSettings, type SeveritySetting } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/types';
import type { CliDiagnostic } from '../../../server/src/cli/run';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { ISTIO_MODEL_FILES, loadIstioModelFor } from '../../../server/src/runtime/models';
import { fixturePath, readFixture } from '../../helpers/fixtures';
import { runCliCaptured } from '../../helpers/cli';

const ADDED = 'istio-added-after-known-version';
const newerFields = readFixture('istio', 'versions', 'newer-fields.yaml');

function analyze(text: string, istioVersion: string, unknownFieldSeverity: SeveritySetting = defaultSettings.unknownFieldSeverity): Finding[] {
  return analyzeText({ text, fileName: 'resource.yaml', settings: { ...defaultSettings, istioVersion, unknownFieldSeverity } }, loadCheckers()).findings;
}

function keyOf(text: string, finding: Finding): string {
  return text.slice(finding.offset, finding.offset + finding.length);
}

function stubModel(istioVersion: string): IstioModel {
  return { format: 1, source: { package: 'stub', packageVersion: '0', istioVersion }, kinds: {}, definitions: {} } as IstioModel;
}

describe('choosing the Istio model for a version', () => {
  const loaded: string[] = [];
  const entries: IstioModelEntry[] = ['1.29', '1.18'].map((version) => ({
    version,
    load: () => {
      loaded.push(version);
      return stubModel(`${version}.0`);
    },
  }));
  const pick = (setting: string) => {
    loaded.length = 0;
    const choice = chooseIstioModel(setting, entries);
    return { model: choice.model.source.istioVersion, target: choice.target, older: choice.olderModel?.source.istioVersion, before: choice.beforeOldestModel, loaded: [...loaded] };
  };

  it('follows the rule: newest, exact, between, older than all', () => {
    assert.deepEqual(pick('latest'), { model: '1.29.0', target: undefined, older: undefined, before: undefined, loaded: ['1.29'] });
    assert.deepEqual(pick('1.30'), { model: '1.29.0', target: '1.30', older: undefined, before: undefined, loaded: ['1.29'] });
    assert.deepEqual(pick('1.18.3'), { model: '1.18.0', target: '1.18', older: undefined, before: undefined, loaded: ['1.18'] });
    assert.deepEqual(pick('1.22'), { model: '1.29.0', target: '1.22', older: '1.18.0', before: undefined, loaded: ['1.29', '1.18'] });
    assert.deepEqual(pick('1.12'), { model: '1.18.0', target: '1.12', older: undefined, before: true, loaded: ['1.18'] });
  });

  it('the bundled model files are the versions the runtime says they are', () => {
    for (const { version } of ISTIO_MODEL_FILES) {
      assert.equal(loadIstioModelFor(version).model.source.istioVersion.split('.').slice(0, 2).join('.'), version);
    }
  });
});

describe('Istio resources follow the Istio version', () => {
  it('latest (and a pinned 1.29) accept fields added after 1.18', () => {
    assert.deepEqual(analyze(newerFields, 'latest').map((f) => f.message), []);
    assert.deepEqual(analyze(newerFields, '1.29').map((f) => f.message), []);
  });

  it('1.18 reports them as unknown fields of the 1.18 API, with the unknown-field severity', () => {
    for (const severity of ['warning', 'error'] as const) {
      const findings = analyze(newerFields, '1.18', severity);
      assert.deepEqual(findings.map((f) => [f.code, f.severity, keyOf(newerFields, f)]), [
        ['istio-unknown-field', severity, 'retryBudget'],
        ['istio-unknown-field', severity, 'backoff'],
      ]);
      for (const finding of findings) {
        assert.match(finding.message, /not in the Istio 1\.18\.0 API\. The API server rejects unknown fields \(strict field validation\)\.$/);
      }
    }
    assert.deepEqual(analyze(newerFields, '1.18', 'off'), []);
  });

  it('1.22 is checked against 1.29 and notes, as information, each field 1.18 lacks', () => {
    const findings = analyze(newerFields, '1.22');
    assert.deepEqual(findings.map((f) => [f.code, f.severity, keyOf(newerFields, f)]), [
      [ADDED, 'information', 'retryBudget'],
      [ADDED, 'information', 'backoff'],
    ]);
    assert.equal(findings[0].message, 'spec.trafficPolicy.retryBudget was added after Istio 1.18; whether Istio 1.22 has it is not known here');
    assert.equal(findings[1].message, 'spec.http[0].retries.backoff was added after Istio 1.18; whether Istio 1.22 has it is not known here');
  });

  it('1.22 notes an apiVersion 1.18 lacks, and still compares fields with another version of the kind', () => {
    const text = newerFields.replace('networking.istio.io/v1beta1', 'networking.istio.io/v1');
    const findings = analyze(text, '1.22');
    assert.deepEqual(findings.map((f) => [f.code, keyOf(text, f)]), [
      [ADDED, 'networking.istio.io/v1'],
      [ADDED, 'retryBudget'],
      [ADDED, 'backoff'],
    ]);
    assert.match(findings[0].message, /^networking\.istio\.io\/v1 DestinationRule was added after Istio 1\.18; whether Istio 1\.22/);
    // Under 1.18 itself the apiVersion does not exist, which is an error.
    assert.ok(analyze(text, '1.18').some((f) => f.code === 'istio-unknown-version' && f.severity === 'error'));
  });

  it('a typo is an error under every version', () => {
    const text = newerFields.replace('attempts: 3', 'atempts: 3');
    for (const version of ['1.18', '1.22', 'latest']) {
      const typo = analyze(text, version).find((f) => keyOf(text, f) === 'atempts');
      assert.equal(typo?.severity, 'error', version);
      assert.match(typo!.message, /did you mean "attempts"/);
    }
  });

  it('versions older than 1.18 use the 1.18 API and say it is the oldest known', () => {
    const findings = analyze(newerFields, '1.16');
    assert.deepEqual(findings.map((f) => keyOf(newerFields, f)), ['retryBudget', 'backoff']);
    assert.match(findings[0].message, /not in the Istio 1\.18\.0 API \(Istio 1\.16 is older than any API known here, so fields are checked against Istio 1\.18's API, the oldest known\)/);
  });
});

describe('envoy-lens validate --istio-version', () => {
  const cli = runCliCaptured;

  it('validates Istio resources against the 1.18 API', async () => {
    const file = fixturePath('istio', 'versions', 'newer-fields.yaml');
    const old = await cli(['validate', '--format', 'json', '--istio-version', '1.18', file]);
    const findings = JSON.parse(old.stdout) as CliDiagnostic[];
    assert.deepEqual(findings.map((f) => [f.code, f.line, f.severity]), [
      ['istio-unknown-field', 9, 'warning'],
      ['istio-unknown-field', 25, 'warning'],
    ]);
    assert.match(findings[0].message, /Istio 1\.18\.0 API/);
    assert.equal(old.code, 0);
    const between = await cli(['validate', '--format', 'json', '--istio-version', '1.22', file]);
    assert.deepEqual((JSON.parse(between.stdout) as CliDiagnostic[]).map((f) => [f.code, f.severity]), [[ADDED, 'information'], [ADDED, 'information']]);
    const latest = await cli(['validate', '--format', 'json', file]);
    assert.deepEqual(JSON.parse(latest.stdout), []);
  });
});
