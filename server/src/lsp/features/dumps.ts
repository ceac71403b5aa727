import type { CancellationToken } from 'vscode-languageserver/node';
import { objectJson, type ConfigDump, type DumpTargetKind } from '../../core/dump';
import { explainListener, listListeners } from '../../core/explain';
import {
  Notifications,
  Requests,
  type DumpObjectRef,
  type DumpTreeParams,
  type ExplainParams,
  type ExplainResult,
  type ListenerChoice,
  type ListListenersParams,
  type LoadDumpParams,
  type LoadDumpResult,
  type ObjectJsonParams,
  type TreeItemData,
  type UnloadDumpParams,
} from '../../protocol';
import type { Feature, ServerContext } from '../features';
import { DocumentDumps } from '../documentDumps';
import { fetchDumpText } from '../dumpSources';
import { selectProxy, type DumpStore } from '../dumpStore';
import { DumpTreeItems } from '../dumpTreeItems';
import { toExplainResult } from '../explainConvert';

const TARGET_KINDS = new Set<string>(['listener', 'routeConfig', 'cluster', 'endpoints', 'secret', 'extensionConfig', 'bootstrap']);

/** Loaded config dumps: loading, the tree view's items, listener pickers, explanations and read-only object JSON. */
export const dumpsFeature: Feature = {
  register(context) {
    const store = context.dumps;
    const tree = new DumpTreeItems(store);
    const documents = new DocumentDumps(context);
    const { connection } = context;
    const changed = () => void connection.sendNotification(Notifications.dumpsChanged, { dumps: store.list().map((stored) => stored.info) });

    connection.onRequest(Requests.loadDump, async (params: LoadDumpParams, token: CancellationToken): Promise<LoadDumpResult> => {
      if (!params?.source || typeof params.source !== 'object') return { ok: false, message: 'no dump source given' };
      const fetched = await fetchDumpText(params.source, { trusted: context.trusted(), token });
      if (!fetched.ok) return { ok: false, message: fetched.message };
      const result = store.add(fetched);
      if (result.ok) {
        tree.forget(result.dump.id);
        changed();
      }
      return result;
    });

    connection.onRequest(Requests.unloadDump, (params: UnloadDumpParams): boolean => {
      const removed = typeof params?.dumpId === 'string' && store.remove(params.dumpId);
      if (removed) {
        tree.forget(params.dumpId);
        changed();
      }
      return removed;
    });

    connection.onRequest(Requests.dumpTree, (params: DumpTreeParams): TreeItemData[] => tree.children(params?.parentId, params?.filter ?? ''));

    connection.onRequest(Requests.revealPath, (params: DumpObjectRef): TreeItemData[] => tree.revealPath(params));

    connection.onRequest(Requests.listListeners, async (params: ListListenersParams): Promise<ListenerChoice[]> => {
      const choices: ListenerChoice[] = [];
      if (params?.uri) {
        const fromDocument = await documents.get(params.uri);
        if (fromDocument.ok) {
          const around = params.position ? fromDocument.listenerAt(params.position) : undefined;
          const listed = choicesOf(fromDocument.dump, { uri: params.uri }, fromDocument.label);
          const atCursor = listed.filter((choice) => choice.name === around).map((choice) => ({ ...choice, atCursor: true }));
          choices.push(...atCursor, ...listed.filter((choice) => choice.name !== around));
        }
      }
      for (const stored of store.list()) {
        const proxies = stored.dump.proxies && stored.dump.proxies.length > 1 ? stored.dump.proxies : undefined;
        if (!proxies) choices.push(...choicesOf(stored.dump, { dumpId: stored.info.id }, stored.info.label));
        else for (const proxy of proxies) choices.push(...choicesOf(proxy.dump, { dumpId: stored.info.id }, `${stored.info.label} ${proxy.name}`, proxy.name));
      }
      return choices;
    });

    connection.onRequest(Requests.explain, async (params: ExplainParams): Promise<ExplainResult> => {
      const resolved = await resolveSource(params, store, documents);
      if ('message' in resolved) return { ok: false, message: resolved.message };
      if (typeof params.listener !== 'string') return { ok: false, message: 'no listener named' };
      return toExplainResult(explainListener(resolved.dump, params.listener), resolved.label);
    });

    connection.onRequest(Requests.objectJson, async (params: ObjectJsonParams): Promise<string> => {
      if (!params || !TARGET_KINDS.has(params.kind)) return `// Unknown object kind "${String(params?.kind)}".`;
      const resolved = await resolveSource(params.uri ? { source: { uri: params.uri }, proxy: params.proxy } : { source: { dumpId: params.dumpId }, proxy: params.proxy }, store, documents);
      if ('message' in resolved) return `// ${resolved.message}`;
      return objectJson(resolved.dump, { kind: params.kind as DumpTargetKind, name: params.name }) ?? `// ${resolved.label} has no ${params.kind} named "${params.name}".`;
    });
  },
};

async function resolveSource(
  params: Pick<ExplainParams, 'source' | 'proxy'>,
  store: DumpStore,
  documents: DocumentDumps,
): Promise<{ dump: ConfigDump; label: string } | { message: string }> {
  const source = params?.source;
  if (source && 'dumpId' in source && typeof source.dumpId === 'string') {
    const stored = store.get(source.dumpId);
    if (!stored) return { message: 'That config dump is no longer loaded.' };
    const dump = store.resolve(source.dumpId, params.proxy);
    if (!dump) return { message: `${stored.info.label} has no proxy named "${params.proxy}".` };
    return { dump, label: params.proxy ? `${stored.info.label} (${params.proxy})` : stored.info.label };
  }
  if (source && 'uri' in source && typeof source.uri === 'string') {
    const loaded = await documents.get(source.uri);
    if (!loaded.ok) return { message: loaded.message };
    const dump = params.proxy ? selectProxy(loaded.dump, params.proxy) : loaded.dump;
    return dump ? { dump, label: loaded.label } : { message: `${loaded.label} has no proxy named "${params.proxy}".` };
  }
  return { message: 'Nothing to explain: give a loaded dump or a document.' };
}

function choicesOf(dump: ConfigDump, source: ListenerChoice['source'], label: string, proxy?: string): ListenerChoice[] {
  return listListeners(dump).map((summary) => {
    const choice: ListenerChoice = {
      name: summary.name,
      description: [summary.address, summary.summary, summary.state !== 'active' && summary.state !== 'static' ? summary.state : undefined, label].filter(Boolean).join(' · '),
      source,
    };
    if (proxy) choice.proxy = proxy;
    return choice;
  });
}
