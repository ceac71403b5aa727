/** Keeps each failure reproducible: the exact document goes to .cache/fuzz-failures/ with what happened to it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Failure {
  seed: number;
  document: number;
  /** seed file or heavy generator, then the mutations applied */
  origin: string;
  mutations: string[];
  kind: 'crash' | 'timeout' | 'slow' | 'error-response' | 'error-log' | 'stderr' | 'memory' | 'no-diagnostics';
  detail: string;
  file?: string;
}

export class FailureLog {
  readonly failures: Failure[] = [];
  private readonly written = new Set<string>();

  constructor(private readonly dir: string) {}

  record(failure: Failure, text: string, extension: string): Failure {
    const base = `seed${failure.seed}-doc${failure.document}-${failure.kind}`;
    if (!this.written.has(base)) {
      this.written.add(base);
      mkdirSync(this.dir, { recursive: true });
      failure.file = join(this.dir, `${base}.input.${extension}`);
      writeFileSync(failure.file, text);
      writeFileSync(join(this.dir, `${base}.json`), JSON.stringify({ ...failure, file: `${base}.input.${extension}` }, null, 2));
    }
    this.failures.push(failure);
    return failure;
  }

  count(kind?: Failure['kind']): number {
    return kind ? this.failures.filter((f) => f.kind === kind).length : this.failures.length;
  }
}
