import { urlForType } from '../docs/docsLinks';
import type { LanguageModels } from '../docs/models';
import { extensionCategoryOf } from '../model/typeIndex';
import { messageSummary } from './fieldHover';

const TYPED_STRUCTS = new Set(['xds.type.v3.TypedStruct', 'udpa.type.v1.TypedStruct']);

export function typeNameOfUrl(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** One line naming an extension message: its extension name(s) and category. */
export function extensionLine(typeName: string, models: LanguageModels): string {
  const message = models.envoy.message(typeName);
  if (!message) {
    const replacement = models.envoy.replacementFor(typeName);
    return replacement ? `\`${typeName}\` is an old API name; v3 uses \`${replacement}\`` : `\`${typeName}\` is not in the bundled Envoy API`;
  }
  const names = message.extensions ?? [];
  if (names.length === 0) return `message \`${typeName}\``;
  const categories = [...new Set(names.map(extensionCategoryOf))];
  return `extension ${names.map((n) => `\`${n}\``).join(', ')} · category ${categories.map((c) => `\`${c}\``).join(', ')}`;
}

/** The hover of a `@type` URL: which extension it selects and what that extension does. */
export function extensionHoverMarkdown(url: string, models: LanguageModels): string {
  const typeName = typeNameOfUrl(url);
  const sections = [`**${typeName.split('.').pop()}** · ${extensionLine(typeName, models)}`];
  if (TYPED_STRUCTS.has(typeName)) {
    sections.push('A TypedStruct carries an extension\'s config as plain JSON: `type_url` names the message, `value` holds its fields.');
  }
  const summary = messageSummary(typeName, models);
  if (summary) sections.push(summary);
  if (models.envoy.message(typeName)?.deprecated) sections.push('**Deprecated** message.');
  const link = urlForType(typeName, models.envoy);
  sections.push(link ? `[${typeName} on envoyproxy.io](${link})` : `\`${url}\``);
  return sections.join('\n\n');
}
