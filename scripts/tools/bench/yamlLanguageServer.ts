/**
 * The peer: Red Hat's yaml-language-server, run in-process through its language-service API with a JSON Schema for
 * EnvoyFilter made from our own Istio model (what the CRD's openAPIV3Schema gives Red Hat YAML).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { IstioModel, IstioSchemaNode } from '../../../server/src/core/model/types';

type JsonSchema = Record<string, unknown>;

interface PeerDiagnostic {
  message: string;
}
interface PeerLanguageService {
  configure(settings: Record<string, unknown>): void;
  doValidation(document: unknown, isKubernetes: boolean): Promise<PeerDiagnostic[]>;
}

const ENVOY_FILTER_KIND = 'networking.istio.io/v1alpha3/EnvoyFilter';

/** Inlines `#/definitions/…` references; a definition already being expanded becomes `{}` to stop recursion. */
function toJsonSchema(node: IstioSchemaNode, model: IstioModel, expanding: Set<string>): JsonSchema {
  if (node.$ref) {
    const name = node.$ref.replace('#/definitions/', '');
    const target = model.definitions[name];
    if (!target || expanding.has(name)) return {};
    expanding.add(name);
    const resolved = toJsonSchema(target, model, expanding);
    expanding.delete(name);
    return node.description ? { ...resolved, description: node.description } : resolved;
  }
  const out: JsonSchema = {};
  if (node.type) out.type = node.type;
  if (node.description) out.description = node.description;
  if (node.enum) out.enum = node.enum;
  if (node.anyOf) out.anyOf = node.anyOf.map((alternative) => toJsonSchema(alternative, model, expanding));
  if (node.items) out.items = toJsonSchema(node.items, model, expanding);
  if (node.required) out.required = node.required;
  if (node.properties) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([key, value]) => [key, toJsonSchema(value, model, expanding)]));
  }
  if (node.additionalProperties === true || node.preserveUnknownFields) out.additionalProperties = true;
  else if (node.additionalProperties) out.additionalProperties = toJsonSchema(node.additionalProperties, model, expanding);
  else if (node.properties) out.additionalProperties = false;
  if (node.mutuallyExclusive) {
    // The CRD's oneOf: at most one of each group may be present.
    out.not = { anyOf: node.mutuallyExclusive.flatMap((group) => pairs(group).map((pair) => ({ required: pair }))) };
  }
  return out;
}

function pairs(names: string[]): string[][] {
  const result: string[][] = [];
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) result.push([names[i], names[j]]);
  return result;
}

export function envoyFilterJsonSchema(schemasDir: string): JsonSchema {
  const model = JSON.parse(readFileSync(join(schemasDir, 'istio.json'), 'utf8')) as IstioModel;
  const kind = model.kinds[ENVOY_FILTER_KIND];
  if (!kind) throw new Error(`${ENVOY_FILTER_KIND} is missing from schemas/istio.json`);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    description: kind.description,
    required: ['apiVersion', 'kind', 'spec'],
    properties: {
      apiVersion: { type: 'string', enum: ['networking.istio.io/v1alpha3'] },
      kind: { type: 'string', enum: ['EnvoyFilter'] },
      metadata: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          namespace: { type: 'string' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          annotations: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
      spec: toJsonSchema(kind.spec, model, new Set()),
    },
  };
}

export interface PeerValidator {
  /** validates the text as a fresh document version, like an edit in the editor */
  validate(text: string): Promise<number>;
  version: string;
}

/** Loaded at run time from the repository's node_modules so the bundle carries neither it nor its dependencies. */
export function createPeerValidator(repoRoot: string, schemasDir: string): PeerValidator {
  const requireFromRepo = createRequire(join(repoRoot, 'package.json'));
  const yls = requireFromRepo('yaml-language-server') as {
    getLanguageService(params: Record<string, unknown>): PeerLanguageService;
  };
  const { TextDocument } = requireFromRepo('vscode-languageserver-textdocument') as {
    TextDocument: { create(uri: string, languageId: string, version: number, text: string): unknown };
  };
  const version = (requireFromRepo('yaml-language-server/package.json') as { version: string }).version;
  const service = yls.getLanguageService({
    schemaRequestService: (uri: string) => Promise.reject(new Error(`no network schemas in a benchmark (${uri})`)),
    workspaceContext: { resolveRelativePath: (relative: string) => relative },
  });
  service.configure({
    validate: true,
    hover: false,
    completion: false,
    schemas: [{ uri: 'file:///envoy-lens-bench/envoyfilter.schema.json', fileMatch: ['*.yaml'], schema: envoyFilterJsonSchema(schemasDir) }],
  });
  let documentVersion = 0;
  return {
    version,
    async validate(text: string): Promise<number> {
      documentVersion++;
      const document = TextDocument.create('file:///envoy-lens-bench/envoyfilter.yaml', 'yaml', documentVersion, text);
      return (await service.doValidation(document, false)).length;
    },
  };
}
