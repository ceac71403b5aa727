import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';

/** The repository root, from the compiled test's place (out/test/protocol/…). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  method: string;
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

type NotificationWaiter = { method: string; predicate: (params: any) => boolean; resolve(params: any): void };

/**
 * A minimal LSP client for protocol tests: starts the bundled server over stdio, frames JSON-RPC with
 * Content-Length headers, answers the server's own requests with defaults, and lets a test await notifications
 * such as textDocument/publishDiagnostics.
 */
export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: NotificationWaiter[] = [];
  /** every notification received, oldest first */
  readonly notifications: { method: string; params: any }[] = [];
  /** answers to server → client requests by method; anything else gets null */
  readonly serverRequestHandlers = new Map<string, (params: any) => unknown>();
  stderr = '';

  /** `nodeArgs` go before the server script, e.g. `['-r', preload]`. */
  constructor(serverPath = join(repoRoot, 'dist', 'server.js'), args: string[] = ['--stdio'], nodeArgs: string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, serverPath, ...args], { stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on('exit', () => {
      for (const pending of this.pending.values()) pending.reject(new Error(`server exited during ${pending.method}`));
      this.pending.clear();
    });
    this.serverRequestHandlers.set('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      const handler = this.serverRequestHandlers.get(message.method);
      this.send({ jsonrpc: '2.0', id: message.id, result: handler ? handler(message.params) : null });
      return;
    }
    if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      for (const waiter of [...this.waiters]) {
        if (waiter.method === message.method && waiter.predicate(message.params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(message.params);
        }
      }
      return;
    }
    const pending = this.pending.get(Number(message.id));
    if (!pending) return;
    this.pending.delete(Number(message.id));
    if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
    else pending.resolve(message.result);
  }

  request<T = any>(method: string, params: unknown, timeoutMs = 20000): Promise<T> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise<T>((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (value) => {
          clearTimeout(timer);
          resolvePromise(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification (already received or coming) of `method` that satisfies `predicate`. */
  waitForNotification<T = any>(method: string, predicate: (params: T) => boolean = () => true, timeoutMs = 20000): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && predicate(n.params));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise<T>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ method, predicate, resolve: (params) => (clearTimeout(timer), resolvePromise(params)) });
    });
  }

  waitForDiagnostics(uri: string, timeoutMs?: number): Promise<{ uri: string; diagnostics: any[] }> {
    return this.waitForNotification<{ uri: string; diagnostics: any[] }>('textDocument/publishDiagnostics', (params) => params.uri === uri, timeoutMs);
  }

  async initialize(options: { rootPath?: string; initializationOptions?: unknown; capabilities?: unknown } = {}): Promise<any> {
    const rootUri = options.rootPath ? fileUri(options.rootPath) : null;
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'workspace' }] : null,
      capabilities: options.capabilities ?? {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: false }, workspaceFolders: true },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { snippetSupport: false } } },
      },
      initializationOptions: options.initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  /** Opens a file with its text from disk (or `text`); returns its URI. */
  open(path: string, text = readFileSync(path, 'utf8'), languageId = /\.json$/i.test(path) ? 'json' : 'yaml'): string {
    const uri = fileUri(path);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async shutdown(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolvePromise) => this.child.once('exit', (code) => resolvePromise(code)));
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    const timer = setTimeout(() => this.child.kill(), 5000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}

/** The LSP position of the `occurrence`-th appearance of `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, occurrence = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not in text`);
  }
  const offset = at + shift;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** A server started on `rootPath` before a file's tests and shut down after them, which must end cleanly. */
export function useWorkspaceServer(rootPath: string): { readonly client: LspClient } {
  const holder = {} as { client: LspClient };
  before(async () => {
    holder.client = new LspClient();
    await holder.client.initialize({ rootPath });
  });
  after(async () => {
    assert.equal(await holder.client.shutdown(), 0, holder.client.stderr);
  });
  return holder;
}

