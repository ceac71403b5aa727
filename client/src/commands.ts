import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  Requests,
  type DumpSource,
  type ExplainParams,
  type ListenerChoice,
  type ListListenersParams,
  type LoadDumpResult,
  type ObjectJsonParams,
  type ServerInfo,
} from '../../server/src/protocol';
import { openObject, revealObject } from './dumpReveal';
import type { DumpTreeItem, DumpTreeProvider } from './dumpTreeView';
import { ExplainPanel } from './explainPanel';
import type { LoadedDumps } from './loadedDumps';
import { askPodSource } from './podSource';
import { describeServerInfo } from './serverLifecycle';
import { offerIstioVersion } from './versions';

interface CommandDeps {
  client: () => LanguageClient | undefined;
  tree: DumpTreeProvider;
  treeView: vscode.TreeView<DumpTreeItem>;
  outputChannel: vscode.LogOutputChannel;
  loadedDumps: LoadedDumps;
}

const DEFAULT_ADMIN_URL = 'http://127.0.0.1:15000/config_dump?include_eds';

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const register = (id: string, handler: (...args: any[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  const runningClient = (): LanguageClient | undefined => {
    const client = deps.client();
    if (client?.isRunning()) return client;
    void vscode.window.showErrorMessage('The Envoy Lens language server is not running. See "Envoy: Show Server Output".');
    return undefined;
  };

  const loadDump = async (source: DumpSource, title: string) => {
    const client = runningClient();
    if (!client) return;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => client.sendRequest<LoadDumpResult>(Requests.loadDump, { source }, token),
    );
    if (!result) return;
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Could not load the config dump: ${result.message}`);
      return;
    }
    deps.loadedDumps.remember(result.dump.id, source);
    deps.tree.refresh();
    void vscode.commands.executeCommand('envoyLens.configDump.focus');
    void vscode.window.showInformationMessage(`Loaded ${result.dump.label}: ${result.dump.summary}`);
    void offerIstioVersion(result.dump.istioVersion);
  };

  register('envoyLens.showServerOutput', async () => {
    deps.outputChannel.show(true);
    const client = deps.client();
    if (!client?.isRunning()) {
      deps.outputChannel.warn(`The language server is not running (state: ${client ? State[client.state] : 'not created'}).`);
      return;
    }
    const info = await client.sendRequest<ServerInfo>(Requests.serverInfo).catch((error: Error) => error);
    if (info instanceof Error) deps.outputChannel.warn(`The language server did not say who it is: ${info.message}`);
    else deps.outputChannel.info(describeServerInfo(info));
  });

  register('envoyLens.loadConfigDump', async (uri?: vscode.Uri) => {
    const target =
      uri ??
      (
        await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: 'Load Config Dump',
          filters: { 'Config dumps': ['json', 'yaml', 'yml'], 'All files': ['*'] },
        })
      )?.[0];
    if (!target) return;
    await loadDump({ kind: 'file', path: target.fsPath }, `Loading ${vscode.workspace.asRelativePath(target)}…`);
  });

  register('envoyLens.loadConfigDumpFromAdmin', async () => {
    const url = await vscode.window.showInputBox({
      title: 'Load Config Dump from Envoy Admin',
      prompt: 'Admin URL of a running Envoy (port-forward a pod first: kubectl port-forward POD 15000)',
      value: DEFAULT_ADMIN_URL,
      validateInput: (value) => (/^https?:\/\/[^\s/]+/.test(value) ? undefined : 'An http:// or https:// URL'),
    });
    if (!url) return;
    await loadDump({ kind: 'admin', url }, `Fetching ${url}…`);
  });

  register('envoyLens.loadConfigDumpFromPod', async () => {
    const asked = await askPodSource();
    if (asked) await loadDump(asked.source, asked.title);
  });

  register('envoyLens.filterDumpTree', async () => {
    const filter = await vscode.window.showInputBox({ title: 'Filter the config dump by name', prompt: 'Part of a listener, route, cluster or secret name' });
    if (filter !== undefined) deps.tree.setFilter(filter.trim());
  });
  register('envoyLens.clearDumpFilter', () => deps.tree.setFilter(''));

  register('envoyLens.openDumpObject', async (item?: DumpTreeItem) => {
    const target = item?.data.target;
    if (target && target.kind !== 'dump') await openObject(target);
  });

  // From a tree item that points elsewhere (a route's cluster), or from a link in an explanation.
  register('envoyLens.revealDumpObject', async (arg?: DumpTreeItem | ObjectJsonParams) => {
    const target = arg && 'data' in arg ? arg.data.target : arg;
    const client = runningClient();
    if (client && target && target.kind !== 'dump') await revealObject(client, deps.tree, deps.treeView, target);
  });

  register('envoyLens.copyName', async (item?: DumpTreeItem) => {
    const name = item?.data.target?.name ?? item?.data.label;
    if (name) await vscode.env.clipboard.writeText(name);
  });

  register('envoyLens.unloadDump', async (item?: DumpTreeItem) => {
    const client = runningClient();
    if (client && item?.data.target) {
      await client.sendRequest(Requests.unloadDump, { dumpId: item.data.target.dumpId });
      deps.loadedDumps.forget(item.data.target.dumpId);
    }
    deps.tree.refresh();
  });

  register('envoyLens.explainListener', async (arg?: DumpTreeItem | ExplainParams) => {
    const client = runningClient();
    if (!client) return;
    let params: ExplainParams | undefined;
    if (arg && 'data' in arg && arg.data.target?.kind === 'listener') {
      const { dumpId, name, proxy } = arg.data.target;
      params = { source: { dumpId }, listener: name, ...(proxy ? { proxy } : {}) };
    } else if (arg && 'listener' in arg) {
      params = arg;
    } else {
      params = await pickListener(client);
    }
    if (params) await ExplainPanel.show(context, client, params);
  });
}

async function pickListener(client: LanguageClient): Promise<ExplainParams | undefined> {
  const editor = vscode.window.activeTextEditor;
  const query: ListListenersParams = editor
    ? { uri: editor.document.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character } }
    : {};
  const choices = await client.sendRequest<ListenerChoice[]>(Requests.listListeners, query);
  if (choices.length === 0) {
    void vscode.window.showInformationMessage('No listeners found: open an Envoy bootstrap or listener file, or load a config dump.');
    return undefined;
  }
  const around = choices.find((choice) => choice.atCursor);
  if (around) return { source: around.source, listener: around.name, ...(around.proxy ? { proxy: around.proxy } : {}) };
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ label: choice.name, description: choice.description, choice })),
    { title: 'Explain This Listener', matchOnDescription: true },
  );
  if (!picked) return undefined;
  return { source: picked.choice.source, listener: picked.choice.name, ...(picked.choice.proxy ? { proxy: picked.choice.proxy } : {}) };
}
