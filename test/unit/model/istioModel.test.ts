import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IstioModel, IstioSchemaNode } from '../../../server/src/core/model/types';

// Compiled to out/test/unit/model, four levels below the repository root.
const modelFile = join(__dirname, '..', '..', '..', '..', 'schemas', 'istio.json');
const model: IstioModel = JSON.parse(readFileSync(modelFile, 'utf8'));

function resolve(node: IstioSchemaNode): IstioSchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace(/^#\/definitions\//, '');
  const target = model.definitions[name];
  assert.ok(target, `unresolved ${node.$ref}`);
  return resolve(target);
}

/** Follows property names; `[]` steps into array items, `{}` into map values. Returns the node as written. */
function at(node: IstioSchemaNode, ...path: string[]): IstioSchemaNode {
  let current = node;
  for (const step of path) {
    const resolved = resolve(current);
    let next: IstioSchemaNode | true | undefined;
    if (step === '[]') next = resolved.items;
    else if (step === '{}') next = resolved.additionalProperties;
    else next = resolved.properties?.[step];
    assert.ok(next && next !== true, `no "${step}" in ${path.join('.')}`);
    current = next;
  }
  return current;
}

function spec(kindKey: string): IstioSchemaNode {
  const kind = model.kinds[kindKey];
  assert.ok(kind, `missing kind ${kindKey}`);
  return kind.spec;
}

function enumOf(node: IstioSchemaNode): string[] {
  return resolve(node).enum ?? [];
}

test('records where the model came from', () => {
  assert.equal(model.format, 1);
  assert.equal(model.source.package, '@kubernetes-models/istio');
  assert.match(model.source.packageVersion, /^\d+\.\d+\.\d+/);
  assert.match(model.source.istioVersion, /^1\.\d+\.\d+$/);
});

test('EnvoyFilter exists only under networking.istio.io/v1alpha3', () => {
  const envoyFilterKinds = Object.keys(model.kinds).filter((key) => key.endsWith('/EnvoyFilter'));
  assert.deepEqual(envoyFilterKinds, ['networking.istio.io/v1alpha3/EnvoyFilter']);
});

test('EnvoyFilter configPatches carry applyTo, match, patch and free-form values', () => {
  const envoyFilter = spec('networking.istio.io/v1alpha3/EnvoyFilter');
  const patchItem = at(envoyFilter, 'configPatches', '[]');
  const applyTo = enumOf(at(patchItem, 'applyTo'));
  assert.ok(applyTo.includes('HTTP_FILTER'));
  assert.ok(applyTo.includes('LISTENER_FILTER'));

  const operation = enumOf(at(patchItem, 'patch', 'operation'));
  for (const value of ['MERGE', 'INSERT_BEFORE', 'INSERT_FIRST', 'REMOVE']) assert.ok(operation.includes(value), value);
  // The 1.29 CRD has no MERGE_AND_REPLACE_LIST operation, so nothing is asserted about it.

  const value = resolve(at(patchItem, 'patch', 'value'));
  assert.equal(value.preserveUnknownFields, true);
  assert.equal(value.type, 'object');

  const context = enumOf(at(patchItem, 'match', 'context'));
  assert.ok(context.includes('SIDECAR_INBOUND'));
  assert.ok(context.includes('WAYPOINT'));

  const match = resolve(at(patchItem, 'match'));
  assert.deepEqual(match.mutuallyExclusive, [['cluster', 'listener', 'routeConfiguration', 'waypoint']]);
  assert.equal(resolve(at(patchItem, 'match', 'listener', 'portNumber')).type, 'integer');

  const targetRef = resolve(at(envoyFilter, 'targetRefs', '[]'));
  assert.deepEqual(targetRef.required, ['kind', 'name']);
  assert.ok(targetRef.properties?.group);
});

test('VirtualService v1 route destinations have a documented, required host', () => {
  const virtualService = spec('networking.istio.io/v1/VirtualService');
  const destination = at(virtualService, 'http', '[]', 'route', '[]', 'destination');
  const host = at(destination, 'host');
  assert.equal(resolve(host).type, 'string');
  assert.ok((host.description ?? '').length > 10);
  assert.ok(resolve(destination).required?.includes('host'));
  assert.equal(resolve(at(destination, 'port', 'number')).type, 'integer');
  assert.equal(resolve(at(virtualService, 'http', '[]', 'mirrorPercentage', 'value')).type, 'number');
});

