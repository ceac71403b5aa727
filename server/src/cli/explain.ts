import { readFile } from 'node:fs/promises';
import { loadConfigDump, type ConfigDump } from '../core/dump';
import { explainListener, listListeners, plainText, renderExplanationMarkdown } from '../core/explain';
import { parseFlags, type CliStreams } from './run';

/**
 * `envoy-lens explain FILE [--listener NAME] [--proxy NAME]`: without --listener, lists the listeners.
 * Exit 0 on success, 1 for an unknown listener or proxy (with the nearest names), 2 when the file cannot be used.
 */
export async function explainCommand(args: string[], io: CliStreams): Promise<number> {
  const { flags, positional } = parseFlags(args, { listener: 'value', proxy: 'value' });
  if (positional.length !== 1) {
    io.stderr.write(`envoy-lens: explain needs exactly one FILE${positional.length ? `, got ${positional.length}` : ''}\n`);
    return 2;
  }
  const [file] = positional;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(`envoy-lens: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? (error as Error).message}\n`);
    return 2;
  }
  const loaded = loadConfigDump(text, { fileName: file });
  if (!loaded.ok) {
    io.stderr.write(`envoy-lens: ${file}: ${loaded.error}\n`);
    return 2;
  }
  const chosen = chooseProxy(loaded.dump, typeof flags.proxy === 'string' ? flags.proxy : undefined);
  if ('error' in chosen) {
    io.stderr.write(`envoy-lens: ${file}: ${chosen.error}\n`);
    return 1;
  }
  const { dump, note } = chosen;
  if (note) io.stderr.write(`envoy-lens: ${note}\n`);
  const listener = flags.listener;
  if (typeof listener !== 'string') {
    writeListenerTable(dump, io);
    return 0;
  }
  const explanation = explainListener(dump, listener);
  if (!explanation.found) {
    const lines = explanation.sections.flatMap((section) => section.items.map((entry) => plainText(entry.parts)));
    io.stderr.write(`envoy-lens: ${lines.join('\n')}\n`);
    return 1;
  }
  io.stdout.write(renderExplanationMarkdown(explanation));
  return 0;
}

function chooseProxy(dump: ConfigDump, wanted: string | undefined): { dump: ConfigDump; note?: string } | { error: string } {
  const proxies = dump.proxies ?? [];
  if (wanted === undefined) {
    if (proxies.length > 1) return { dump, note: `the file holds ${proxies.length} proxies (${proxies.map((p) => p.name).join(', ')}); using "${proxies[0].name}" — choose with --proxy NAME` };
    return { dump };
  }
  const match = proxies.find((proxy) => proxy.name === wanted);
  if (match) return { dump: match.dump };
  if (proxies.length === 0) return { error: `--proxy "${wanted}": this file holds a single proxy, not several` };
  return { error: `no proxy named "${wanted}"; the file holds ${proxies.map((p) => `"${p.name}"`).join(', ')}` };
}

/** Name, address and summary, in columns when that fits a terminal line. */
function writeListenerTable(dump: ConfigDump, io: CliStreams): void {
  const rows = listListeners(dump).map((entry) => [entry.name, entry.address ?? '-', entry.state === 'active' || entry.state === 'static' ? entry.summary : `${entry.summary} (${entry.state})`]);
  if (rows.length === 0) {
    io.stdout.write('No listeners in this file.\n');
    return;
  }
  const width = (column: number) => Math.min(60, Math.max(...rows.map((row) => row[column].length), column === 0 ? 4 : 7));
  const nameWidth = width(0);
  const addressWidth = width(1);
  const line = (row: string[]) => `${row[0].padEnd(nameWidth)}  ${row[1].padEnd(addressWidth)}  ${row[2]}`.trimEnd();
  io.stdout.write(`${[line(['NAME', 'ADDRESS', 'SUMMARY']), ...rows.map(line)].join('\n')}\n`);
  io.stdout.write(`\n${rows.length} listener(s). Explain one with: envoy-lens explain FILE --listener NAME\n`);
}
