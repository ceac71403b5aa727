/**
 * A minimal LSP client for tools: spawns the bundled server over stdio, times every request, and keeps what a
 * robustness check needs to see (stderr, error log messages, exit, resident memory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';

export interface TimedResponse<T = unknown> {
  result?: T;
  /** the JSON-RPC error message, when the server answered with an error */
  error?: string;
  /** true when no answer came within the timeout */
  timedOut: boolean;
  ms: number;
}

export interface LogLine {
  type: number;
  message: string;
}

export interface ServerCapabilitiesLite {
  hoverProvider?: unknown;
  definitionProvider?: unknown;
  documentSymbolProvider?: unknown;
  completionProvider?: unknown;
  [key: string]: unknown;
}

interface DiagnosticsWaiter {
  version: number | undefined;
  resolve: (ok: boolean) => void;
}

export class LspSession {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  capabilities: ServerCapabilitiesLite = {};
  readonly logs: LogLine[] = [];
  /** log messages ever received; `logs` keeps only the latest */
  logTotal = 0;
  /** requests on a large document the server answered with nothing because its analysis was still running */
  emptyAtDeadline = 0;
  stderr = '';
  /** characters ever written to stderr, to tell new output from old */
  stderrTotal = 0;
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly diagnosticsWaiters = new Map<string, DiagnosticsWaiter[]>();
  private readonly exitListeners = new Set<() => void>();

  constructor(serverPath: string, nodeArgs: string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.stderrTotal += chunk.length;
      // Only the tail matters for a report; an unbounded buffer would itself skew the memory we watch.
      this.stderr = (this.stderr + chunk).slice(-64 * 1024);
    });
    this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      for (const listener of [...this.exitListeners]) listener();
      this.exitListeners.clear();
      for (const waiters of this.diagnosticsWaiters.values()) for (const waiter of waiters) waiter.resolve(false);
      this.diagnosticsWaiters.clear();
    });
    // A write after the child died raises EPIPE; the exit itself is what gets reported.
    this.child.stdin!.on('error', () => undefined);
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('window/logMessage', (params: LogLine) => {
      this.logTotal++;
      this.logs.push(params);
      if (/answered with nothing after \d+ ms/.test(params.message)) this.emptyAtDeadline++;
      // A document whose validation failed gets no diagnostics: stop waiting for them.
      if (params.type === 1) {
        for (const [uri, waiters] of this.diagnosticsWaiters) {
          if (!params.message.includes(uri)) continue;
          for (const waiter of waiters) waiter.resolve(false);
          this.diagnosticsWaiters.delete(uri);
        }
      }
      if (this.logs.length > 500) this.logs.splice(0, this.logs.length - 500);
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
      const waiters = this.diagnosticsWaiters.get(params.uri);
      if (!waiters) return;
      const remaining = waiters.filter((waiter) => {
        const matches = waiter.version === undefined || params.version === undefined || params.version >= waiter.version;
        if (matches) waiter.resolve(true);
        return !matches;
      });
      if (remaining.length) this.diagnosticsWaiters.set(params.uri, remaining);
      else this.diagnosticsWaiters.delete(params.uri);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  async initialize(timeoutMs = 30_000): Promise<TimedResponse<{ capabilities: ServerCapabilitiesLite }>> {
    const response = await this.request<{ capabilities: ServerCapabilitiesLite }>(
      'initialize',
      {
        processId: process.pid,
        rootUri: null,
        capabilities: {
          textDocument: {
            hover: { contentFormat: ['markdown', 'plaintext'] },
            definition: { linkSupport: false },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            completion: { completionItem: { snippetSupport: true } },
            publishDiagnostics: { versionSupport: true },
          },
        },
        initializationOptions: { trusted: false },
      },
      timeoutMs,
    );
    if (response.result) {
      this.capabilities = response.result.capabilities ?? {};
      void this.connection.sendNotification('initialized', {});
    }
    return response;
  }

  /** Sends a request and resolves with its answer or error and how long it took, never rejecting. */
  request<T = unknown>(method: string, params: unknown, timeoutMs: number): Promise<TimedResponse<T>> {
    const start = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const onExit = () => settle({ timedOut: false, error: 'server exited' });
      const settle = (response: Omit<TimedResponse<T>, 'ms'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.exitListeners.delete(onExit);
        resolve({ ...response, ms: performance.now() - start });
      };
      const timer = setTimeout(() => settle({ timedOut: true }), timeoutMs);
      if (!this.alive) return settle({ timedOut: false, error: 'server exited' });
      this.exitListeners.add(onExit);
      this.connection.sendRequest(method, params).then(
        (result) => settle({ result: result as T, timedOut: false }),
        (error: Error) => settle({ error: error.message ?? String(error), timedOut: false }),
      );
    });
  }

  notify(method: string, params: unknown): void {
    if (this.alive) void this.connection.sendNotification(method, params).catch(() => undefined);
  }

  /** Resolves true when diagnostics for `uri` (at least `version`) arrive, false on timeout or exit. */
  waitForDiagnostics(uri: string, version: number | undefined, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.alive) return resolve(false);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      const waiter: DiagnosticsWaiter = {
        version,
        resolve: (ok) => {
          clearTimeout(timer);
          resolve(ok);
        },
      };
      const list = this.diagnosticsWaiters.get(uri) ?? [];
      list.push(waiter);
      this.diagnosticsWaiters.set(uri, list);
    });
  }

  /** Current and peak resident set size of the server in bytes, from /proc (undefined where there is no /proc). */
  memory(): { rss: number; peakRss: number } | undefined {
    if (this.child.pid === undefined || !this.alive) return undefined;
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
    } catch {
      return undefined;
    }
  }

  /** For a server that stopped answering: no polite shutdown, just the end of the process. */
  async kill(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.alive ? this.exitListeners.add(resolve) : resolve()));
    if (this.alive) this.child.kill('SIGKILL');
    await exited;
    this.connection.dispose();
  }

  async shutdown(timeoutMs = 5000): Promise<void> {
    if (this.alive) {
      await this.request('shutdown', null, timeoutMs);
      this.notify('exit', null);
    }
    const exited = new Promise<void>((resolve) => (this.alive ? this.exitListeners.add(resolve) : resolve()));
    const timer = setTimeout(() => this.alive && this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
