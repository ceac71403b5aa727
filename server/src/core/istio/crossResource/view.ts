import type { Finding, Severity } from '../../types';
import { identityOf, type IstioResourceFact, type RelatedResources, type Span } from './facts';

type FactOf<K extends IstioResourceFact['kind']> = Extract<IstioResourceFact, { kind: K }>;

/**
 * The resources a check can see: those of the file being checked (the only ones it reports on) and those of the
 * files checked with it. Conflicts with another workspace file are warnings, not errors: two folders of a repository
 * are often deployed to different clusters (overlays, environments), which we cannot tell from here.
 */
export class ResourceView {
  private readonly byKind = new Map<string, IstioResourceFact[]>();
  private readonly identities = new WeakMap<IstioResourceFact, string>();

  constructor(
    readonly local: readonly IstioResourceFact[],
    private readonly related: RelatedResources | undefined,
  ) {}

  localOf<K extends IstioResourceFact['kind']>(kind: K): FactOf<K>[] {
    return this.local.filter((fact): fact is FactOf<K> => fact.kind === kind);
  }

  allOf<K extends IstioResourceFact['kind']>(kind: K): FactOf<K>[] {
    let all = this.byKind.get(kind);
    if (!all) {
      all = [...this.localOf(kind), ...(this.related?.istio ?? []).filter((fact) => fact.kind === kind)];
      this.byKind.set(kind, all);
    }
    return all as FactOf<K>[];
  }

  /**
   * Resources of the same kind that are not `fact` itself. A resource of the same namespace and name in another file
   * is another version of the same object (an overlay, a copy per environment), so it never conflicts.
   */
  othersThan<F extends IstioResourceFact>(fact: F, among: readonly F[] = this.allOf(fact.kind) as unknown as F[]): F[] {
    const identity = this.identity(fact);
    return among.filter((other) => other !== fact && this.identity(other) !== identity);
  }

  private identity(fact: IstioResourceFact): string {
    let identity = this.identities.get(fact);
    if (identity === undefined) this.identities.set(fact, (identity = identityOf(fact)));
    return identity;
  }

  /** Where we looked, for messages about something we did not find. */
  get where(): string {
    if (!this.related) return 'in this file';
    return this.related.origin === 'file-set' ? 'in the files checked together' : 'in the workspace';
  }

  severityOfConflict(other: IstioResourceFact, sure: Severity): Severity {
    if (other.source === undefined || this.related?.origin === 'file-set') return sure;
    return sure === 'error' ? 'warning' : sure;
  }
}

/** Facts by every key they have (a host, a namespace…), so checks look up candidates instead of comparing all pairs. */
export function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

/** `A also routes`, `A, B also route`, `A, B, C and 4 more also route`. */
export function listWithVerb(facts: readonly string[], singular: string, plural: string): string {
  const shown = facts.length > 4 ? `${facts.slice(0, 3).join(', ')} and ${facts.length - 3} more` : facts.join(', ');
  return `${shown} ${facts.length === 1 ? singular : plural}`;
}

export function finding(at: Span, severity: Severity, code: string, message: string, extra?: Partial<Finding>): Finding {
  return { offset: at.offset, length: Math.max(at.length, 1), severity, code, message, ...extra };
}
