/**
 * Measures the two validation engines the design allows, on the same bootstrap: our walker over the generated model,
 * and ajv over a JSON Schema generated from the same model. Run: node scripts/lib/runTs.mjs scripts/tools/engineComparison.ts
 * The schema given to ajv is deliberately easier than what the walker checks (no oneofs, no PGV rules, Anys resolved
 * only for the types the document uses), so a win for the walker is not an artefact of a harder job.
 */
import Ajv from 'ajv';
import { performance } from 'node:perf_hooks';
import { parse as parseYamlToJs } from 'yaml';
import { parseDocumentText } from '../../server/src/core/document/parse';
import type { EnvoyTypeIndex } from '../../server/src/core/model/typeIndex';
import type { FieldModel } from '../../server/src/core/model/types';
import { EnvoyValidator } from '../../server/src/core/validate/envoyValidator';
import { loadEnvoyIndex } from '../../server/src/runtime/models';
import type { Finding } from '../../server/src/core/types';

type Schema = Record<string, unknown>;
const BOOTSTRAP = 'envoy.config.bootstrap.v3.Bootstrap';

function scalarSchema(type: string): Schema {
  if (type === 'bool') return { type: 'boolean' };
  if (type === 'string' || type === 'bytes') return { type: 'string' };
  if (type === 'double' || type === 'float') return { type: ['number', 'string'] };
  return { type: ['integer', 'string'] };
}

function fieldValueSchema(field: FieldModel, index: EnvoyTypeIndex, anyTypes: string[]): Schema {
  if (field.kind === 'scalar') return scalarSchema(field.type);
  if (field.kind === 'enum') return { anyOf: [{ enum: index.enumType(field.type)?.values.map((v) => v.name) ?? [] }, { type: 'integer' }] };
  switch (field.type) {
    case 'google.protobuf.Duration':
      return { type: 'string', pattern: '^-?\\d+(\\.\\d{1,9})?s$' };
    case 'google.protobuf.Struct':
      return { type: 'object' };
    case 'google.protobuf.Value':
      return {};
    case 'google.protobuf.Any':
      return {
        type: 'object',
        required: ['@type'],
        allOf: anyTypes.map((t) => ({ if: { properties: { '@type': { const: `type.googleapis.com/${t}` } } }, then: { $ref: `#/definitions/any:${t}` } })),
      };
  }
  if (/^google\.protobuf\.\w+Value$/.test(field.type)) return {};
  return index.message(field.type) ? { $ref: `#/definitions/${field.type}` } : {};
}

function messageSchema(name: string, index: EnvoyTypeIndex, anyTypes: string[], allowTypeKey: boolean): Schema {
  const properties: Record<string, Schema> = allowTypeKey ? { '@type': { type: 'string' } } : {};
  for (const field of index.message(name)?.fields ?? []) {
    let value = fieldValueSchema(field, index, anyTypes);
    if (field.mapKey) value = { type: 'object', additionalProperties: value };
    else if (field.repeated) value = { type: 'array', items: value };
    properties[field.name] = value;
    properties[field.jsonName] = value;
  }
  return { type: 'object', properties, additionalProperties: false };
}

function buildSchema(index: EnvoyTypeIndex, anyTypes: string[]): Schema {
  const definitions: Record<string, Schema> = {};
  for (const name of index.messageNames()) definitions[name] = messageSchema(name, index, anyTypes, false);
  for (const name of anyTypes) definitions[`any:${name}`] = messageSchema(name, index, anyTypes, true);
  return { $ref: `#/definitions/${BOOTSTRAP}`, definitions };
}

function makeBootstrap(services: number): string {
  const lines = ['static_resources:', '  listeners:'];
  for (let i = 0; i < services; i++) {
    lines.push(
      `  - name: listener_${i}`,
      '    address: {socket_address: {address: 0.0.0.0, port_value: ' + (10000 + i) + '}}',
      '    filter_chains:',
      '    - filters:',
      '      - name: envoy.filters.network.http_connection_manager',
      '        typed_config:',
      '          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
      `          stat_prefix: svc_${i}`,
      '          route_config:',
      `            name: route_${i}`,
      '            virtual_hosts:',
      `            - name: vh_${i}`,
      `              domains: ["svc-${i}.example.com"]`,
      '              routes:',
      '              - match: {prefix: "/"}',
      `                route: {cluster: cluster_${i}, timeout: 5s, retry_policy: {retry_on: 5xx, num_retries: 2}}`,
      '          http_filters:',
      '          - name: envoy.filters.http.router',
      '            typed_config:',
      '              "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
    );
  }
  lines.push('  clusters:');
  for (let i = 0; i < services; i++) {
    lines.push(
      `  - name: cluster_${i}`,
      '    connect_timeout: 0.25s',
      '    type: STRICT_DNS',
      '    lb_policy: ROUND_ROBIN',
      '    load_assignment:',
      `      cluster_name: cluster_${i}`,
      '      endpoints:',
      '      - lb_endpoints:',
      `        - endpoint: {address: {socket_address: {address: svc-${i}.internal, port_value: 8080}}}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

function main(): void {
  const index = loadEnvoyIndex();
  const anyTypes = [
    'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
    'envoy.extensions.filters.http.router.v3.Router',
  ];
  const text = makeBootstrap(700);
  const lineCount = text.split('\n').length;
  console.log(`Bootstrap of ${lineCount} lines, ${(text.length / 1024).toFixed(0)} KiB; medians of 9 runs`);

  const parseOurs = time(() => parseDocumentText(text, 'yaml'), 9);
  const parseJs = time(() => parseYamlToJs(text), 9);

  const compileStarted = performance.now();
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validateWithAjv = ajv.compile(buildSchema(index, anyTypes));
  const compileMs = performance.now() - compileStarted;
  const value = parseYamlToJs(text);
  const ajvMs = time(() => validateWithAjv(value), 9);

  const root = parseDocumentText(text, 'yaml').documents[0].root!;
  const validator = new EnvoyValidator(index);
  const walkerMs = time(() => {
    const findings: Finding[] = [];
    validator.validate(root, BOOTSTRAP, { unknownFieldSeverity: 'warning' }, findings);
  }, 9);

  console.log('| engine | one-time setup | validate (warm) | parse to its input | findings carry |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  console.log(`| walker over the model | 0 ms (model index is lazy) | ${walkerMs.toFixed(1)} ms | ${parseOurs.toFixed(1)} ms (offset tree) | source offsets |`);
  console.log(`| ajv (allErrors) over generated JSON Schema | ${compileMs.toFixed(0)} ms compile | ${ajvMs.toFixed(1)} ms | ${parseJs.toFixed(1)} ms (plain JS) | JSON paths (ranges need a second lookup) |`);
}

main();
