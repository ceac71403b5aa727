import * as protobuf from 'protobufjs';
import type {
  EnumModel, EnumValueModel, EnvoyApiDocs, FieldModel, MessageModel, OneofModel, ScalarType,
} from '../types';
import { normalizeComment, readCommentTags } from './comments';
import { assignFileLevelExtensions } from './fileExtensions';
import { TypeResolver } from './typeResolver';
import { fieldRulesFromPgv, mergeOptionObjects } from './validateRules';

const SCALAR_TYPES = new Set<string>([
  'double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes',
]);

export interface ConvertedProtos {
  messages: Record<string, MessageModel>;
  enums: Record<string, EnumModel>;
  docs: EnvoyApiDocs;
  warnings: string[];
}

type Options = Record<string, unknown> | undefined;

function qualifiedName(object: protobuf.ReflectionObject): string {
  return object.fullName.replace(/^\./, '');
}

/** protoc's rule: drop underscores and upper-case the letter after each. */
export function protoJsonName(fieldName: string): string {
  return fieldName.replace(/_+([a-zA-Z0-9]?)/g, (_, next: string) => next.toUpperCase());
}

/** One object per option name, merging the separate entries protobufjs keeps for repeated settings. */
function parsedOption(object: { parsedOptions?: Record<string, unknown>[] }, name: string): unknown {
  let merged: unknown;
  for (const entry of object.parsedOptions ?? []) {
    if (!(name in entry)) continue;
    const value = entry[name];
    const isMergeable = typeof value === 'object' && value !== null && !Array.isArray(value);
    merged = isMergeable && typeof merged === 'object' && merged !== null
      ? mergeOptionObjects({ ...(merged as Record<string, unknown>) }, value as Record<string, unknown>)
      : value;
  }
  return merged;
}

function isSyntheticOneof(oneof: protobuf.OneOf): boolean {
  const members = oneof.fieldsArray;
  if (members.length === 1 && (members[0].options as Options)?.proto3_optional === true) return true;
  return oneof.name.startsWith('_') && members.length === 1;
}

function isDeclaredField(field: protobuf.Field): boolean {
  // Extensions of descriptor options show up as copies named `.pkg.name`; they are not message fields.
  return !field.name.startsWith('.') && !field.declaringField && field.extend === undefined;
}

class ProtoConverter {
  readonly messages: Record<string, MessageModel> = {};
  readonly enums: Record<string, EnumModel> = {};
  readonly docs: EnvoyApiDocs = {};
  readonly warnings: string[] = [];
  private readonly unmappedRules = new Map<string, number>();
  private readonly unresolvedTypes = new Map<string, string[]>();
  private readonly topLevelMessagesByFile = new Map<string, protobuf.Type[]>();

  private readonly resolver: TypeResolver;

  constructor(root: protobuf.Root, private readonly fileTexts: Map<string, string>) {
    this.resolver = new TypeResolver(root);
  }

  convert(root: protobuf.Root): void {
    this.visit(root);
    assignFileLevelExtensions(this.messages, this.topLevelMessagesByFile, this.fileTexts);
    for (const [rule, count] of [...this.unmappedRules].sort(([a], [b]) => a.localeCompare(b))) {
      this.warnings.push(`validate rule ${rule} has no place in the model (dropped ${count}x)`);
    }
    for (const [typeName, users] of [...this.unresolvedTypes].sort(([a], [b]) => a.localeCompare(b))) {
      const shown = users.slice(0, 3).join(', ') + (users.length > 3 ? `, +${users.length - 3} more` : '');
      this.warnings.push(`unresolved type ${typeName} (used by ${shown}); kept as written and marked unresolved`);
    }
  }

