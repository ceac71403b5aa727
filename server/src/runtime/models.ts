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

/** A user's Envoy API (runtime/envoyApiLoader.ts) in place of the bundled one, and a count of switches. */
let userEnvoyApi: { index: EnvoyTypeIndex; docs: () => EnvoyApiDocs } | undefined;
let envoyApiSwitches = 0;

/** Serves a user's Envoy API from now on; undefined goes back to the bundled one. */
export function useEnvoyApi(api: { index: EnvoyTypeIndex; docs: () => EnvoyApiDocs } | undefined): void {
  userEnvoyApi = api;
  envoyApiSwitches++;
}

/** Changes whenever useEnvoyApi does, so whoever built on the old index knows to rebuild. */
export function envoyApiGeneration(): number {
  return envoyApiSwitches;
}

/** The Envoy type model, read from disk on first use. */
export function loadEnvoyIndex(): EnvoyTypeIndex {
  if (userEnvoyApi) return userEnvoyApi.index;
  envoyIndex ??= new EnvoyTypeIndex(readJson<EnvoyApiModel>('envoy-api.json'));
  return envoyIndex;
}

/** Envoy's API documentation, kept apart from the model and read only when a hover or completion needs it. */
export function loadEnvoyDocs(): EnvoyApiDocs {
  if (userEnvoyApi) return userEnvoyApi.docs();
  envoyDocs ??= readJson<EnvoyApiDocs>('envoy-docs.json');
  return envoyDocs;
}

/** Import path → text of the dependency protos the bundled model was built with (scripts/schemas/envoyDeps.mjs). */
export function loadEnvoyApiDependencies(): Map<string, string> {
  const bundle = readJson<{ files: Record<string, string> }>('envoy-api-deps.json');
  return new Map(Object.entries(bundle.files));
}

export function loadIstioModel(): IstioModel {
  istioModel ??= readJson<IstioModel>('istio.json');
  return istioModel;
}
