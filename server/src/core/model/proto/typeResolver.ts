import * as protobuf from 'protobufjs';

export interface ResolvedType {
  name: string;
  kind: 'message' | 'enum';
}

/**
 * Resolves a field's type name with protoc's scoping rules. protobufjs's own lookup also searches inside
 * sibling namespaces, so a short name could land on a same-named nested type protoc would never pick.
 *
 * protoc: from the innermost scope outwards, the first scope holding the name's first component decides.
 * But protoc only sees the packages of a file's imports, while this resolver sees every loaded file: from
 * `envoy.extensions.*`, `config.core.v3.X` meets the unrelated `envoy.extensions.config` package first. So a
 * compound name that fails inside such a scope keeps searching outwards.
 */
export class TypeResolver {
  private readonly types = new Map<string, 'message' | 'enum'>();
  private readonly aggregates = new Set<string>();

  constructor(root: protobuf.Root) {
    this.collect(root);
  }

  private collect(namespace: protobuf.NamespaceBase): void {
    for (const nested of namespace.nestedArray) {
      const name = nested.fullName.replace(/^\./, '');
      if (nested instanceof protobuf.Type) this.types.set(name, 'message');
      else if (nested instanceof protobuf.Enum) this.types.set(name, 'enum');
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type || nested instanceof protobuf.Enum) {
        this.aggregates.add(name);
      }
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) this.collect(nested);
    }
  }

  /** `scope` is the fully qualified name of the message declaring the field. */
  resolve(reference: string, scope: string): ResolvedType | undefined {
    if (reference.startsWith('.')) return this.typeAt(reference.slice(1));
    const firstComponent = reference.split('.')[0];
    const isCompound = firstComponent.length < reference.length;
    const scopeParts = scope ? scope.split('.') : [];
    for (let depth = scopeParts.length; depth >= 0; depth--) {
      const prefix = scopeParts.slice(0, depth).join('.');
      const qualify = (name: string): string => (prefix ? `${prefix}.${name}` : name);
      if (isCompound && !this.aggregates.has(qualify(firstComponent))) continue;
      const found = this.typeAt(qualify(reference));
      if (found) return found;
    }
    return undefined;
  }

  private typeAt(name: string): ResolvedType | undefined {
    const kind = this.types.get(name);
    return kind ? { name, kind } : undefined;
  }
}
