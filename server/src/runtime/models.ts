import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chooseIstioModel, type IstioModelChoice, type IstioModelEntry } from '../core/istio/modelChoice';
import { LATEST_ISTIO_VERSION } from '../core/istio/versions';
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
const istioModels = new Map<string, IstioModel>();

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

function readIstioModel(file: string): IstioModel {
  let model = istioModels.get(file);
  if (!model) {
    model = readJson<IstioModel>(file);
    istioModels.set(file, model);
  }
  return model;
}

/** The newest Istio model, the one hovers, completion and "latest" validation use. */
export function loadIstioModel(): IstioModel {
  return readIstioModel('istio.json');
}

/** Newest first; scripts/schemas/istio.mjs generates each file from the Istio release named here. */
export const ISTIO_MODEL_FILES: readonly { version: string; file: string }[] = [
  { version: LATEST_ISTIO_VERSION, file: 'istio.json' },
  { version: '1.18', file: 'istio-1.18.json' },
];

const istioModelEntries: IstioModelEntry[] = ISTIO_MODEL_FILES.map(({ version, file }) => ({ version, load: () => readIstioModel(file) }));

/** The model Istio resources are validated against for the istioVersion setting; each file is read on first use. */
export function loadIstioModelFor(istioVersion: string): IstioModelChoice {
  return chooseIstioModel(istioVersion, istioModelEntries);
}
