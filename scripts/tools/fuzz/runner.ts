/**
 * Puts one document through the server the way an editor does (open, requests, an edit, requests again) and turns
 * everything that went wrong into a Failure. Documents stay open for a few more documents so the debounced
 * validation of their edit runs before they close.
 */
import type { FuzzDocument } from './documents';
import type { Failure, FailureLog } from './failures';
import type { LspSession } from './lspClient';
import { mutate } from './mutations';
import { lineStarts, probe, randomPosition, type ProbePlan, type ProbeResult } from './probes';
import { Rng } from './rng';

export interface RunStats {
  documents: number;
  requests: number;
  slowest?: { ms: number; method: string; document: number; origin: string };
  slowestDiagnostics?: { ms: number; document: number; origin: string };
}

interface OpenDocument {
  uri: string;
  document: FuzzDocument;
  edited: string;
  editedDiagnostics: Promise<boolean>;
}

export interface RunnerOptions {
  seed: number;
  /** a request slower than this is a failure */
  budgetMs: number;
  /** how long a normal document may take to get diagnostics before we call it missing */
  diagnosticsTimeoutMs: number;
  /** the same for heavy documents, which may legitimately take long */
  heavyTimeoutMs: number;
  window: number;
}

const ERROR_LOG = /Unexpected error|Unhandled|failed|\n\s+at /;
const STDERR_ERROR = /Error|Unhandled|Unexpected|FATAL|heap out of memory|Aborted/;

export class Runner {
  readonly stats: RunStats = { documents: 0, requests: 0 };
  /** set when a request of the last document was never answered: the caller replaces the server */
  hung = false;
  private readonly open: OpenDocument[] = [];
  private readonly known = new Map<string, OpenDocument>();

  constructor(
    private session: LspSession,
    private plan: ProbePlan,
    private readonly failures: FailureLog,
    private readonly options: RunnerOptions,
    private readonly report: (failure: Failure) => void,
  ) {}

  /** After a crash the caller starts a new server; documents open in the old one are gone with it. */
  replaceSession(session: LspSession, plan: ProbePlan): void {
    this.hung = false;
    this.session = session;
    this.plan = plan;
    this.open.length = 0;
    this.known.clear();
  }

  private fail(document: FuzzDocument, text: string, kind: Failure['kind'], detail: string): void {
    const failure = this.failures.record(
      { seed: this.options.seed, document: document.index, origin: document.origin, mutations: document.mutations, kind, detail },
      text,
      document.extension,
    );
    this.report(failure);
  }

  /** `afterEdit`: the first answer after a change also pays for re-analysing the document, as in the editor. */
  private checkResponses(document: FuzzDocument, text: string, results: ProbeResult[], afterEdit: boolean): void {
    for (const [i, { method, position, response }] of results.entries()) {
      this.stats.requests++;
      const where = position ? ` at ${position.line}:${position.character}` : '';
      if (!this.stats.slowest || response.ms > this.stats.slowest.ms) {
        this.stats.slowest = { ms: response.ms, method: `${method}${where}`, document: document.index, origin: document.origin };
      }
      if (response.timedOut) {
        this.hung = true;
        this.fail(document, text, 'timeout', `${method}${where} not answered within ${this.plan.timeoutMs} ms`);
      }
      else if (response.error && response.error !== 'server exited') this.fail(document, text, 'error-response', `${method}${where}: ${response.error}`);
      else if (response.ms > this.options.budgetMs) {
        const note = afterEdit && i === 0 ? ' (first request after the edit: includes re-analysis)' : '';
        this.fail(document, text, 'slow', `${method}${where} took ${response.ms.toFixed(0)} ms${note}`);
      }
    }
  }

  /** Error log lines name the document's URI when they can; those go to that document, the rest to the current one. */
  private checkLogs(current: FuzzDocument, currentText: string, logsBefore: number, stderrBefore: number): void {
    const count = Math.min(this.session.logs.length, this.session.logTotal - logsBefore);
    const fresh = count > 0 ? this.session.logs.slice(-count) : [];
    for (const line of fresh) {
      if (line.type !== 1 && !ERROR_LOG.test(line.message)) continue;
      const named = /fuzz\/doc-(\d+)\./.exec(line.message);
      const owner = named ? [...this.known.values()].find((o) => o.document.index === Number(named[1])) : undefined;
      const document = owner?.document ?? current;
      this.fail(document, owner ? owner.edited : currentText, 'error-log', line.message.slice(0, 2000));
    }
    const newStderr = this.session.stderrTotal - stderrBefore;
    if (newStderr > 0) {
      const tail = this.session.stderr.slice(-Math.min(newStderr, 4000));
      if (STDERR_ERROR.test(tail)) this.fail(current, currentText, 'stderr', tail);
    }
  }

