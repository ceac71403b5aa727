/** Loading a config dump and building the tree's root level, against the floor of a bare JSON.parse. */
import { buildDumpTree, loadConfigDump } from '../../../server/src/core/dump';
import { median, sample } from './stats';

export interface DumpRow {
  label: string;
  bytes: number;
  loadMs: number;
  parseMs: number;
  runs: number;
  summary: string;
}

export function benchDumpLoad(label: string, text: string): DumpRow {
  const runs = text.length > 30 * 1024 * 1024 ? 3 : 7;
  let summary = '';
  const load = sample(() => {
    const result = loadConfigDump(text, { fileName: 'config_dump.json' });
    if (!result.ok) throw new Error(`${label}: the generated dump did not load: ${result.error}`);
    summary = buildDumpTree(result.dump)
      .map((node) => `${node.label}${node.description ? ` ${node.description}` : ''}`)
      .join(', ');
  }, runs);
  const parse = sample(() => JSON.parse(text), runs);
  return { label, bytes: text.length, loadMs: median(load), parseMs: median(parse), runs, summary };
}
