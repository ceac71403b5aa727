import { loadConfigDump, type ConfigDump } from '../core/dump';
import type { LoadedProxy } from '../core/envoyfilter/dumpReport';
import { describeIstioProxyType } from '../core/istio/names';
import type { LoadDumpResult, LoadedDumpInfo } from '../protocol';
import type { FetchedText } from './dumpSources';

export interface StoredDump {
  info: LoadedDumpInfo;
  dump: ConfigDump;
  /** where it came from, so loading the same file or URL again replaces it instead of adding a copy */
  key: string;
}

/**
 * The dumps loaded in this server, side by side. Each is parsed once; the text is dropped after parsing, so a dump
 * costs its model and nothing else. A failed load never touches what is already loaded.
 */
export class DumpStore {
  private readonly dumps = new Map<string, StoredDump>();
  private nextId = 1;
  private readonly listeners: (() => void)[] = [];
  /** bumped on every load and unload, so results computed from the dumps can tell they are stale */
  generation = 0;

  /** Called after a dump is loaded, replaced or unloaded. */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    this.generation++;
    for (const listener of this.listeners) listener();
  }

  list(): StoredDump[] {
    return [...this.dumps.values()];
  }

  get(id: string): StoredDump | undefined {
    return this.dumps.get(id);
  }

  /** The dump itself, or one proxy of a multi-proxy file. */
  resolve(id: string, proxy?: string): ConfigDump | undefined {
    const stored = this.dumps.get(id);
    if (!stored) return undefined;
    return proxy ? selectProxy(stored.dump, proxy) : stored.dump;
  }

  /** Parses fetched text and adds it; on failure the store is unchanged. */
  add(fetched: FetchedText): LoadDumpResult {
    if (!fetched.ok) return { ok: false, message: fetched.message };
    const result = loadConfigDump(fetched.text, { fileName: fetched.label });
    if (!result.ok) return { ok: false, message: `${fetched.label}: ${result.error}` };
    const previous = this.list().find((stored) => stored.key === fetched.key);
    const id = previous?.info.id ?? `dump-${this.nextId++}`;
    const info = describeDump(id, fetched.label, result.dump);
    this.dumps.set(id, { info, dump: result.dump, key: fetched.key });
    this.changed();
    return { ok: true, dump: info };
  }

  remove(id: string): boolean {
    const removed = this.dumps.delete(id);
    if (removed) this.changed();
    return removed;
  }

  /** Every proxy of every loaded dump: a multi-proxy file counts once per proxy. */
  proxies(): LoadedProxy[] {
    return this.list().flatMap((stored) => {
      const proxies = stored.dump.proxies && stored.dump.proxies.length > 1 ? stored.dump.proxies : undefined;
      if (!proxies) return [{ label: stored.info.label, dump: stored.dump, dumpId: stored.info.id }];
      return proxies.map((proxy) => ({ label: `${stored.info.label} (${proxy.name})`, dump: proxy.dump, dumpId: stored.info.id, proxy: proxy.name }));
    });
  }
}

export function selectProxy(dump: ConfigDump, proxy: string): ConfigDump | undefined {
  if (!dump.proxies) return dump.proxyName === proxy ? dump : undefined;
  return dump.proxies.find((entry) => entry.name === proxy)?.dump;
}

export function describeDump(id: string, label: string, dump: ConfigDump): LoadedDumpInfo {
  const node = dump.node;
  const count = (n: number, word: string, plural = `${word}s`) => `${n} ${n === 1 ? word : plural}`;
  const parts: string[] = [];
  if (dump.proxies && dump.proxies.length > 1) parts.push(`${count(dump.proxies.length, 'proxy', 'proxies')} (showing ${dump.proxies[0].name})`);
  const proxyType = describeIstioProxyType(node?.istioProxyType);
  if (proxyType) parts.push(proxyType);
  parts.push(`${count(dump.listeners.length, 'listener')}, ${count(dump.routeConfigs.length, 'route config')}, ${count(dump.clusters.length, 'cluster')}`);
  const versions = [node?.istioVersion && `Istio ${node.istioVersion}`, node?.envoyVersion && `Envoy ${node.envoyVersion}`].filter(Boolean);
  if (versions.length) parts.push(versions.join(', '));
  return {
    id,
    label,
    summary: parts.join(' · '),
    istioVersion: node?.istioVersion,
    envoyVersion: node?.envoyVersion,
  };
}
