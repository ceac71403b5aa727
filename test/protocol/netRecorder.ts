// Preloaded into the language server (`node -r <this> dist/server.js --stdio`) by network.test.ts: records every
// attempt to open a connection, resolve a name or start a program, on stderr, and lets the attempt proceed. stdout is
// the LSP channel, so nothing may be written there.
import childProcess from 'node:child_process';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/** network.test.ts reads the lines with this prefix (it restates it: importing this file would patch the test runner). */
const NET_RECORD_PREFIX = '[envoy-lens-net]';

function record(kind: string, target: unknown): void {
  let text: string;
  try {
    text = typeof target === 'string' ? target : JSON.stringify(target, (key, value) => (key === 'agent' || typeof value === 'function' ? undefined : value));
  } catch {
    text = String(target);
  }
  process.stderr.write(`${NET_RECORD_PREFIX} ${kind} ${text}\n`);
}

function wrap<T extends object, K extends keyof T>(owner: T, name: K, kind: string): void {
  const original = owner[name] as unknown as (...args: unknown[]) => unknown;
  if (typeof original !== 'function') return;
  (owner as Record<K, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
    const [first] = args;
    // A connect call takes (options), (port, host) or (path); keep what names the peer.
    record(kind, Array.isArray(first) ? first[0] : typeof first === 'number' ? { port: first, host: args[1] } : first instanceof URL ? first.href : first);
    return original.apply(this, args);
  };
}

wrap(net.Socket.prototype, 'connect', 'connect');
wrap(tls, 'connect', 'tls');
wrap(http, 'request', 'http');
wrap(http, 'get', 'http');
wrap(https, 'request', 'https');
wrap(https, 'get', 'https');
wrap(dns, 'lookup', 'dns');
wrap(dns, 'resolve', 'dns');
for (const name of ['spawn', 'execFile', 'exec', 'fork', 'spawnSync', 'execFileSync', 'execSync'] as const) wrap(childProcess, name, 'spawn');
if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'fetch');
