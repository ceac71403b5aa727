import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/analyze';
import { ENVOYFILTER_FEATURES, featureStatus } from '../../../server/src/core/envoyfilter/versionSupport';
import { minorVersionOf, resolveIstioTarget } from '../../../server/src/core/istio/versions';
import { defaultSettings } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/types';
import { loadCheckers } from '../../../server/src/runtime/checkers';
import { readFixture } from '../../helpers/fixtures';

const checkers = loadCheckers();
const versioned = readFixture('envoyfilter', 'versioned.yaml');

function findingsFor(text: string, istioVersion: string): Finding[] {
  return analyzeText({ text, fileName: 'ef.yaml', settings: { ...defaultSettings, istioVersion } }, checkers).findings;
}

function at(text: string, findings: Finding[], code: string, snippet: string): Finding[] {
  const offset = text.indexOf(snippet);
  assert.ok(offset >= 0, snippet);
  return findings.filter((f) => f.code === code && f.offset >= offset && f.offset < offset + snippet.length);
}

const VERSION_CODES = ['envoyfilter-not-in-istio-version', 'envoyfilter-istio-version-unknown'];

describe('Istio versions', () => {
  it('reads setting values and proxy versions down to major.minor, unknown ones as latest', () => {
    assert.deepEqual(resolveIstioTarget('1.24'), { version: '1.24', latest: false });
    assert.deepEqual(resolveIstioTarget('1.24.3'), { version: '1.24', latest: false });
    assert.deepEqual(resolveIstioTarget('latest'), { version: '1.29', latest: true });
    assert.deepEqual(resolveIstioTarget('1.3'), { version: '1.29', latest: true });
    assert.equal(minorVersionOf('1.26-alpha.f00'), '1.26');
  });

  it('places each feature as present, absent or unknown, never guessing between the two sides', () => {
    assert.equal(featureStatus(ENVOYFILTER_FEATURES.waypointContext, '1.29'), 'present');
    assert.equal(featureStatus(ENVOYFILTER_FEATURES.waypointContext, '1.28'), 'unknown');
    assert.equal(featureStatus(ENVOYFILTER_FEATURES.waypointContext, '1.27'), 'absent');
    assert.equal(featureStatus(ENVOYFILTER_FEATURES.mergeAndReplaceList, '1.29'), 'absent');
  });

  it('an unpinned version reports nothing version-specific', () => {
    const findings = findingsFor(versioned, 'latest');
    assert.deepEqual(findings.filter((f) => VERSION_CODES.includes(f.code)).map((f) => f.message), []);
    assert.deepEqual(at(versioned, findings, 'envoyfilter-operation-ignored', 'operation: REPLACE'), []);
  });

  it('REPLACE on a virtual host: skipped by Istio 1.12, applied from 1.13', () => {
    const old = at(versioned, findingsFor(versioned, '1.12'), 'envoyfilter-operation-ignored', 'operation: REPLACE');
    assert.equal(old.length, 1);
    assert.match(old[0].message, /istiod 1\.12 does not apply REPLACE to VIRTUAL_HOST .*came in 1\.13 with istio\/istio#36582/);
    assert.deepEqual(at(versioned, findingsFor(versioned, '1.13'), 'envoyfilter-operation-ignored', 'operation: REPLACE'), []);
  });

  it('targetRefs and LISTENER_FILTER are errors before their versions, unknown in between, silent after', () => {
    const old = findingsFor(versioned, '1.15');
    const refs = at(versioned, old, 'envoyfilter-not-in-istio-version', 'targetRefs');
    assert.equal(refs.length, 1);
    assert.equal(refs[0].severity, 'error');
    assert.equal(at(versioned, old, 'envoyfilter-not-in-istio-version', 'LISTENER_FILTER').length, 1);
    const between = at(versioned, findingsFor(versioned, '1.16'), 'envoyfilter-istio-version-unknown', 'LISTENER_FILTER');
    assert.equal(between.length, 1);
    assert.match(between[0].message, /does not know whether Istio 1\.16 has applyTo: LISTENER_FILTER/);
    assert.deepEqual(findingsFor(versioned, '1.23').filter((f) => VERSION_CODES.includes(f.code)).map((f) => f.message), []);
  });

  it('MERGE_AND_REPLACE_LIST and context WAYPOINT follow the pinned version', () => {
    const text = [
      'apiVersion: networking.istio.io/v1alpha3', 'kind: EnvoyFilter', 'metadata: {name: w}', 'spec:',
      '  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}]',
      '  configPatches:', '  - applyTo: CLUSTER', '    match: {context: WAYPOINT}',
      '    patch: {operation: MERGE_AND_REPLACE_LIST, value: {connect_timeout: 1s}}', '',
    ].join('\n');
    const pinned = findingsFor(text, '1.27');
    const merge = at(text, pinned, 'envoyfilter-not-in-istio-version', 'MERGE_AND_REPLACE_LIST');
    assert.equal(merge.length, 1);
    assert.match(merge[0].message, /not in Istio 1\.27 .*istio\/api#3724.*API server rejects/);
    assert.equal(at(text, pinned, 'envoyfilter-not-in-istio-version', 'WAYPOINT').length, 1);
    assert.equal(at(text, findingsFor(text, '1.28'), 'envoyfilter-istio-version-unknown', 'WAYPOINT').length, 1);
    assert.deepEqual(at(text, findingsFor(text, '1.29'), 'envoyfilter-not-in-istio-version', 'WAYPOINT'), []);
    // Unpinned keeps the softer "newer than what we bundle" note.
    assert.equal(at(text, findingsFor(text, 'latest'), 'envoyfilter-newer-operation', 'MERGE_AND_REPLACE_LIST').length, 1);
  });
});
