import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocumentText } from '../../../server/src/core/document/parse';
import { recognizeDocument } from '../../../server/src/core/recognize';

function kindOf(text: string, format: 'yaml' | 'json' = 'yaml') {
  return recognizeDocument(parseDocumentText(text, format).documents[0].root);
}

describe('recognising what a document is', () => {
  it('knows a bootstrap by its bootstrap-only fields', () => {
    assert.equal(kindOf('static_resources:\n  clusters: []\n')?.kind, 'envoy-bootstrap');
    assert.equal(kindOf('layered_runtime:\n  layers: []\n')?.kind, 'envoy-bootstrap');
    assert.equal(kindOf('admin:\n  address: {socket_address: {port_value: 9901}}\nnode: {id: a}\n')?.kind, 'envoy-bootstrap');
  });

  it('knows a typed resource, an untyped one and lists of them', () => {
    assert.deepEqual(kindOf('"@type": type.googleapis.com/envoy.config.cluster.v3.Cluster\nname: a\n'), {
      kind: 'envoy-resource', typeName: 'envoy.config.cluster.v3.Cluster', typeInferred: false,
    });
    assert.equal(kindOf('name: a\nconnect_timeout: 1s\n')?.kind, 'envoy-resource');
    assert.equal(kindOf('- name: a\n  connectTimeout: 1s\n- name: b\n  loadAssignment: {}\n')?.kind, 'envoy-resource-list');
    assert.deepEqual(kindOf('resources:\n- "@type": type.googleapis.com/envoy.config.listener.v3.Listener\n'), {
      kind: 'envoy-resource-list', shape: 'discovery-response',
    });
  });

  it('knows config dumps in their three shapes', () => {
    assert.equal(kindOf('{"configs": [{"@type": "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump"}]}', 'json')?.kind, 'config-dump');
    assert.equal(kindOf('{"xds": {"default/eg": {"configs": []}}}', 'json')?.kind, 'config-dump');
  });

  it('knows Istio resources and Lists of them', () => {
    assert.deepEqual(kindOf('apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\n'), {
      kind: 'istio', group: 'networking.istio.io', version: 'v1alpha3', kindName: 'EnvoyFilter',
    });
    assert.equal(kindOf('apiVersion: v1\nkind: List\nitems:\n- apiVersion: security.istio.io/v1\n  kind: AuthorizationPolicy\n')?.kind, 'kubernetes-list');
  });

  it('says nothing about ordinary YAML', () => {
    assert.equal(kindOf('name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n'), undefined);
    assert.equal(kindOf('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n'), undefined);
    assert.equal(kindOf('services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n'), undefined);
    assert.equal(kindOf('- 1\n- 2\n'), undefined);
  });
});
