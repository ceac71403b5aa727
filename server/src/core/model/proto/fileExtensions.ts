import * as protobuf from 'protobufjs';
import type { MessageModel } from '../types';
import { extensionTagsInSource } from './comments';

const PER_ROUTE = /PerRoute/;
const PER_ROUTE_WRAPPER = /^(\w+)PerRoute$/;

function qualifiedName(type: protobuf.Type): string {
  return type.fullName.replace(/^\./, '');
}

/** A message and every message nested in it. */
function selfAndNested(type: protobuf.Type): protobuf.Type[] {
  const nested = type.nestedArray.filter((child): child is protobuf.Type => child instanceof protobuf.Type);
  return [type, ...nested.flatMap(selfAndNested)];
}

/**
 * Envoy usually puts `[#extension: NAME]` in a file's title comment rather than on a message. Such a tag
 * belongs to the file's entry messages: the top-level ones nothing else in the file uses, such as ExtAuthz and
 * ExtAuthzPerRoute, or Upstream- and DownstreamTlsContext but not CommonTlsContext. Uses by messages tagged as
 * another extension do not count, and a per-route wrapper brings in the config it wraps (RBACPerRoute holds
 * an RBAC). It is a heuristic: a helper nobody in the file uses is claimed too.
 */
export function assignFileLevelExtensions(
  messages: Record<string, MessageModel>,
  topLevelMessagesByFile: Map<string, protobuf.Type[]>,
  fileTexts: Map<string, string>,
): void {
  for (const [fileName, topLevel] of topLevelMessagesByFile) {
    const text = fileTexts.get(fileName);
    if (!text) continue;
    const model = (type: protobuf.Type): MessageModel => messages[qualifiedName(type)];
    const hasOwnTag = (type: protobuf.Type): boolean => (model(type).extensions ?? []).length > 0;
    const attached = new Set(topLevel.flatMap(selfAndNested).flatMap((type) => model(type).extensions ?? []));
    const fileLevel = extensionTagsInSource(text).filter((tag) => !attached.has(tag.name));
    if (fileLevel.length === 0) continue;

    const usedWithinFile = new Set<string>();
    for (const type of topLevel) {
      if (hasOwnTag(type)) continue;
      const ownName = qualifiedName(type);
      for (const member of selfAndNested(type)) {
        for (const field of model(member).fields) {
          if (field.type !== ownName) usedWithinFile.add(field.type);
        }
      }
    }
    const unused = topLevel.filter((type) => !usedWithinFile.has(qualifiedName(type)) && !hasOwnTag(type));
    const wrapped = unused
      .map((type) => PER_ROUTE_WRAPPER.exec(type.name)?.[1])
      .map((wrappedName) => topLevel.find((type) => type.name === wrappedName && !hasOwnTag(type)));
    const entryMessages = topLevel.filter((type) => unused.includes(type) || wrapped.includes(type));
    const onlyPerRoute = entryMessages.every((type) => PER_ROUTE.test(type.name));

    for (const tag of fileLevel) {
      const targets = [...entryMessages];
      if (onlyPerRoute) {
        // The main config is then one the per-route message wraps; Envoy declares it right after the tag.
        const primary = topLevel.find((type) => type.name === tag.nextTopLevelMessage) ?? topLevel[0];
        if (primary && !hasOwnTag(primary) && !targets.includes(primary)) targets.unshift(primary);
      }
      for (const type of targets) {
        const message = model(type);
        if (!message.extensions?.includes(tag.name)) message.extensions = [...(message.extensions ?? []), tag.name];
      }
    }
  }
}
