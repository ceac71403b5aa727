import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { KNOWN_ISTIO_VERSIONS, minorVersionOf } from '../../server/src/core/istio/versions';
import { Notifications, Requests, type DocumentVersions, type InitializationOptions, type NeighbourFacts } from '../../server/src/protocol';
import { readNeighbourFacts, trustedApiPath } from './neighbourFacts';

function neighbourFacts(): NeighbourFacts {
  return readNeighbourFacts({
    extension: (id) => vscode.extensions.getExtension(id),
    setting: (section, key) => vscode.workspace.getConfiguration(section).get(key),
  });
}

/** What the server needs at start beyond trust: where to cache what it builds, and what the neighbours do. */
export function versionInitializationOptions(context: vscode.ExtensionContext): InitializationOptions {
  return { cacheDir: context.globalStorageUri.fsPath, neighbours: neighbourFacts() };
}

/** The server asks for `envoyLens`; in an untrusted workspace its envoyApiPath is replaced by the user's own value. */
export const versionMiddleware: Middleware = {
  workspace: {
    configuration: async (params, token, next) => {
      const result = await next(params, token);
      if (!Array.isArray(result)) return result;
      return result.map((value, i) => {
        if (params.items[i]?.section !== 'envoyLens' || !value || typeof value !== 'object') return value;
        const config = vscode.workspace.getConfiguration('envoyLens');
        const envoyApiPath = trustedApiPath(vscode.workspace.isTrusted, config.inspect<string>('envoyApiPath'), config.get<string>('envoyApiPath'));
        return { ...(value as object), envoyApiPath };
      });
    },
  },
};

/** The "Envoy API: …" status bar item on recognised documents, the neighbour facts, and trust changes. */
export function registerVersions(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('envoyLens.versions', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Envoy Lens API versions';
  let sentFacts = JSON.stringify(neighbourFacts());

  const refresh = async (): Promise<void> => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !['yaml', 'json'].includes(document.languageId) || !client.isRunning()) {
      item.hide();
      return;
    }
    const versions = await client.sendRequest<DocumentVersions | null>(Requests.documentVersions, { uri: document.uri.toString() }).catch(() => null);
    if (vscode.window.activeTextEditor?.document !== document) return;
    if (!versions?.recognized) {
      item.hide();
      return;
    }
    item.text = `Envoy API: ${versions.envoyApiLabel}`;
    item.tooltip = `Envoy API ${versions.envoyApiVersion}${versions.envoyApiSource === 'fallback' ? ' (envoyLens.envoyApiPath could not be used; see the output)' : ''}\nIstio ${versions.istioVersion}`;
    item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['envoyLens.envoyApiPath'] };
    item.show();
  };

  const sendFactsIfChanged = (): void => {
    const facts = neighbourFacts();
    const text = JSON.stringify(facts);
    if (text === sentFacts) return;
    sentFacts = text;
    void client.sendNotification(Notifications.neighbours, facts);
  };

  context.subscriptions.push(
    item,
    client.onNotification(Notifications.versionsChanged, () => void refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    // Red Hat YAML activates on YAML files as we do, often after us: look again when such a file opens.
    vscode.workspace.onDidOpenTextDocument(() => sendFactsIfChanged()),
    vscode.extensions.onDidChange(() => sendFactsIfChanged()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('yaml')) sendFactsIfChanged();
    }),
    // The folder is read from the user's value until trust is granted; then the workspace's may apply.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification('workspace/didChangeConfiguration', { settings: null })),
  );
  // Diagnostics arrive once the server has analysed the document; by then it knows whether it recognises it.
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics((event) => {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (active && event.uris.some((uri) => uri.toString() === active)) void refresh();
  }));
  void refresh();
}

/** After a dump loads: offer to validate with the Istio version its proxy reports, when we know that version. */
export async function offerIstioVersion(istioVersion: string | undefined): Promise<void> {
  const minor = istioVersion ? minorVersionOf(istioVersion) : undefined;
  if (!minor || !(KNOWN_ISTIO_VERSIONS as readonly string[]).includes(minor)) return;
  const config = vscode.workspace.getConfiguration('envoyLens');
  if (config.get<string>('istioVersion') === minor) return;
  const use = `Use Istio ${minor}`;
  const answer = await vscode.window.showInformationMessage(
    `The loaded dump comes from Istio ${istioVersion}. Check EnvoyFilters against what Istio ${minor} supports?`, use, 'Not now');
  if (answer !== use) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('istioVersion', minor, target);
}
