import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { buildEnvoyModelFromProtoRoots } from '../../../server/src/core/model/fromProto';
import type { EnvoyApiDocs, EnvoyApiModel, FieldModel, MessageModel } from '../../../server/src/core/model/types';

/** The tests run from out/, so the repository is found by walking up to the folder holding schemas/. */
function findRepoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'schemas', 'envoy-api.json')) || !existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('could not find the repository root above the test');
    dir = parent;
  }
  return dir;
}

const repoRoot = findRepoRoot();
const model = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'envoy-api.json'), 'utf8')) as EnvoyApiModel;
const docs = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'envoy-docs.json'), 'utf8')) as EnvoyApiDocs;

function message(messages: Record<string, MessageModel>, name: string): MessageModel {
  const found = messages[name];
  assert.ok(found, `message ${name} is in the model`);
  return found;
}

function field(messages: Record<string, MessageModel>, messageName: string, fieldName: string): FieldModel {
  const found = message(messages, messageName).fields.find((candidate) => candidate.name === fieldName);
  assert.ok(found, `field ${messageName}.${fieldName} is in the model`);
  return found;
}

describe('generated Envoy model (schemas/envoy-api.json)', () => {
  const messages = model.messages;

  it('records where it came from', () => {
    assert.equal(model.format, 1);
    assert.equal(model.source.package, '@grpc/grpc-js-xds');
    assert.match(model.source.packageVersion, /^\d+\.\d+\.\d+/);
    assert.ok(model.source.apiVersion.length > 0);
  });

  it('types Cluster.connect_timeout as a Duration with its JSON name and a positive bound', () => {
    const connectTimeout = field(messages, 'envoy.config.cluster.v3.Cluster', 'connect_timeout');
    assert.equal(connectTimeout.type, 'google.protobuf.Duration');
    assert.equal(connectTimeout.kind, 'message');
    assert.equal(connectTimeout.jsonName, 'connectTimeout');
    assert.equal(connectTimeout.rules?.durationGt, 0);
  });

  it('keeps reserved names and real oneofs', () => {
    const cluster = message(messages, 'envoy.config.cluster.v3.Cluster');
    assert.ok(cluster.reservedNames?.includes('hosts'));
    const discovery = cluster.oneofs?.find((oneof) => oneof.name === 'cluster_discovery_type');
    assert.deepEqual(discovery?.fields, ['type', 'cluster_type']);
    assert.equal(field(messages, 'envoy.config.cluster.v3.Cluster', 'type').oneof, 'cluster_discovery_type');
    const hcm = message(messages, 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager');
    assert.equal(hcm.oneofs?.find((oneof) => oneof.name === 'route_specifier')?.required, true);
  });

  it('never reports a proto3 optional as a oneof', () => {
    for (const [name, candidate] of Object.entries(messages)) {
      for (const oneof of candidate.oneofs ?? []) assert.ok(!oneof.name.startsWith('_'), `${name}.${oneof.name}`);
      for (const member of candidate.fields) assert.ok(!member.oneof?.startsWith('_'), `${name}.${member.name}`);
    }
  });

  it('reads extension categories from field and oneof comments', () => {
    assert.ok(field(messages, 'envoy.config.listener.v3.Filter', 'typed_config').extensionCategory?.includes('envoy.filters.network'));
    const listenerFilter = field(messages, 'envoy.config.listener.v3.ListenerFilter', 'typed_config');
    assert.ok(listenerFilter.extensionCategory?.includes('envoy.filters.listener'));
    // Here the tag sits on `oneof config_type`, not on the field.
    assert.deepEqual(field(messages, 'envoy.config.accesslog.v3.AccessLog', 'typed_config').extensionCategory, ['envoy.access_loggers']);
  });

  it('maps validate rules', () => {
    const httpFilters = 'envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter';
    assert.equal(field(messages, httpFilters, 'name').rules?.minLen, 1);
    const headerKey = field(messages, 'envoy.config.core.v3.HeaderValue', 'key').rules;
    assert.equal(headerKey?.format, 'HTTP_HEADER_NAME');
    assert.equal(headerKey?.formatStrict, false);
    assert.equal(field(messages, 'envoy.config.cluster.v3.Cluster', 'type').rules?.definedOnly, true);
    assert.equal(field(messages, 'envoy.config.core.v3.TypedExtensionConfig', 'typed_config').rules?.required, true);
    assert.equal(field(messages, 'envoy.config.cluster.v3.Cluster.RefreshRate', 'base_interval').rules?.durationGt, 0.001);
    assert.equal(field(messages, 'envoy.config.endpoint.v3.LocalityLbEndpoints', 'load_balancing_weight').rules?.gte, 1);
    const threshold = field(messages, 'envoy.config.overload.v3.ThresholdTrigger', 'value').rules;
    assert.deepEqual([threshold?.gte, threshold?.lte], [0, 1]);
    const listenerFilters = field(messages, 'envoy.config.listener.v3.FilterChain', 'filters');
    assert.equal(listenerFilters.repeated, true);
  });

  it('keeps enums with their numbers', () => {
    const lbPolicy = model.enums['envoy.config.cluster.v3.Cluster.LbPolicy'];
    assert.ok(lbPolicy);
    assert.equal(lbPolicy.values.find((value) => value.name === 'ROUND_ROBIN')?.number, 0);
    assert.equal(field(messages, 'envoy.config.cluster.v3.Cluster', 'lb_policy').kind, 'enum');
    const apiVersion = model.enums['envoy.config.core.v3.ApiVersion'].values.find((value) => value.name === 'V2');
    assert.deepEqual([apiVersion?.deprecated, apiVersion?.deprecatedSince], [true, '3.0']);
  });

  it('records the message each v3 message replaced', () => {
    assert.equal(message(messages, 'envoy.config.cluster.v3.Cluster').previous, 'envoy.api.v2.Cluster');
    // The API itself names a v3 package here, not v2.
    assert.equal(
      message(messages, 'envoy.extensions.filters.http.ext_authz.v3.ExtAuthz').previous,
      'envoy.config.filter.http.ext_authz.v3.ExtAuthz',
    );
  });

  it('links extension names to the messages that configure them', () => {
    assert.deepEqual(message(messages, 'envoy.extensions.filters.http.router.v3.Router').extensions, ['envoy.filters.http.router']);
    const hcm = 'envoy.extensions.filters.network.http_connection_manager.v3';
    assert.deepEqual(message(messages, `${hcm}.HttpConnectionManager`).extensions, ['envoy.filters.network.http_connection_manager']);
    assert.equal(message(messages, `${hcm}.HttpFilter`).extensions, undefined);
    const tls = 'envoy.extensions.transport_sockets.tls.v3';
    assert.ok(message(messages, `${tls}.UpstreamTlsContext`).extensions?.includes('envoy.transport_sockets.tls'));
    assert.ok(message(messages, `${tls}.DownstreamTlsContext`).extensions?.includes('envoy.transport_sockets.tls'));
    assert.equal(message(messages, `${tls}.CommonTlsContext`).extensions, undefined);
    assert.ok(message(messages, 'envoy.extensions.filters.http.rbac.v3.RBAC').extensions?.includes('envoy.filters.http.rbac'));
    assert.ok(message(messages, 'envoy.config.cluster.v3.Cluster.OriginalDstLbConfig').extensions?.includes('envoy.clusters.original_dst'));
  });

  it('flags deprecated fields with the version that deprecated them', () => {
    const exactMatch = field(messages, 'envoy.config.route.v3.HeaderMatcher', 'exact_match');
    assert.equal(exactMatch.deprecated, true);
    assert.equal(exactMatch.deprecatedSince, '3.0');
    assert.equal(field(messages, 'envoy.config.route.v3.RouteAction', 'max_grpc_timeout').deprecated, true);
  });

  it('describes maps by key and value type', () => {
    const options = field(messages, 'envoy.config.cluster.v3.Cluster', 'typed_extension_protocol_options');
    assert.equal(options.mapKey, 'string');
    assert.equal(options.type, 'google.protobuf.Any');
    assert.equal(options.repeated, undefined);
  });

  it('includes the well-known types with proto field names', () => {
    for (const name of ['Any', 'Duration', 'Struct', 'Value', 'ListValue', 'UInt32Value', 'BoolValue', 'Empty', 'Timestamp']) {
      assert.equal(message(messages, `google.protobuf.${name}`) !== undefined, true);
    }
    assert.ok(field(messages, 'google.protobuf.Value', 'string_value'));
    assert.ok(model.enums['google.protobuf.NullValue']);
  });

  it('resolves every field type except the few whose .proto files are missing', () => {
    const unresolved: string[] = [];
    for (const [name, candidate] of Object.entries(messages)) {
      for (const member of candidate.fields) {
        if (member.kind === 'message' && !messages[member.type]) {
          assert.equal(member.unresolved, true, `${name}.${member.name}: ${member.type}`);
          unresolved.push(member.type);
        }
        if (member.kind === 'enum') assert.ok(model.enums[member.type], `${name}.${member.name}: ${member.type}`);
      }
    }
    assert.ok(unresolved.every((type) => /^(opentelemetry|opencensus|io\.prometheus)\./.test(type)), unresolved.join(', '));
  });

  it('keeps docs apart, with indentation and without carriage returns', () => {
    assert.match(docs['envoy.config.cluster.v3.Cluster.connect_timeout'], /timeout for new network connections/);
    assert.ok(docs['envoy.config.cluster.v3.Cluster.LbPolicy.ROUND_ROBIN']);
    assert.ok(docs['envoy.config.cluster.v3.Cluster.LbPolicy']);
    assert.match(docs['envoy.config.bootstrap.v3.CustomInlineHeader'], /\.\. code-block:: text\n\n {2}foo: bar\n/);
    assert.ok(Object.values(docs).every((text) => !text.includes('\r')));
  });
});

describe('buildEnvoyModelFromProtoRoots on a small fixture folder', () => {
  const requireFromRepo = createRequire(join(repoRoot, 'package.json'));
  const xdsPackage = dirname(requireFromRepo.resolve('@grpc/grpc-js-xds/package.json'));
  const roots = [join(repoRoot, 'test', 'fixtures', 'protos'), join(xdsPackage, 'deps', 'protoc-gen-validate')];
  const built = buildEnvoyModelFromProtoRoots({ roots });
  const messages = built.model.messages;
  const acme = 'envoy.extensions.acme.v3.Acme';

  it('loads the v3 files and their imports, not other versions', () => {
    assert.ok(messages[acme]);
    assert.ok(messages['envoy.extensions.acme.v3.Shared']);
    assert.ok(messages['validate.FieldRules'], 'validate.proto comes from the second root');
    assert.equal(messages['envoy.extensions.acme.v2.Acme'], undefined);
    const v2Only = buildEnvoyModelFromProtoRoots({ roots, entryFiles: ['envoy/extensions/acme/v2/acme.proto'] });
    assert.ok(v2Only.model.messages['envoy.extensions.acme.v2.Acme']);
  });

  it('warns about the missing import and marks what it would have defined', () => {
    assert.ok(built.warnings.some((warning) => warning.includes('missing import thirdparty/absent.proto')));
    const widget = field(messages, acme, 'widget');
    assert.deepEqual([widget.type, widget.kind, widget.unresolved], ['thirdparty.Widget', 'message', true]);
    assert.equal(widget.notImplemented, true);
  });

  it('names nested types Outer.Inner and resolves references to them', () => {
    assert.ok(messages[`${acme}.Rule`]);
    assert.ok(built.model.enums[`${acme}.Level`]);
    assert.equal(field(messages, acme, 'rule').type, `${acme}.Rule`);
    const level = field(messages, acme, 'level');
    assert.deepEqual([level.type, level.kind, level.rules?.definedOnly], [`${acme}.Level`, 'enum', true]);
    assert.equal(field(messages, acme, 'shared').type, 'envoy.extensions.acme.v3.Shared');
  });

  it('converts repeated, map, oneof and proto3 optional fields', () => {
    const rules = field(messages, acme, 'rules');
    assert.equal(rules.repeated, true);
    assert.deepEqual(rules.rules, { minItems: 1, items: { required: true } });
    const levels = field(messages, acme, 'levels');
    assert.deepEqual([levels.mapKey, levels.type, levels.kind], ['string', `${acme}.Level`, 'enum']);
    assert.deepEqual(levels.rules, { minPairs: 1, keys: { minLen: 1 } });
    assert.deepEqual(messages[acme].oneofs, [
      { name: 'source', fields: ['inline_text', 'shared'], required: true },
      { name: 'plugin_set', fields: ['set_config'] },
    ]);
    const retries = field(messages, acme, 'retries');
    assert.equal(retries.oneof, undefined);
    assert.deepEqual(retries.rules, { lte: 5, gt: 0 });
  });

  it('reads reserved names, previous names, deprecation and JSON names', () => {
    assert.deepEqual(messages[acme].reservedNames, ['legacy_name']);
    assert.equal(messages[acme].previous, 'envoy.config.filter.http.acme.v2.Acme');
    const shared = field(messages, acme, 'shared');
    assert.deepEqual([shared.deprecated, shared.deprecatedSince], [true, '3.1']);
    assert.equal(messages['envoy.extensions.acme.v3.Shared'].deprecated, true);
    assert.equal(messages['envoy.extensions.acme.v3.Shared'].notImplemented, true);
    assert.equal(field(messages, acme, 'display_name').jsonName, 'displayName');
    assert.equal(field(messages, acme, 'legacy_mode').jsonName, 'legacyModeOverride');
    const loud = built.model.enums[`${acme}.Level`].values.find((value) => value.name === 'LOUD');
    assert.deepEqual(loud, { name: 'LOUD', number: 1, deprecated: true, deprecatedSince: '3.2' });
  });

  it('flattens validate rules, durations in seconds', () => {
    assert.deepEqual(field(messages, acme, 'display_name').rules, { minLen: 1, maxBytes: 64 });
    assert.deepEqual(field(messages, acme, 'rule').rules, { required: true });
    assert.deepEqual(field(messages, acme, 'timeout').rules, { durationLte: 60, durationGt: 0.001 });
    assert.deepEqual(field(messages, acme, 'ratio').rules, { gte: 0, lte: 1 });
    assert.deepEqual(field(messages, `${acme}.Rule`, 'header').rules, { format: 'HTTP_HEADER_NAME', formatStrict: false });
  });

  it('reads extension tags from field, oneof and file comments', () => {
    assert.deepEqual(field(messages, acme, 'plugin').extensionCategory, ['envoy.acme.plugins', 'envoy.acme.extras']);
    assert.deepEqual(field(messages, acme, 'set_config').extensionCategory, ['envoy.acme.sets']);
    assert.deepEqual(messages[acme].extensions, ['envoy.filters.http.acme']);
    assert.deepEqual(messages['envoy.extensions.acme.v3.AcmePerRoute'].extensions, ['envoy.filters.http.acme']);
    assert.equal(messages['envoy.extensions.acme.v3.Shared'].extensions, undefined);
  });

  it('keeps comments as written, minus the comment marker and its space', () => {
    assert.equal(
      built.docs[acme],
      'Settings for the acme filter.\n\n.. code-block:: yaml\n\n  name: demo\n    nested: true',
    );
    assert.equal(built.docs[`${acme}.display_name`], 'Shown in logs.');
    assert.equal(built.docs[`${acme}.Level`], 'How loud a finding is.');
    assert.equal(built.docs[`${acme}.Level.QUIET`], 'Nothing to report.');
    assert.equal(built.docs[`${acme}.Level.LOUD`], undefined);
    assert.equal(built.docs[`${acme}.rule`], undefined);
  });
});
