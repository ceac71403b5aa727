import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeApiFolder, type ApiFolder } from '../core/model/apiFolder';
import { buildEnvoyModelFromDescriptorSet } from '../core/model/fromDescriptorSet';
import { buildEnvoyModelFromProtoRoots, type BuildEnvoyModelResult } from '../core/model/fromProto';
import { isDefaultEntryFile } from '../core/model/proto/loadProtos';
import { EnvoyTypeIndex } from '../core/model/typeIndex';
import type { EnvoyApiDocs, EnvoyApiModel } from '../core/model/types';
import { findSchemasDir, loadEnvoyApiDependencies } from './models';
import { PRODUCT_VERSION } from '../version';

/** Bumped when the cached file's shape changes (2: top-level types record their .proto file, for docs links). */
const CACHE_FORMAT = 2;
const DESCRIPTOR_SET = /\.(pb|desc|protoset|binpb|bin)$/i;

export type EnvoyApiLoad =
  | {
      ok: true;
      index: EnvoyTypeIndex;
      docs: () => EnvoyApiDocs;
      /** short, for the status bar */
      label: string;
      /** what messages name (the model's source.apiVersion) */
      apiVersion: string;
      cacheHit: boolean;
      ms: number;
      /** things the user should know even though the API loaded */
      notes: string[];
    }
  | { ok: false; message: string; notes: string[] };

/** The OS cache folder for the CLI and for a server whose client named no storage folder. */
export function defaultCacheDir(): string {
  const home = os.homedir();
  const base = process.env.XDG_CACHE_HOME
    || (process.platform === 'win32' ? process.env.LOCALAPPDATA : undefined)
    || (process.platform === 'darwin' ? path.join(home, 'Library', 'Caches') : path.join(home, '.cache'));
  return path.join(base || os.tmpdir(), 'envoy-lens', 'envoy-api');
}

/** Counted per process, so tests can tell a cache hit from a rebuild without timing anything. */
export const envoyApiCacheStats = { hits: 0, misses: 0 };

interface CachedModel {
  format: number;
  label: string;
  notes: string[];
  model: EnvoyApiModel;
}

