import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { DumpSource } from '../protocol';
import type { FetchedText, SourceOptions } from './dumpSources';

export type SpawnFunction = (program: string, args: string[], options: SpawnOptions) => ChildProcess;

type CommandSource = Extract<DumpSource, { kind: 'command' }>;

/** kubectl takes longer than an admin fetch: it authenticates and streams through the API server. */
const COMMAND_TIMEOUT_MS = 60_000;
const STDERR_KEEP = 2000;
/** DNS-1123 names: also keeps a "pod name" such as `--kubeconfig=…` from becoming an option. */
const KUBE_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** The arguments are built here from a namespace and a pod; the client never sends a command line. */
export function dumpCommandArgs(source: CommandSource): string[] {
  return source.tool === 'kubectl'
    ? ['exec', source.pod, '-n', source.namespace, '-c', 'istio-proxy', '--', 'pilot-agent', 'request', 'GET', 'config_dump?include_eds']
    : ['proxy-config', 'all', source.pod, '-n', source.namespace, '-o', 'json'];
}

export async function runDumpCommand(source: CommandSource, options: SourceOptions): Promise<FetchedText> {
  if (!options.trusted) {
    return {
      ok: false,
      message: `not running ${source.tool}: this workspace is not trusted, and Envoy Lens runs no programs in untrusted workspaces. Trust the workspace, or load a saved dump file instead.`,
    };
  }
  if (source.tool !== 'kubectl' && source.tool !== 'istioctl') return { ok: false, message: `unknown tool ${JSON.stringify(source.tool)}` };
  if (!KUBE_NAME.test(source.namespace)) return { ok: false, message: `"${source.namespace}" is not a valid namespace name` };
  if (!KUBE_NAME.test(source.pod)) return { ok: false, message: `"${source.pod}" is not a valid pod name` };
  const program = typeof source.program === 'string' && source.program.trim() ? source.program.trim() : source.tool;
  const args = dumpCommandArgs(source);
  const label = `${source.namespace}/${source.pod}`;
  const timeoutMs = options.timeoutMs ?? COMMAND_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? 400 * 1024 * 1024;
  const spawn = options.spawn ?? nodeSpawn;
  if (options.token?.isCancellationRequested) return { ok: false, message: 'cancelled' };

  return new Promise<FetchedText>((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(program, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (error) {
      resolve({ ok: false, message: `cannot start ${program}: ${(error as Error).message}` });
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let stderr = '';
    let stopped: string | undefined;
    const stop = (why: string) => {
      if (stopped) return;
      stopped = why;
      child.kill();
    };
    const timer = setTimeout(() => stop(`${source.tool} did not finish within ${timeoutMs / 1000} s`), timeoutMs);
    const cancel = options.token?.onCancellationRequested(() => stop('cancelled'));
    child.stdout?.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) stop(`the output of ${source.tool} is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`);
      else chunks.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    const finish = (result: FetchedText) => {
      clearTimeout(timer);
      cancel?.dispose();
      resolve(result);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      const setting = source.tool === 'kubectl' ? 'envoyLens.kubectlPath' : 'envoyLens.istioctlPath';
      finish({
        ok: false,
        message: error.code === 'ENOENT' ? `${program} not found — install ${source.tool} or set ${setting} (user settings)` : `cannot run ${program}: ${error.message}`,
      });
    });
    child.on('close', (code) => {
      if (stopped) return finish({ ok: false, message: stopped });
      if (code !== 0) {
        const detail = stderr.trim().split('\n').slice(-3).join(' ').trim();
        return finish({ ok: false, message: `${source.tool} exited with code ${code} for ${label}${detail ? `: ${detail}` : ''}` });
      }
      finish({ ok: true, text: Buffer.concat(chunks, total).toString('utf8'), label: `${label} (${source.tool})`, key: `command:${source.tool}:${label}` });
    });
  });
}
