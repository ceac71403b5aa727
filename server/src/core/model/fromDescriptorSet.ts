import * as protobuf from 'protobufjs';
import 'protobufjs/ext/descriptor';
import { modelStats, type BuildEnvoyModelResult } from './fromProto';
import type { EnvoyApiModel } from './types';
import { convertProtoRoot } from './proto/convert';

/**
 * Builds the Envoy model from a compiled FileDescriptorSet (`protoc --include_imports --descriptor_set_out`), with
 * the same converter as .proto folders. A descriptor set keeps types, fields, enums, oneofs and `deprecated`, but
 * protobufjs maps neither its comments nor custom options onto reflection objects: no docs, no extension names from
 * `[#extension:]` comments, no `(validate.rules)` constraints. The model validates structure only.
 */
export function buildEnvoyModelFromDescriptorSet(bytes: Uint8Array, source: EnvoyApiModel['source']): BuildEnvoyModelResult {
  const loadStart = performance.now();
  const fromDescriptor = (protobuf.Root as unknown as { fromDescriptor(data: Uint8Array, options?: { keepCase?: boolean }): protobuf.Root }).fromDescriptor;
  const root = fromDescriptor(bytes, { keepCase: true });
  const convertStart = performance.now();
  const converted = convertProtoRoot(root, new Map());
  const convertEnd = performance.now();
  return {
    model: { format: 1, source, messages: converted.messages, enums: converted.enums },
    docs: converted.docs,
    warnings: [
      'a compiled descriptor set carries no comments or validate rules: extension names, constraints and docs are missing',
      ...converted.warnings,
    ],
    fromFallback: [],
    stats: modelStats(root.files.length, converted, { loadStart, convertStart, convertEnd }),
  };
}
