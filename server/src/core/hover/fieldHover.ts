import { urlForField, urlForType } from '../docs/docsLinks';
import type { LanguageModels } from '../docs/models';
import { rstToMarkdown } from '../docs/rstToMarkdown';
import type { EnvoyTypeIndex } from '../model/typeIndex';
import type { EnvoyApiDocs, FieldModel } from '../model/types';
import { describeRules } from './constraints';

const renderedDocs = new WeakMap<EnvoyApiDocs, Map<string, string>>();

/**
 * The Markdown documentation of a docs key (`Message`, `Message.field`, `Enum.VALUE`), converted once. The docs
 * and the type index always come from the same API, so the cache is keyed by the docs alone.
 */
export function docsMarkdown(models: Pick<LanguageModels, 'docs' | 'envoy'>, key: string): string | undefined {
  const docs = models.docs;
  let cache = renderedDocs.get(docs);
  if (!cache) renderedDocs.set(docs, (cache = new Map()));
  if (cache.has(key)) return cache.get(key) || undefined;
  const rst = docs[key];
  const markdown = rst ? rstToMarkdown(rst, models.envoy) : '';
  cache.set(key, markdown);
  return markdown || undefined;
}

const WELL_KNOWN: Record<string, string> = {
  'google.protobuf.Duration': 'duration, e.g. `5s` or `0.250s`',
  'google.protobuf.Timestamp': 'timestamp (RFC 3339)',
  'google.protobuf.BoolValue': 'bool (optional)',
  'google.protobuf.UInt32Value': 'uint32 (optional)',
  'google.protobuf.UInt64Value': 'uint64 (optional)',
  'google.protobuf.Int32Value': 'int32 (optional)',
  'google.protobuf.Int64Value': 'int64 (optional)',
  'google.protobuf.DoubleValue': 'double (optional)',
  'google.protobuf.FloatValue': 'float (optional)',
  'google.protobuf.StringValue': 'string (optional)',
  'google.protobuf.BytesValue': 'bytes (optional, base64)',
  'google.protobuf.Struct': 'free-form object',
  'google.protobuf.Value': 'any JSON value',
  'google.protobuf.ListValue': 'list of JSON values',
  'google.protobuf.Empty': 'empty object `{}`',
  'google.protobuf.Any': 'extension: an object whose `@type` names its message',
};

function shortName(typeName: string): string {
  const parts = typeName.split('.');
  const firstType = parts.findIndex((part) => /^[A-Z]/.test(part));
  return parts.slice(firstType < 0 ? parts.length - 1 : firstType).join('.');
}

function typeReference(typeName: string, kind: 'msg' | 'enum', index: EnvoyTypeIndex): string {
  const url = urlForType(typeName, index, kind);
  return url ? `[${shortName(typeName)}](${url})` : `\`${shortName(typeName)}\``;
}

export function describeElementType(field: FieldModel, index: EnvoyTypeIndex): string {
  if (field.kind === 'scalar') return field.type === 'bytes' ? 'bytes (base64)' : field.type;
  if (WELL_KNOWN[field.type]) return WELL_KNOWN[field.type];
  if (field.kind === 'enum') {
    const values = index.enumType(field.type)?.values.filter((v) => !v.deprecated).map((v) => `\`${v.name}\``) ?? [];
    const listed = values.length > 8 ? `${values.slice(0, 8).join(', ')}, …` : values.join(', ');
    return `enum ${typeReference(field.type, 'enum', index)}${listed ? `: ${listed}` : ''}`;
  }
  if (field.type === 'envoy.config.core.v3.TypedExtensionConfig') return 'extension: `name` plus a `typed_config` whose `@type` names its message';
  return `message ${typeReference(field.type, 'msg', index)}`;
}

export function describeFieldType(field: FieldModel, index: EnvoyTypeIndex): string {
  const element = describeElementType(field, index);
  if (field.mapKey) return `map of ${field.mapKey} → ${element}`;
  if (field.repeated) return `list of ${element}`;
  return element;
}