  private visit(namespace: protobuf.NamespaceBase): void {
    for (const nested of namespace.nestedArray) {
      const topLevelFile = !(namespace instanceof protobuf.Type) && (nested instanceof protobuf.Type || nested instanceof protobuf.Enum) ? nested.filename : null;
      if (nested instanceof protobuf.Type) {
        this.convertMessage(nested);
        if (topLevelFile) {
          this.messages[qualifiedName(nested)].file = topLevelFile;
          const list = this.topLevelMessagesByFile.get(topLevelFile) ?? [];
          list.push(nested);
          this.topLevelMessagesByFile.set(topLevelFile, list);
        }
      } else if (nested instanceof protobuf.Enum) {
        this.convertEnum(nested);
        if (topLevelFile) this.enums[qualifiedName(nested)].file = topLevelFile;
      }
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) this.visit(nested);
    }
  }

  private addDoc(key: string, comment: string | null | undefined): string | undefined {
    const text = normalizeComment(comment);
    if (text) this.docs[key] = text;
    return text;
  }

  private convertMessage(type: protobuf.Type): void {
    const name = qualifiedName(type);
    const comment = this.addDoc(name, type.comment);
    const tags = readCommentTags(comment);
    const options = type.options as Options;
    const fields = type.fieldsArray.filter(isDeclaredField).map((field) => this.convertField(name, field));
    const message: MessageModel = { fields };

    const oneofs: OneofModel[] = type.oneofsArray.filter((oneof) => !isSyntheticOneof(oneof)).map((oneof) => {
      const model: OneofModel = { name: oneof.name, fields: [...oneof.oneof] };
      if ((oneof.options as Options)?.['(validate.required)'] === true) model.required = true;
      this.applyOneofExtensionCategories(message, oneof);
      return model;
    });
    if (oneofs.length > 0) message.oneofs = oneofs;

    const reservedNames = (type.reserved ?? []).filter((entry): entry is string => typeof entry === 'string');
    if (reservedNames.length > 0) message.reservedNames = reservedNames;
    if (options?.deprecated === true) message.deprecated = true;
    const previous = options?.['(udpa.annotations.versioning).previous_message_type'];
    if (typeof previous === 'string' && previous) message.previous = previous;
    if (tags.extensions.length > 0) message.extensions = tags.extensions;
    if (tags.notImplemented) message.notImplemented = true;
    this.messages[name] = message;
  }

  /**
   * Envoy sometimes tags the oneof (`// [#extension-category: envoy.tracers]` above `oneof config_type`) rather
   * than the typed_config inside it; the tag still describes what that field accepts.
   */
  private applyOneofExtensionCategories(message: MessageModel, oneof: protobuf.OneOf): void {
    const categories = readCommentTags(normalizeComment(oneof.comment)).extensionCategories;
    if (categories.length === 0) return;
    for (const field of message.fields) {
      if (field.oneof === oneof.name && field.kind === 'message' && !field.extensionCategory) {
        field.extensionCategory = categories;
      }
    }
  }

  private convertField(messageName: string, field: protobuf.Field): FieldModel {
    const comment = this.addDoc(`${messageName}.${field.name}`, field.comment);
    const tags = readCommentTags(comment);
    const options = field.options as Options;
    const jsonName = typeof options?.json_name === 'string' ? options.json_name : protoJsonName(field.name);
    const model: FieldModel = { name: field.name, jsonName, type: field.type, kind: 'scalar' };

    if (!SCALAR_TYPES.has(field.type)) {
      const resolved = this.resolver.resolve(field.type, messageName);
      if (resolved) {
        model.type = resolved.name;
        model.kind = resolved.kind;
      } else {
        model.type = field.type.replace(/^\./, '');
        model.kind = 'message';
        model.unresolved = true;
        const users = this.unresolvedTypes.get(model.type) ?? [];
        users.push(`${messageName}.${field.name}`);
        this.unresolvedTypes.set(model.type, users);
      }
    }
    if (field.repeated) model.repeated = true;
    if (field instanceof protobuf.MapField) model.mapKey = field.keyType as ScalarType;
    if (field.partOf && !isSyntheticOneof(field.partOf)) model.oneof = field.partOf.name;
    if (options?.deprecated === true) model.deprecated = true;
    const since = options?.['(envoy.annotations.deprecated_at_minor_version)'];
    if (typeof since === 'string' && since) model.deprecatedSince = since;

    const rules = fieldRulesFromPgv(parsedOption(field, '(validate.rules)'), (rule) => {
      this.unmappedRules.set(rule, (this.unmappedRules.get(rule) ?? 0) + 1);
    });
    if (rules) model.rules = rules;
    if (tags.extensionCategories.length > 0) model.extensionCategory = tags.extensionCategories;
    if (tags.notImplemented) model.notImplemented = true;
    return model;
  }

  private convertEnum(enumType: protobuf.Enum): void {
    const name = qualifiedName(enumType);
    this.addDoc(name, enumType.comment);
    const values: EnumValueModel[] = Object.entries(enumType.values).map(([valueName, number]) => {
      this.addDoc(`${name}.${valueName}`, enumType.comments?.[valueName]);
      const value: EnumValueModel = { name: valueName, number };
      const valueOptions = enumType.valuesOptions?.[valueName] as Options;
      if (valueOptions?.deprecated === true) value.deprecated = true;
      const since = valueOptions?.['(envoy.annotations.deprecated_at_minor_version_enum)'];
      if (typeof since === 'string' && since) value.deprecatedSince = since;
      return value;
    });
    this.enums[name] = { values };
  }
}

export function convertProtoRoot(root: protobuf.Root, fileTexts: Map<string, string>): ConvertedProtos {
  const converter = new ProtoConverter(root, fileTexts);
  converter.convert(root);
  return { messages: converter.messages, enums: converter.enums, docs: converter.docs, warnings: converter.warnings };
}