test('VirtualService StringMatch is closed and one-of', () => {
  const uri = resolve(at(spec('networking.istio.io/v1/VirtualService'), 'http', '[]', 'match', '[]', 'uri'));
  assert.deepEqual(Object.keys(uri.properties ?? {}).sort(), ['exact', 'prefix', 'regex']);
  assert.deepEqual(uri.mutuallyExclusive, [['exact', 'prefix', 'regex']]);
  assert.notEqual(uri.preserveUnknownFields, true);
});

test('deprecated fields are marked, including ones upstream hides', () => {
  for (const version of ['v1alpha3', 'v1beta1', 'v1']) {
    const destinationRule = spec(`networking.istio.io/${version}/DestinationRule`);
    const outlier = at(destinationRule, 'trafficPolicy', 'outlierDetection');
    assert.equal(at(outlier, 'consecutiveErrors').deprecated, true, version);
    assert.notEqual(at(outlier, 'consecutive5xxErrors').deprecated, true, version);
    const loadBalancer = at(destinationRule, 'trafficPolicy', 'loadBalancer');
    assert.equal(at(loadBalancer, 'warmupDurationSecs').deprecated, true, version);
  }
  const http = at(spec('networking.istio.io/v1/VirtualService'), 'http', '[]');
  assert.equal(at(http, 'mirrorPercent').deprecated, true);
  assert.equal(at(http, 'corsPolicy', 'allowOrigin').deprecated, true);
  assert.notEqual(at(http, 'corsPolicy', 'allowOrigins').deprecated, true);
  // Hidden but not deprecated upstream (not implemented): no description, no deprecation.
  const listener = at(spec('networking.istio.io/v1alpha3/EnvoyFilter'), 'configPatches', '[]', 'match', 'listener');
  assert.notEqual(at(listener, 'portName').deprecated, true);
});

test('required lists come from non-optional properties', () => {
  assert.deepEqual(spec('networking.istio.io/v1/DestinationRule').required, ['host']);
  const server = resolve(at(spec('networking.istio.io/v1/Gateway'), 'servers', '[]'));
  assert.deepEqual(server.required, ['hosts', 'port']);
  assert.equal(spec('networking.istio.io/v1/VirtualService').required, undefined);
});

test('AuthorizationPolicy v1 action is an enum', () => {
  const action = enumOf(at(spec('security.istio.io/v1/AuthorizationPolicy'), 'action'));
  for (const value of ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']) assert.ok(action.includes(value), value);
});

test('Telemetry and WasmPlugin are present; WasmPlugin pluginConfig is free-form', () => {
  assert.ok(model.kinds['telemetry.istio.io/v1/Telemetry']);
  assert.ok(model.kinds['telemetry.istio.io/v1alpha1/Telemetry']);
  const wasmPlugin = spec('extensions.istio.io/v1alpha1/WasmPlugin');
  assert.equal(resolve(at(wasmPlugin, 'pluginConfig')).preserveUnknownFields, true);
  assert.ok(enumOf(at(wasmPlugin, 'phase')).includes('AUTHN'));
});

test('maps keep the schema of their values', () => {
  const labels = resolve(at(spec('networking.istio.io/v1/WorkloadEntry'), 'labels'));
  assert.equal(labels.type, 'object');
  assert.deepEqual(labels.additionalProperties, { type: 'string' });
  const customTag = resolve(at(spec('telemetry.istio.io/v1/Telemetry'), 'tracing', '[]', 'customTags', '{}'));
  assert.ok(customTag.properties?.literal);
  assert.deepEqual(customTag.mutuallyExclusive, [['environment', 'formatter', 'header', 'literal']]);
});

test('every $ref resolves and shared definitions are used more than once', () => {
  const uses = new Map<string, number>();
  const visit = (node: IstioSchemaNode | true | undefined): void => {
    if (!node || node === true) return;
    if (node.$ref) {
      uses.set(node.$ref, (uses.get(node.$ref) ?? 0) + 1);
      resolve(node);
    }
    Object.values(node.properties ?? {}).forEach(visit);
    visit(node.items);
    visit(node.additionalProperties);
    node.anyOf?.forEach(visit);
  };
  Object.values(model.kinds).forEach((kind) => visit(kind.spec));
  Object.values(model.definitions).forEach(visit);
  assert.ok(uses.size > 0);
  for (const name of Object.keys(model.definitions)) {
    assert.ok((uses.get(`#/definitions/${name}`) ?? 0) > 1, `${name} is used once`);
  }
});