/** A default the docs state in so many words: `defaults to 5s`, `default value of 1024`, `If not set, … is used`. */
export function defaultFromDocs(markdown: string | undefined): string | undefined {
  if (!markdown) return undefined;
  const match = /\b(?:defaults? to|default value (?:of|is)|default of|default is|defaults? is|by default,? is)\s+(`[^`]+`|[-\w.%]+(?:\s(?:seconds?|ms|milliseconds|minutes?|hours?|bytes|KiB|MiB|GiB|percent))?)/i.exec(markdown);
  if (!match) return undefined;
  const value = match[1].replace(/\.$/, '');
  return /^(the|a|an|which|when|if|that|this|none|not)$/i.test(value) ? undefined : value;
}

/** The sentence that says a field is deprecated and what replaces it, from the docs. */
export function deprecationFromDocs(markdown: string | undefined): string | undefined {
  if (!markdown) return undefined;
  const sentences = markdown.replace(/\n(?!\n)/g, ' ').split(/(?<=\.)\s+/);
  const sentence = sentences.find((s) => /deprecated/i.test(s) && /(in favou?r of|instead|replaced by|use )/i.test(s));
  return sentence?.replace(/^>\s*(\*\*\w+:\*\*\s*)?/, '').trim();
}

/** The hover for a field key: what it is, its type, default, constraints, deprecation and where the docs are. */
export function fieldHoverMarkdown(owner: string, field: FieldModel, models: LanguageModels, explanation: string[] = []): string {
  const docs = docsMarkdown(models, `${owner}.${field.name}`);
  const header = `**${field.name}** · ${describeFieldType(field, models.envoy)}`;
  const facts: string[] = [];
  const defaultValue = defaultFromDocs(docs);
  if (defaultValue) facts.push(`Default: ${defaultValue}`);
  const constraints = describeRules(field.rules);
  if (constraints.length) facts.push(`Constraints: ${constraints.join('; ')}`);
  if (field.oneof) facts.push(`One of \`${field.oneof}\`: set at most one of its fields`);
  if (field.extensionCategory?.length) facts.push(`Extension category: ${field.extensionCategory.map((c) => `\`${c}\``).join(', ')}`);
  if (field.notImplemented) facts.push('Not implemented by Envoy (the API reserves it)');
  if (field.deprecated) {
    const replacement = deprecationFromDocs(docs);
    facts.push(`**Deprecated**${field.deprecatedSince ? ` since API ${field.deprecatedSince}` : ''}${replacement ? `: ${replacement}` : ''}`);
  }
  const link = urlForField(owner, field.name, models.envoy);
  const sections = [header, ...explanation, docs ?? '_No documentation in the API for this field._'];
  if (facts.length) sections.push(facts.map((fact) => `- ${fact}`).join('\n'));
  sections.push(link ? `[${shortName(owner)}.${field.name} on envoyproxy.io](${link})` : `in \`${owner}\``);
  return sections.join('\n\n');
}

export function enumValueHoverMarkdown(enumType: string, valueName: string, models: LanguageModels): string | undefined {
  const value = models.envoy.enumType(enumType)?.values.find((v) => v.name === valueName);
  if (!value) return undefined;
  const docs = docsMarkdown(models, `${enumType}.${valueName}`);
  const lines = [`**${valueName}** · value of enum ${typeReference(enumType, 'enum', models.envoy)}`];
  if (docs) lines.push(docs);
  if (value.deprecated) lines.push(`**Deprecated**${value.deprecatedSince ? ` since API ${value.deprecatedSince}` : ''}`);
  return lines.join('\n\n');
}

export function messageSummary(typeName: string, models: LanguageModels): string | undefined {
  const docs = docsMarkdown(models, typeName);
  return docs?.split(/\n\s*\n/)[0]?.trim() || undefined;
}

export { shortName as shortTypeName, typeReference };
