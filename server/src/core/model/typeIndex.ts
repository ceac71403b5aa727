import type { EnumModel, EnvoyApiModel, FieldModel, MessageModel } from './types';

export interface MessageFields {
  /** lookup by proto name and by JSON name */
  byName: Map<string, FieldModel>;
  /** every accepted spelling, for did-you-mean */
  spellings: string[];
}

/** Fast lookups over the generated Envoy model, built lazily so loading stays cheap. */
export class EnvoyTypeIndex {
  private readonly fieldCache = new Map<string, MessageFields>();
  private previousNames: Map<string, string> | undefined;
  private extensionTypes: Map<string, string[]> | undefined;
  private packages: Set<string> | undefined;

  constructor(readonly model: EnvoyApiModel) {}

  get apiVersion(): string {
    return this.model.source.apiVersion;
  }

  message(name: string): MessageModel | undefined {
    return this.model.messages[name];
  }

  enumType(name: string): EnumModel | undefined {
    return this.model.enums[name];
  }

  /** The .proto file declaring a top-level message or enum, as the model recorded it (none for descriptor sets without file names). */
  protoFileOf(topLevelTypeName: string): string | undefined {
    return this.model.messages[topLevelTypeName]?.file ?? this.model.enums[topLevelTypeName]?.file;
  }

  fields(messageName: string): MessageFields {
    let cached = this.fieldCache.get(messageName);
    if (!cached) {
      const byName = new Map<string, FieldModel>();
      for (const field of this.model.messages[messageName]?.fields ?? []) {
        byName.set(field.name, field);
        byName.set(field.jsonName, field);
      }
      cached = { byName, spellings: [...byName.keys()] };
      this.fieldCache.set(messageName, cached);
    }
    return cached;
  }

  /** The v3 message that replaced an older (v2, v3alpha) type name, if the API records it. */
  replacementFor(oldTypeName: string): string | undefined {
    if (!this.previousNames) {
      this.previousNames = new Map();
      for (const [name, message] of Object.entries(this.model.messages)) {
        if (message.previous && !this.previousNames.has(message.previous)) this.previousNames.set(message.previous, name);
      }
    }
    return this.previousNames.get(oldTypeName);
  }

  /** The message types that configure an extension name (e.g. `envoy.filters.http.router` → Router). */
  typesForExtension(extensionName: string): string[] {
    if (!this.extensionTypes) {
      this.extensionTypes = new Map();
      for (const [name, message] of Object.entries(this.model.messages)) {
        for (const extension of message.extensions ?? []) {
          const list = this.extensionTypes.get(extension) ?? [];
          list.push(name);
          this.extensionTypes.set(extension, list);
        }
      }
    }
    return this.extensionTypes.get(extensionName) ?? [];
  }

  extensionNames(): string[] {
    this.typesForExtension('');
    return [...this.extensionTypes!.keys()];
  }

  hasPackage(packageName: string): boolean {
    if (!this.packages) {
      this.packages = new Set();
      for (const name of Object.keys(this.model.messages)) {
        const parts = name.split('.');
        // Nested messages start with an upper-case segment; the package is everything before the first one.
        const firstType = parts.findIndex((part) => /^[A-Z]/.test(part));
        this.packages.add(parts.slice(0, firstType < 0 ? parts.length - 1 : firstType).join('.'));
      }
    }
    return this.packages.has(packageName);
  }

  messageNames(): string[] {
    return Object.keys(this.model.messages);
  }
}

export function packageOf(typeName: string): string {
  const parts = typeName.split('.');
  const firstType = parts.findIndex((part) => /^[A-Z]/.test(part));
  return parts.slice(0, firstType < 0 ? parts.length - 1 : firstType).join('.');
}

/** The category of an extension is its name without the last segment: envoy.filters.http.router → envoy.filters.http. */
export function extensionCategoryOf(extensionName: string): string {
  const dot = extensionName.lastIndexOf('.');
  return dot > 0 ? extensionName.slice(0, dot) : extensionName;
}
