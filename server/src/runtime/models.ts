import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EnvoyTypeIndex } from '../core/model/typeIndex';
import type { EnvoyApiDocs, EnvoyApiModel, IstioModel } from '../core/model/types';

/** Finds the generated schemas next to the bundle (dist/ → ../schemas) or the compiled sources (out/…). */
export function findSchemasDir(start = __dirname): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'envoy-api.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`cannot find the generated schemas (schemas/envoy-api.json) above ${start}; run "npm run schemas"`);
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(findSchemasDir(), name), 'utf8')) as T;
}

let envoyIndex: EnvoyTypeIndex | undefined;
let envoyDocs: EnvoyApiDocs | undefined;
let istioModel: IstioModel | undefined;

/** The Envoy type model, read from disk on first use. */
export function loadEnvoyIndex(): EnvoyTypeIndex {
  envoyIndex ??= new EnvoyTypeIndex(readJson<EnvoyApiModel>('envoy-api.json'));
  return envoyIndex;
}

/** Envoy's API documentation, kept apart from the model and read only when a hover or completion needs it. */
export function loadEnvoyDocs(): EnvoyApiDocs {
  envoyDocs ??= readJson<EnvoyApiDocs>('envoy-docs.json');
  return envoyDocs;
}

export function loadIstioModel(): IstioModel {
  istioModel ??= readJson<IstioModel>('istio.json');
  return istioModel;
}