function sha256(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** A different converter (a new release, a rebuilt bundle) or a different dependency bundle must not reuse a cache. */
function converterStamp(): string {
  const stamp = (file: string) => {
    try {
      const stat = fs.statSync(file);
      return `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return 'none';
    }
  };
  let deps = 'none';
  try {
    deps = stamp(path.join(findSchemasDir(), 'envoy-api-deps.json'));
  } catch {
    // no schemas folder: no dependency bundle either
  }
  return `${CACHE_FORMAT}|${PRODUCT_VERSION}|${stamp(__filename)}|${deps}`;
}

function readCache(cacheDir: string, key: string): { cached: CachedModel; docs: () => EnvoyApiDocs } | undefined {
  const modelFile = path.join(cacheDir, `${key}.model.json`);
  try {
    const cached = JSON.parse(fs.readFileSync(modelFile, 'utf8')) as CachedModel;
    if (cached.format !== CACHE_FORMAT) return undefined;
    let docs: EnvoyApiDocs | undefined;
    const docsFile = path.join(cacheDir, `${key}.docs.json`);
    return { cached, docs: () => (docs ??= readDocs(docsFile)) };
  } catch {
    return undefined;
  }
}

function readDocs(file: string): EnvoyApiDocs {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as EnvoyApiDocs;
  } catch {
    return {};
  }
}

/** Written to a temporary name and renamed, so a second process never reads half a file. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

function writeCache(cacheDir: string, key: string, cached: CachedModel, docs: EnvoyApiDocs): string | undefined {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    writeAtomically(path.join(cacheDir, `${key}.docs.json`), JSON.stringify(docs));
    writeAtomically(path.join(cacheDir, `${key}.model.json`), JSON.stringify(cached));
    return undefined;
  } catch (error) {
    return `could not write the model cache in ${cacheDir}: ${(error as Error).message}`;
  }
}

/** Warnings that mean the folder cannot stand for an Envoy API: Envoy's own files missing or unreadable. */
function incompleteness(warnings: string[]): string[] {
  return warnings.filter((warning) => /^missing import (envoy|contrib)\//.test(warning) || /^could not parse /.test(warning) || /^entry file not found/.test(warning));
}

type Built = { result?: BuildEnvoyModelResult; label: string; problem?: string; notes: string[] };

function buildFromFolder(apiPath: string, folder: ApiFolder): Built {
  if (!folder.files.some((file) => file.startsWith('envoy/'))) {
    return { label: folder.label, notes: [], problem: `${apiPath} has no Envoy .proto files (expected envoy/… under it, as in Envoy's api/ folder or data-plane-api)` };
  }
  let dependencies = new Map<string, string>();
  const notes: string[] = [];
  try {
    dependencies = loadEnvoyApiDependencies();
  } catch {
    notes.push('the bundled dependency protos are missing; types from missing dependencies accept any value');
  }
  const onDisk = new Set(folder.files);
  const entryFiles = [
    ...folder.files.filter(isDefaultEntryFile),
    ...[...dependencies.keys()].filter((file) => isDefaultEntryFile(file) && !onDisk.has(file)),
  ];
  const result = buildEnvoyModelFromProtoRoots({
    roots: folder.roots,
    entryFiles,
    fallbackSources: dependencies,
    source: { package: folder.folder, packageVersion: folder.contentHash.slice(0, 12), apiVersion: folder.apiVersion },
  });
  const missing = incompleteness(result.warnings);
  if (missing.length > 0) {
    const shown = missing.slice(0, 3).join('; ') + (missing.length > 3 ? `; and ${missing.length - 3} more` : '');
    return { label: folder.label, notes, problem: `${apiPath} is incomplete: ${shown}` };
  }
  if (result.fromFallback.length > 0) notes.push(`${result.fromFallback.length} dependency files (xds, udpa, validate, googleapis) came from the bundled copies`);
  const unresolved = result.warnings.filter((warning) => warning.startsWith('unresolved type') || warning.startsWith('missing import'));
  if (unresolved.length > 0) notes.push(`${unresolved.length} imports or types could not be found; fields of those types accept any value`);
  return { result, label: folder.label, notes };
}

function buildFromDescriptorSet(apiPath: string, bytes: Buffer): Built {
  const hash = sha256(bytes);
  const label = `${path.basename(apiPath)} #${hash.slice(0, 8)}`;
  try {
    const result = buildEnvoyModelFromDescriptorSet(bytes, { package: apiPath, packageVersion: hash.slice(0, 12), apiVersion: `descriptor set "${path.basename(apiPath)}" #${hash.slice(0, 8)}, which records no Envoy version` });
    if (!Object.keys(result.model.messages).some((name) => name.startsWith('envoy.'))) {
      return { label, notes: [], problem: `${apiPath} has no Envoy message types` };
    }
    return { result, label, notes: [result.warnings[0]] };
  } catch (error) {
    return { label, notes: [], problem: `${apiPath} is not a usable FileDescriptorSet (build it with protoc --include_imports): ${(error as Error).message}` };
  }
}

/**
 * Builds the Envoy model from a user's API folder or descriptor set with the build's own converter, or reads it from
 * the cache in `cacheDir` when the same content was built before.
 */
export function loadEnvoyApi(apiPath: string, cacheDir: string): EnvoyApiLoad {
  const started = performance.now();
  let stat: fs.Stats;
  try {
    stat = fs.statSync(apiPath);
  } catch {
    return { ok: false, message: `${apiPath} does not exist`, notes: [] };
  }
  const isDescriptorSet = stat.isFile() && DESCRIPTOR_SET.test(apiPath);
  if (!stat.isDirectory() && !isDescriptorSet) {
    return { ok: false, message: `${apiPath} is neither a folder of .proto files nor a descriptor set (.pb)`, notes: [] };
  }
  // The content key is cheap to compute (hashing ~7 MB of protos takes tens of milliseconds); parsing is what costs.
  const bytes = isDescriptorSet ? fs.readFileSync(apiPath) : undefined;
  const folder = isDescriptorSet ? undefined : describeApiFolder(apiPath);
  const contentKey = bytes ? sha256('descriptors', sha256(bytes)) : sha256('folder', folder!.contentHash);
  const key = sha256(converterStamp(), contentKey).slice(0, 32);
  const hit = readCache(cacheDir, key);
  if (hit) {
    envoyApiCacheStats.hits++;
    return { ok: true, index: new EnvoyTypeIndex(hit.cached.model), docs: hit.docs, label: hit.cached.label, apiVersion: hit.cached.model.source.apiVersion,
      cacheHit: true, ms: Math.round(performance.now() - started), notes: hit.cached.notes };
  }
  envoyApiCacheStats.misses++;
  const built = bytes ? buildFromDescriptorSet(apiPath, bytes) : buildFromFolder(apiPath, folder!);
  if (!built.result || built.problem) return { ok: false, message: built.problem ?? `${apiPath} could not be read`, notes: built.notes };
  const { model, docs } = built.result;
  const notes = [...built.notes];
  const cacheProblem = writeCache(cacheDir, key, { format: CACHE_FORMAT, label: built.label, notes: built.notes, model }, docs);
  if (cacheProblem) notes.push(cacheProblem);
  return { ok: true, index: new EnvoyTypeIndex(model), docs: () => docs, label: built.label, apiVersion: model.source.apiVersion,
    cacheHit: false, ms: Math.round(performance.now() - started), notes };
}