  async run(document: FuzzDocument): Promise<void> {
    const { session } = this;
    const uri = `file:///fuzz/doc-${document.index}.${document.extension}`;
    const rng = Rng.forDocument(this.options.seed ^ 0x5bd1e995, document.index);
    const logsBefore = session.logTotal;
    const stderrBefore = session.stderrTotal;
    const waitMs = document.heavy ? this.options.heavyTimeoutMs : this.options.diagnosticsTimeoutMs;
    const plan = document.heavy ? { ...this.plan, timeoutMs: Math.max(this.plan.timeoutMs, waitMs) } : this.plan;

    const opened = performance.now();
    const published = session.waitForDiagnostics(uri, 1, waitMs);
    session.notify('textDocument/didOpen', { textDocument: { uri, languageId: document.languageId, version: 1, text: document.text } });
    const gotDiagnostics = await published;
    const diagnosticsMs = performance.now() - opened;
    if (gotDiagnostics && (!this.stats.slowestDiagnostics || diagnosticsMs > this.stats.slowestDiagnostics.ms)) {
      this.stats.slowestDiagnostics = { ms: diagnosticsMs, document: document.index, origin: document.origin };
    }
    if (!gotDiagnostics && session.alive) this.fail(document, document.text, 'no-diagnostics', `no diagnostics within ${waitMs} ms of didOpen`);
    this.checkResponses(document, document.text, await probe(session, uri, document.text, plan, rng), false);
    if (this.hung) {
      this.checkLogs(document, document.text, logsBefore, stderrBefore);
      this.stats.documents++;
      return;
    }

    // The edit: a whole new text half the time, a ranged change the other half (the server syncs incrementally).
    const second = mutate(document.heavy ? document.text.slice(0, 4096) : document.text, rng);
    let edited = second.text;
    let change: unknown = { text: edited };
    if (!document.heavy && rng.chance(0.5)) {
      const starts = lineStarts(document.text);
      const a = randomPosition(document.text, starts, rng);
      const b = randomPosition(document.text, starts, rng);
      const offsetOf = (p: { line: number; character: number }) => {
        if (p.line >= starts.length) return document.text.length;
        const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : document.text.length;
        return Math.min(starts[p.line] + p.character, lineEnd);
      };
      const [start, end] = offsetOf(a) <= offsetOf(b) ? [a, b] : [b, a];
      const insert = second.text.slice(0, rng.int(0, Math.min(200, second.text.length)));
      edited = document.text.slice(0, offsetOf(start)) + insert + document.text.slice(offsetOf(end));
      change = { range: { start, end }, text: insert };
    }
    // A heavy document opened meanwhile can hold the server for a long time, so the wait is bounded at close time.
    const editedDiagnostics = session.waitForDiagnostics(uri, 2, 600_000);
    session.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [change] });
    const withEdit: FuzzDocument = { ...document, mutations: [...document.mutations, `edit(${second.applied.join('+')})`] };
    this.checkResponses(withEdit, edited, await probe(session, uri, edited, plan, rng), true);

    const entry: OpenDocument = { uri, document: withEdit, edited, editedDiagnostics };
    this.open.push(entry);
    this.known.set(uri, entry);
    // A heavy document is closed at once so its memory does not add to the next one's.
    while (this.open.length > (document.heavy ? 0 : this.options.window)) await this.closeOldest();
    this.checkLogs(withEdit, edited, logsBefore, stderrBefore);
    this.stats.documents++;
  }

  private async closeOldest(): Promise<void> {
    const oldest = this.open.shift()!;
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([oldest.editedDiagnostics, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.options.diagnosticsTimeoutMs)))]);
    clearTimeout(timer);
    if (!ok && this.session.alive) this.fail(oldest.document, oldest.edited, 'no-diagnostics', 'no diagnostics for the edited version (2)');
    this.session.notify('textDocument/didClose', { textDocument: { uri: oldest.uri } });
    this.known.delete(oldest.uri);
  }

  async closeAll(): Promise<void> {
    while (this.open.length) await this.closeOldest();
  }
}
