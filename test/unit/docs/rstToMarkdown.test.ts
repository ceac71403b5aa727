import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstParagraph, rstToMarkdown } from '../../../server/src/core/docs/rstToMarkdown';
import { urlForDocsLabel, urlForField, urlForType } from '../../../server/src/core/docs/docsLinks';
import { loadEnvoyDocs, loadEnvoyIndex } from '../../../server/src/runtime/models';

const docs = loadEnvoyDocs();
const index = loadEnvoyIndex();
const DOCS = 'https://www.envoyproxy.io/docs/envoy/latest/api-v3/';

test('a real comment: refs become links, code blocks become fenced YAML, internal comments disappear', () => {
  const markdown = rstToMarkdown(docs['envoy.config.cluster.v3.Cluster.transport_socket_matches'], index);
  assert.match(markdown, /\[LbEndpoint\.Metadata\]\(https:\/\/www\.envoyproxy\.io\/docs\/envoy\/latest\/api-v3\/config\/endpoint\/v3\/endpoint_components\.proto#envoy-v3-api-field-config-endpoint-v3-lbendpoint-metadata\)/);
  assert.match(markdown, /```yaml\ntransport_socket_matches:\n- name: "enableMTLS"\n  match:\n    acceptMTLS: true\n/);
  assert.match(markdown, /under `envoy\.transport_socket_match`/);
  assert.doesNotMatch(markdown, /\[#comment|:ref:|``envoy/);
});

test('protodoc tags are dropped', () => {
  const markdown = rstToMarkdown(docs['envoy.config.route.v3.RetryPolicy'], index);
  assert.doesNotMatch(markdown, /next-free-field/);
  assert.match(markdown, /^HTTP retry architecture overview\.?$/);
  assert.equal(rstToMarkdown('Config. [#extension: envoy.filters.http.router]\n[#not-implemented-hide:]\n[#extension-category: envoy.filters.http]', index), 'Config.');
  assert.equal(rstToMarkdown('[#protodoc-title: Router]\nRouter config.', index), 'Router config.');
});

test('admonitions become quoted notes, whatever the case of the directive', () => {
  const attention = Object.values(docs).find((text) => text.includes('.. attention::'))!;
  assert.match(rstToMarkdown(attention, index), /^> \*\*Attention:\*\* /m);
  assert.equal(rstToMarkdown('Intro.\n\n.. note::\n  First line\n  second line.\n\nAfter.', index), 'Intro.\n\n> **Note:** First line\n> second line.\n\nAfter.');
  assert.match(rstToMarkdown('.. WARNING::\n   Careful.', index), /^> \*\*Warning:\*\* Careful\.$/);
});

test('literals, refs without text, hyperlinks, repo paths and literal blocks', () => {
  assert.equal(rstToMarkdown('Set ``allow_origin`` here.', index), 'Set `allow_origin` here.');
  assert.equal(
    rstToMarkdown('See :ref:`envoy_v3_api_field_config.cluster.v3.Cluster.connect_timeout`.', index),
    `See [connect_timeout](${DOCS}config/cluster/v3/cluster.proto#envoy-v3-api-field-config-cluster-v3-cluster-connect-timeout).`,
  );
  assert.equal(rstToMarkdown('As in :ref:`the router <config_http_filters_router>`.', index), 'As in the router.');
  assert.equal(rstToMarkdown('Read `RFC 7230 <https://tools.ietf.org/html/rfc7230>`_ first.', index), 'Read [RFC 7230](https://tools.ietf.org/html/rfc7230) first.');
  assert.equal(rstToMarkdown('See :repo:`api/envoy/config`.', index), 'See [api/envoy/config](https://github.com/envoyproxy/envoy/blob/main/api/envoy/config).');
  assert.equal(rstToMarkdown('For example::\n\n  a: 1\n  b: 2\n\nDone.', index), 'For example:\n\n```\na: 1\nb: 2\n```\n\nDone.');
  const multiLine = rstToMarkdown(docs['envoy.config.trace.v3.Tracing.http'] ?? 'x', index);
  assert.doesNotMatch(multiLine, /:ref:/);
});

test('first paragraph for summaries', () => {
  assert.equal(firstParagraph('One line\ncontinues.\n\nSecond.'), 'One line\ncontinues.');
  assert.equal(firstParagraph('```\ncode\n```'), '');
});

test('docs URLs: package path, the file that declares the type, and Sphinx anchors', () => {
  assert.equal(urlForField('envoy.config.route.v3.RetryPolicy', 'retry_on', index), `${DOCS}config/route/v3/route_components.proto#envoy-v3-api-field-config-route-v3-retrypolicy-retry-on`);
  assert.equal(urlForType('envoy.extensions.filters.http.router.v3.Router', index), `${DOCS}extensions/filters/http/router/v3/router.proto#envoy-v3-api-msg-extensions-filters-http-router-v3-router`);
  assert.equal(urlForType('envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext', index), `${DOCS}extensions/transport_sockets/tls/v3/common.proto#envoy-v3-api-msg-extensions-transport-sockets-tls-v3-certificatevalidationcontext`);
  assert.equal(urlForType('envoy.config.route.v3.RouteConfiguration', index), `${DOCS}config/route/v3/route.proto#envoy-v3-api-msg-config-route-v3-routeconfiguration`);
  assert.equal(urlForType('envoy.config.cluster.v3.Cluster.LbPolicy', index, 'enum'), `${DOCS}config/cluster/v3/cluster.proto#envoy-v3-api-enum-config-cluster-v3-cluster-lbpolicy`);
  assert.equal(
    urlForDocsLabel('envoy_v3_api_enum_value_config.cluster.v3.Cluster.LbPolicy.ROUND_ROBIN', index),
    `${DOCS}config/cluster/v3/cluster.proto#envoy-v3-api-enum-value-config-cluster-v3-cluster-lbpolicy-round-robin`,
  );
  assert.equal(urlForField('envoy.config.core.v3.SocketAddress', 'port_value', index), `${DOCS}config/core/v3/address.proto#envoy-v3-api-field-config-core-v3-socketaddress-port-value`);
  assert.equal(urlForDocsLabel('arch_overview_http_routing_retry', index), undefined);
  assert.equal(urlForType('xds.type.v3.TypedStruct', index), undefined);
});

test('every top-level type of the model knows its .proto file; a type it does not know gets no link', () => {
  const topLevel = (name: string) => /^[a-z]/.test(name.split('.').slice(-2, -1)[0] ?? '');
  const missing = [...Object.entries(index.model.messages), ...Object.entries(index.model.enums)]
    .filter(([name, type]) => name.startsWith('envoy.') && topLevel(name) && !type.file)
    .map(([name]) => name);
  assert.deepEqual(missing, []);
  assert.equal(index.protoFileOf('envoy.config.cluster.v3.Cluster'), 'envoy/config/cluster/v3/cluster.proto');
  assert.equal(urlForType('envoy.config.cluster.v3.NoSuchMessage', index), undefined);
  assert.equal(rstToMarkdown('See :ref:`envoy_v3_api_field_config.cluster.v3.NoSuchMessage.name`.', index), 'See name.');
});
