import type { CliStreams } from './run';

export async function explainCommand(_args: string[], io: CliStreams): Promise<number> {
  io.stderr.write('envoy-lens: explain is not available yet\n');
  return 2;
}
