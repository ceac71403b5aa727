import { SymbolKind, type Location, type SymbolInformation } from 'vscode-languageserver/node';
import { findCluster, findEndpoints, findListener, findRouteConfig, findSecret, objectJson, type ConfigDump, type DumpTargetKind } from '../core/dump';
import type { ObjectKind } from '../core/envoy/graph';
import type { LoadedProxy } from '../core/envoyfilter/dumpReport';
import { LineIndex } from '../core/text/lineIndex';
import { OBJECT_VIEW_SCHEME, type DumpObjectRef } from '../protocol';
import { isSubsequence } from '../core/navigation/fuzzy';

/**
 * The URI of an object's read-only view, spelled the way VS Code writes its own URIs (the query percent-encoded once
 * more), so the client's content provider sees the same query as for views it opens itself.
 */
export function objectViewUri(ref: DumpObjectRef): string {
  const fields: Record<string, string> = { dump: ref.dumpId, kind: ref.kind, name: ref.name };
  if (ref.proxy) fields.proxy = ref.proxy;
  const query = new URLSearchParams(fields).toString();
  const safeName = ref.name.replace(/[^\w.-]+/g, '_').slice(0, 80) || ref.kind;
  return `${OBJECT_VIEW_SCHEME}:/${ref.kind}/${safeName}.json?${encodeURIComponent(query)}`;
}

function refOf(proxy: LoadedProxy, kind: DumpTargetKind, name: string): DumpObjectRef {
  return proxy.proxy ? { dumpId: proxy.dumpId, kind, name, proxy: proxy.proxy } : { dumpId: proxy.dumpId, kind, name };
}

function exists(dump: ConfigDump, kind: ObjectKind, name: string): boolean {
  switch (kind) {
    case 'cluster':
      return findCluster(dump, name) !== undefined;
    case 'listener':
      return findListener(dump, name) !== undefined;
    case 'routeConfig':
      return findRouteConfig(dump, name) !== undefined;
    case 'secret':
      return findSecret(dump, name) !== undefined;
    case 'endpoints':
      return findEndpoints(dump, name) !== undefined;
  }
}

/** The object's view, with the range of its `"name"` line so the editor lands on it. */
function locationOf(proxy: LoadedProxy, kind: DumpTargetKind, name: string): Location {
  const text = objectJson(proxy.dump, { kind, name }) ?? '';
  const key = kind === 'endpoints' ? 'cluster_name' : 'name';
  const at = text.indexOf(`"${key}": ${JSON.stringify(name)}`);
  const lines = new LineIndex(text);
  const range = at >= 0 ? lines.rangeOf(at, key.length + 2) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { uri: objectViewUri(refOf(proxy, kind, name)), range };
}

/** Where loaded dumps define an object a document names; an EDS name falls back to the cluster of that name. */
export function dumpDefinitions(proxies: LoadedProxy[], kind: ObjectKind, name: string): Location[] {
  const found = proxies.filter((proxy) => exists(proxy.dump, kind, name)).map((proxy) => locationOf(proxy, kind, name));
  if (found.length === 0 && kind === 'endpoints') return dumpDefinitions(proxies, 'cluster', name);
  return found;
}

const SYMBOL_KINDS: Partial<Record<DumpTargetKind, SymbolKind>> = { listener: SymbolKind.Interface, routeConfig: SymbolKind.Module, cluster: SymbolKind.Class };
const KIND_WORDS: Partial<Record<DumpTargetKind, string>> = { listener: 'listener', routeConfig: 'route configuration', cluster: 'cluster' };

/** Listeners, route configurations and clusters of the loaded dumps whose names contain `query` in order. */
export function dumpSymbols(proxies: LoadedProxy[], query: string, limit: number): SymbolInformation[] {
  const needle = query.toLowerCase();
  const symbols: SymbolInformation[] = [];
  for (const proxy of proxies) {
    const named: [DumpTargetKind, string][] = [
      ...proxy.dump.listeners.filter((entry) => !entry.unnamed).map((entry): [DumpTargetKind, string] => ['listener', entry.name]),
      ...proxy.dump.routeConfigs.filter((entry) => entry.name).map((entry): [DumpTargetKind, string] => ['routeConfig', entry.name]),
      ...proxy.dump.clusters.map((entry): [DumpTargetKind, string] => ['cluster', entry.name]),
    ];
    const seen = new Set<string>();
    for (const [kind, name] of named) {
      if (seen.has(`${kind}\u0000${name}`) || !isSubsequence(needle, name.toLowerCase())) continue;
      seen.add(`${kind}\u0000${name}`);
      const start = { line: 0, character: 0 };
      symbols.push({
        name,
        kind: SYMBOL_KINDS[kind]!,
        location: { uri: objectViewUri(refOf(proxy, kind, name)), range: { start, end: start } },
        containerName: `${KIND_WORDS[kind]} · ${proxy.label}`,
      });
      if (symbols.length >= limit) return symbols;
    }
  }
  return symbols;
}
