// Shared helpers for the in-host e2e tests; they run inside VS Code's extension host.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'envoy-lens.envoy-lens';
export const SOURCE = 'envoy-lens';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs a workspace folder (test/e2e/workspace)');
  return folder.uri;
}

export function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

export async function open(name: string | vscode.Uri): Promise<vscode.TextEditor> {
  const uri = typeof name === 'string' ? workspaceFile(name) : name;
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Writes a fresh file into the workspace so a test gets a document no other test has touched. */
export async function writeScratch(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(`scratch-${Date.now()}-${name}`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

export async function readText(name: string): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(workspaceFile(name))).toString('utf8');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function poll<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
  describeLast: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const detail = describeLast();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `; last seen: ${detail}` : ''}`);
    }
    await sleep(200);
  }
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'no diagnostics';
  return diagnostics
    .map((d) => `${d.source ?? '?'} ${vscode.DiagnosticSeverity[d.severity]} line ${d.range.start.line + 1}: ${d.message}`)
    .join(' | ');
}

/** Zero-based index of the first line that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split(/\r?\n/).findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture has no line containing ${JSON.stringify(needle)}`);
  return index;
}

export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const hover of hovers ?? []) {
    for (const content of hover.contents) {
      if (typeof content === 'string') parts.push(content);
      else parts.push(content.value);
    }
  }
  return parts.join('\n').trim();
}

export async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Opens a YAML file, which is what activates the extension, and waits until it is active. */
export async function activated(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  if (!extension.isActive) await open('bootstrap-good.yaml');
  await poll('the extension to activate', () => (extension.isActive ? true : undefined), 20_000);
  return extension;
}
