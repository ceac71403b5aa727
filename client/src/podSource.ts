import * as vscode from 'vscode';
import type { DumpSource } from '../../server/src/protocol';

const KUBE_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * The program path from user or default settings only: a workspace must not choose what runs on this machine, even
 * if an old VS Code ignored the setting's machine scope.
 */
function programPath(setting: 'kubectlPath' | 'istioctlPath', fallback: string): string {
  const inspected = vscode.workspace.getConfiguration('envoyLens').inspect<string>(setting);
  const value = inspected?.globalValue ?? inspected?.defaultValue;
  return typeof value === 'string' && value.trim() ? value.trim() : fallback;
}

/** Asks which pod to read and how; undefined when the user cancels or the workspace is not trusted. */
export async function askPodSource(): Promise<{ source: DumpSource; title: string } | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      'Loading from a pod runs kubectl or istioctl, which Envoy Lens never does in an untrusted workspace. Trust the workspace, or save the dump to a file and use "Load Config Dump…".',
    );
    return undefined;
  }
  const tool = await vscode.window.showQuickPick(
    [
      { label: 'kubectl exec', description: 'pilot-agent request GET config_dump?include_eds in the istio-proxy container', tool: 'kubectl' as const },
      { label: 'istioctl proxy-config all', description: '-o json', tool: 'istioctl' as const },
    ],
    { title: 'Load Config Dump from Pod', placeHolder: 'How to read the config dump' },
  );
  if (!tool) return undefined;
  const validate = (what: string) => (value: string) => (KUBE_NAME.test(value.trim()) ? undefined : `A Kubernetes ${what} name (lowercase letters, digits, - and .)`);
  const namespace = await vscode.window.showInputBox({ title: 'Load Config Dump from Pod (1/2)', prompt: 'Namespace', value: 'default', validateInput: validate('namespace') });
  if (!namespace) return undefined;
  const pod = await vscode.window.showInputBox({ title: 'Load Config Dump from Pod (2/2)', prompt: `Pod in ${namespace.trim()}`, validateInput: validate('pod') });
  if (!pod) return undefined;
  const program = tool.tool === 'kubectl' ? programPath('kubectlPath', 'kubectl') : programPath('istioctlPath', 'istioctl');
  return {
    source: { kind: 'command', tool: tool.tool, program, namespace: namespace.trim(), pod: pod.trim() },
    title: `Reading the config dump of ${namespace.trim()}/${pod.trim()} with ${tool.tool}…`,
  };
}
