import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  State,
  type ErrorHandler,
  type LanguageClient,
} from 'vscode-languageclient/node';
import type { ServerInfo } from '../../server/src/protocol';
import { RestartBudget } from './restartBudget';

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60_000;

/**
 * The library's default policy made explicit, so a crash is restarted and says so in the output channel instead of
 * only in a toast: a server that dies is restarted up to MAX_RESTARTS times within RESTART_WINDOW_MS, then left
 * stopped, since a server that keeps crashing on the same input would otherwise loop forever.
 */
export function restartingErrorHandler(log: vscode.LogOutputChannel, now: () => number = Date.now): ErrorHandler {
  const budget = new RestartBudget(MAX_RESTARTS, RESTART_WINDOW_MS);
  return {
    error(error, _message, count) {
      if (count !== undefined && count <= 3) {
        log.warn(`Error on the connection to the language server (${count} of 3 tolerated): ${error.message}`);
        return { action: ErrorAction.Continue, handled: true };
      }
      return { action: ErrorAction.Shutdown, message: `Repeated errors on the connection to the language server (${error.message}); stopping it.` };
    },
    closed() {
      const { restart, count } = budget.spend(now());
      const minutes = RESTART_WINDOW_MS / 60_000;
      if (restart) {
        // handled: the message goes to the output channel without a notification; the restart fixes it
        return {
          action: CloseAction.Restart,
          handled: true,
          message: `The language server stopped unexpectedly; restarting it (restart ${count} of at most ${MAX_RESTARTS} within ${minutes} minutes).`,
        };
      }
      return {
        action: CloseAction.DoNotRestart,
        message: `The Envoy Lens language server stopped ${count} times within ${minutes} minutes and will not be restarted. See "Envoy: Show Server Output"; reload the window to start it again.`,
      };
    },
  };
}

/**
 * A restarted server has lost the dumps the old one held: the tree must be asked again rather than show items the
 * server no longer knows, and the dumps loaded again (`LoadedDumps.restore`).
 */
export function watchRestarts(client: LanguageClient, log: vscode.LogOutputChannel, onRestarted: () => void): vscode.Disposable {
  let startedOnce = client.isRunning();
  return client.onDidChangeState((event) => {
    if (event.newState !== State.Running) return;
    if (startedOnce) {
      log.info('The language server is running again; loading the config dumps it held again.');
      onRestarted();
    }
    startedOnce = true;
  });
}

export function describeServerInfo(info: ServerInfo): string {
  return [
    `Envoy Lens server ${info.version}: process ${info.pid}, Node ${info.node}, up ${info.uptimeSeconds} s, workspace ${info.trusted ? 'trusted' : 'not trusted'}`,
    `  Envoy API model: ${info.envoyModel ?? 'unknown'}`,
    `  Istio model: ${info.istioModel ?? 'unknown'}`,
  ].join('\n');
}
