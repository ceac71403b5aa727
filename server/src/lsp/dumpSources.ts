import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DumpSource } from '../protocol';
import { runDumpCommand, type SpawnFunction } from './dumpCommand';

/** The part of an LSP CancellationToken we use, so the sources can be tested without a connection. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export type FetchedText = { ok: true; text: string; label: string; key: string } | { ok: false; message: string };

export interface SourceOptions {
  trusted: boolean;
  token?: Cancellation;
  timeoutMs?: number;
  maxBytes?: number;
  /** for tests: what would run a program */
  spawn?: SpawnFunction;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** V8 cannot hold a string much above 512 MiB; stop well before it rather than crash the server. */
export const MAX_DUMP_BYTES = 400 * 1024 * 1024;

/** Reads the text of a dump from wherever the user pointed; nothing is parsed here. */
export async function fetchDumpText(source: DumpSource, options: SourceOptions): Promise<FetchedText> {
  switch (source.kind) {
    case 'file':
      return readDumpFile(source.path, options.maxBytes ?? MAX_DUMP_BYTES);
    case 'admin':
      return fetchAdminDump(source.url, options);
    case 'command':
      return runDumpCommand(source, options);
    default:
      return { ok: false, message: `unknown dump source ${JSON.stringify((source as { kind?: unknown }).kind)}` };
  }
}

/** The server reads the file itself: VS Code does not hand files above 50 MB to extensions. */
export async function readDumpFile(path: string, maxBytes: number): Promise<FetchedText> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, message: `${path} is not a file` };
    if (info.size > maxBytes) return { ok: false, message: `${basename(path)} is ${megabytes(info.size)}; the limit is ${megabytes(maxBytes)}` };
    const text = await readFile(path, 'utf8');
    return { ok: true, text, label: basename(path), key: `file:${path}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? (error as Error).message;
    return { ok: false, message: `cannot read ${path}: ${reason}` };
  }
}

/** `http://127.0.0.1:15000` alone means the admin root: ask for the config dump, with EDS. */
export function adminDumpUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return `"${raw}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http:// and https:// admin URLs are supported, not ${url.protocol}`;
  if (url.pathname === '/' || url.pathname === '') {
    url.pathname = '/config_dump';
    if (!url.search) url.search = '?include_eds';
  }
  return url;
}

export async function fetchAdminDump(raw: string, options: SourceOptions): Promise<FetchedText> {
  const url = adminDumpUrl(raw);
  if (typeof url === 'string') return { ok: false, message: url };
  const where = url.host;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_DUMP_BYTES;
  const controller = new AbortController();
  let reason: 'timeout' | 'cancelled' | undefined;
  const timer = setTimeout(() => {
    reason = 'timeout';
    controller.abort();
  }, timeoutMs);
  const cancel = options.token?.onCancellationRequested(() => {
    reason ??= 'cancelled';
    controller.abort();
  });
  if (options.token?.isCancellationRequested) {
    reason = 'cancelled';
    controller.abort();
  }
  try {
    const response = await fetch(url, { signal: controller.signal, redirect: 'error', headers: { accept: 'application/json' } });
    if (!response.ok) {
      const body = (await response.text().catch(() => '')).trim().slice(0, 200);
      return { ok: false, message: `HTTP ${response.status} ${response.statusText} from ${url.href}${body ? `: ${body}` : ''}` };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) return { ok: false, message: `the dump from ${where} is ${megabytes(declared)}; the limit is ${megabytes(maxBytes)}` };
    const text = await readBody(response, maxBytes);
    if (text === undefined) return { ok: false, message: `the dump from ${where} is larger than ${megabytes(maxBytes)}` };
    return { ok: true, text, label: `${url.host}${url.pathname}`, key: `admin:${url.href}` };
  } catch (error) {
    if (reason === 'timeout') return { ok: false, message: `no complete answer from ${where} within ${timeoutMs / 1000} s — is the proxy admin port reachable?` };
    if (reason === 'cancelled') return { ok: false, message: 'cancelled' };
    return { ok: false, message: describeFetchError(error, where) };
  } finally {
    clearTimeout(timer);
    cancel?.dispose();
  }
}

async function readBody(response: Response, maxBytes: number): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** Node's fetch says only "fetch failed"; the system error is in `cause`. */
function describeFetchError(error: unknown, where: string): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return `connection refused at ${where} — is a port-forward running? (kubectl port-forward POD 15000)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${where}`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `the connection to ${where} was closed before the dump arrived`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable`;
    default:
      if (cause?.code?.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(cause?.message ?? '')) return `TLS error talking to ${where}: ${cause?.message}`;
      return `cannot fetch from ${where}: ${cause?.message ?? (error as Error).message}`;
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
