import { analyzeText } from '../core/analyze';
import { LineIndex } from '../core/text/lineIndex';
import type { Severity } from '../core/types';
import { loadCheckers } from '../runtime/checkers';
import { explainCommand } from './explain';
import { FileSet } from './fileSet';
import { applyVersionFlags, VERSION_FLAGS } from './versions';
import { PRODUCT_VERSION } from '../version';

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const usage = `Usage:
  envoy-lens validate [--format text|json] [--envoy-api DIR|FILE.pb] [--istio-version V] [--cache-dir DIR] FILE...
  envoy-lens explain FILE [--listener NAME] [--proxy NAME]
  envoy-lens --version | --help

validate  prints the diagnostics the editor shows; exit 1 when any is an error, else 0.
          Several FILEs are checked as one set: Istio resources and Envoy clusters of one see those of the others.
explain   prints, in Markdown, what a listener of a config dump or bootstrap does with a connection;
          without --listener, lists the listeners. Exit 1 for an unknown listener.
Exit 2 on a usage or I/O error.
`;

export interface CliDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

class UsageError extends Error {}

export async function runCli(args: string[], io: CliStreams): Promise<number> {
  try {
    const [command, ...rest] = args;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(usage);
      return command ? 0 : 2;
    }
    if (command === '--version') {
      io.stdout.write(`${PRODUCT_VERSION}\n`);
      return 0;
    }
    if (command === 'validate') return await validateCommand(rest, io);
    if (command === 'explain') {
      return await explainCommand(rest, io);
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`envoy-lens: ${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}

export function parseFlags(args: string[], known: Record<string, 'value' | 'flag'>): { flags: Record<string, string | true>; positional: string[] } {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = known[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'flag') flags[name] = true;
    else {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    }
  }
  return { flags, positional };
}

async function validateCommand(args: string[], io: CliStreams): Promise<number> {
  const { flags, positional } = parseFlags(args, { format: 'value', ...VERSION_FLAGS });
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${String(format)}"`);
  if (positional.length === 0) throw new UsageError('validate needs at least one FILE');

  const versions = applyVersionFlags(flags, io);
  if ('usage' in versions) throw new UsageError(versions.usage);
  const checkers = loadCheckers();
  const all: CliDiagnostic[] = [];
  let ioFailed = false;
  const fileSet = await FileSet.read(positional);
  for (const file of positional) {
    const read = fileSet.get(file);
    if ('error' in read) {
      io.stderr.write(`envoy-lens: cannot read ${file}: ${read.error}\n`);
      ioFailed = true;
      continue;
    }
    const text = read.text;
    const analysis = analyzeText({ text, fileName: file, settings: versions.settings, related: fileSet.relatedTo(file), parsed: read.parsed }, checkers);
    if (!analysis.recognized && format === 'text') {
      io.stderr.write(`envoy-lens: ${file}: not recognised as Envoy or Istio configuration; nothing checked\n`);
    }
    const lines = new LineIndex(text);
    for (const finding of analysis.findings) {
      const range = lines.rangeOf(finding.offset, finding.length);
      all.push({
        file,
        line: range.start.line + 1,
        column: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
        severity: finding.severity,
        code: finding.code,
        message: finding.message,
      });
    }
  }
  if (format === 'json') io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
  else {
    for (const d of all) io.stdout.write(`${d.file}:${d.line}:${d.column}: ${d.severity} [${d.code}] ${d.message}\n`);
    const errors = all.filter((d) => d.severity === 'error').length;
    io.stdout.write(`${positional.length} file(s): ${errors} error(s), ${all.length - errors} other finding(s)\n`);
  }
  if (ioFailed) return 2;
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}
