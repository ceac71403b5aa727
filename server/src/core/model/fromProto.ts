import type { EnvoyApiDocs, EnvoyApiModel, MessageModel } from './types';
import { convertProtoRoot } from './proto/convert';
import { attachDeprecationNotes } from './proto/deprecationNotes';
import { loadProtoFiles } from './proto/loadProtos';

export interface BuildEnvoyModelOptions {
  /** include roots, searched in order for every import (like protoc's `-I`) */
  roots: string[];
  /**
   * import paths to start from; by default every Envoy v3/v3alpha, contrib, xds and udpa file under the roots.
   * Whatever they import is loaded too.
   */
  entryFiles?: string[];
  /** recorded as the model's `source` */
  source?: EnvoyApiModel['source'];
  /** import path → text of files to use when no root has them (the bundled dependency protos) */
  fallbackSources?: ReadonlyMap<string, string>;
}

export interface BuildEnvoyModelResult {
  model: EnvoyApiModel;
  docs: EnvoyApiDocs;
  warnings: string[];
  /** the files taken from `fallbackSources` */
  fromFallback: string[];
  stats: { files: number; messages: number; enums: number; fields: number; loadMs: number; convertMs: number };
}

const UNKNOWN_SOURCE: EnvoyApiModel['source'] = { package: 'unknown', packageVersion: 'unknown', apiVersion: 'unknown' };

/** How big a converted model is and how long loading and converting took, for logs and the bench. */
export function modelStats(
  files: number,
  converted: { messages: Record<string, MessageModel>; enums: Record<string, unknown> },
  times: { loadStart: number; convertStart: number; convertEnd: number },
): BuildEnvoyModelResult['stats'] {
  const messages = Object.values(converted.messages);
  return {
    files,
    messages: messages.length,
    enums: Object.keys(converted.enums).length,
    fields: messages.reduce((total, message) => total + message.fields.length, 0),
    loadMs: Math.round(times.convertStart - times.loadStart),
    convertMs: Math.round(times.convertEnd - times.convertStart),
  };
}

/** Builds the Envoy type model and its docs from a folder (or folders) of .proto files laid out like Envoy's API. */
export function buildEnvoyModelFromProtoRoots(options: BuildEnvoyModelOptions): BuildEnvoyModelResult {
  const loadStart = performance.now();
  const loaded = loadProtoFiles(options.roots, options.entryFiles, options.fallbackSources);
  const convertStart = performance.now();
  const converted = convertProtoRoot(loaded.root, loaded.files);
  attachDeprecationNotes(converted.messages, converted.docs);
  const convertEnd = performance.now();

  const model: EnvoyApiModel = {
    format: 1,
    source: options.source ?? UNKNOWN_SOURCE,
    messages: converted.messages,
    enums: converted.enums,
  };
  const messageModels = Object.values(converted.messages);
  return {
    model,
    docs: converted.docs,
    warnings: [...loaded.warnings, ...converted.warnings],
    fromFallback: loaded.fromFallback,
    stats: modelStats(loaded.files.size, converted, { loadStart, convertStart, convertEnd }),
  };
}
