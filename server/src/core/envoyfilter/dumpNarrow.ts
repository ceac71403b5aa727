import { editDistance } from '../validate/suggest';

/**
 * Candidates narrowed one match criterion at a time, the way istiod tests them. The first criterion that leaves
 * nothing is remembered with an explanation built from what was still there just before it.
 */
export class Funnel<T> {
  miss?: string;
  readonly notes: string[] = [];

  constructor(public items: T[], emptyReason?: string) {
    if (items.length === 0 && emptyReason) this.miss = emptyReason;
  }

  keep(test: (item: T) => boolean, explain: (before: T[]) => string): this {
    if (this.miss !== undefined) return this;
    const before = this.items;
    this.items = before.filter(test);
    if (this.items.length === 0 && before.length > 0) this.miss = explain(before);
    return this;
  }

  /** Replaces each candidate by its parts (listeners by their chains…); an empty result is explained. */
  expand<U>(parts: (item: T) => U[], explain: (before: T[]) => string): Funnel<U> {
    const next = new Funnel<U>(this.miss !== undefined ? [] : this.items.flatMap(parts));
    next.notes.push(...this.notes);
    if (this.miss !== undefined) next.miss = this.miss;
    else if (next.items.length === 0 && this.items.length > 0) next.miss = explain(this.items);
    return next;
  }
}

/** Distinct values, nearest to `wanted` first, as a short quoted list. */
export function nearestList(wanted: string, values: Iterable<string>, limit = 5): string {
  const distinct = [...new Set(values)].filter((value) => value !== '');
  if (distinct.length === 0) return '(none)';
  const lowered = wanted.toLowerCase();
  // Edits beyond the length difference rank first, so "reviews:9080" finds "reviews.default.svc…:9080" before "allow_any".
  const ranked = distinct
    .map((value) => {
      const distance = editDistance(lowered, value.toLowerCase());
      return { value, distance, beyondLength: distance - Math.abs(value.length - wanted.length) };
    })
    .sort((a, b) => a.beyondLength - b.beyondLength || a.distance - b.distance || a.value.localeCompare(b.value));
  return listOf(ranked.map((entry) => entry.value), limit, true);
}

/** Distinct port numbers in ascending order. */
export function portList(ports: Iterable<number | undefined>, limit = 12): string {
  const distinct = [...new Set([...ports].filter((port): port is number => port !== undefined))].sort((a, b) => a - b);
  return distinct.length ? listOf(distinct.map(String), limit, false) : '(none)';
}

export function listOf(values: string[], limit: number, quote: boolean): string {
  const shown = values.slice(0, limit).map((value) => (quote ? `"${value}"` : value));
  const rest = values.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** "1 listener", "3 filter chains". */
export function countOf(count: number, singular: string): string {
  const pluralForm = singular.endsWith('s') ? `${singular}es` : `${singular}s`;
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
