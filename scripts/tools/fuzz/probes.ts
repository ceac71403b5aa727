/** The editor requests a fuzzed document gets, at random positions: only what the server advertises. */
import type { LspSession, TimedResponse } from './lspClient';
import type { Rng } from './rng';

export interface Position {
  line: number;
  character: number;
}

export interface ProbeResult {
  method: string;
  position?: Position;
  response: TimedResponse;
}

/** Line starts of the text, with every kind of line break LSP counts (\n, \r\n, \r). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** Mostly a real offset in the text; sometimes past the end of a line or of the file, which editors also send. */
export function randomPosition(text: string, starts: number[], rng: Rng): Position {
  if (rng.chance(0.05)) return { line: starts.length + rng.int(0, 5), character: rng.int(0, 10) };
  const offset = rng.int(0, text.length);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const character = offset - starts[lo] + (rng.chance(0.05) ? rng.int(1, 50) : 0);
  return { line: lo, character };
}

export interface ProbePlan {
  methods: string[];
  timeoutMs: number;
}

export function planFromCapabilities(capabilities: Record<string, unknown>, hangTimeoutMs: number): ProbePlan {
  const methods: string[] = [];
  if (capabilities.hoverProvider) methods.push('textDocument/hover');
  if (capabilities.definitionProvider) methods.push('textDocument/definition');
  if (capabilities.documentSymbolProvider) methods.push('textDocument/documentSymbol');
  if (capabilities.completionProvider) methods.push('textDocument/completion');
  if (capabilities.referencesProvider) methods.push('textDocument/references');
  if (capabilities.foldingRangeProvider) methods.push('textDocument/foldingRange');
  if (capabilities.codeLensProvider) methods.push('textDocument/codeLens');
  if (capabilities.documentLinkProvider) methods.push('textDocument/documentLink');
  if (capabilities.codeActionProvider) methods.push('textDocument/codeAction');
  return { methods, timeoutMs: hangTimeoutMs };
}

function paramsFor(method: string, uri: string, position: Position): unknown {
  const textDocument = { uri };
  switch (method) {
    case 'textDocument/documentSymbol':
    case 'textDocument/foldingRange':
    case 'textDocument/codeLens':
    case 'textDocument/documentLink':
      return { textDocument };
    case 'textDocument/completion':
      return { textDocument, position, context: { triggerKind: 1 } };
    case 'textDocument/references':
      return { textDocument, position, context: { includeDeclaration: true } };
    case 'textDocument/codeAction':
      return { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } };
    default:
      return { textDocument, position };
  }
}

const POSITIONLESS = new Set(['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens', 'textDocument/documentLink']);

/** One request per advertised method, each awaited before the next so its time is its own. */
export async function probe(session: LspSession, uri: string, text: string, plan: ProbePlan, rng: Rng): Promise<ProbeResult[]> {
  const starts = lineStarts(text);
  const results: ProbeResult[] = [];
  for (const method of plan.methods) {
    if (!session.alive) break;
    const position = randomPosition(text, starts, rng);
    const response = await session.request(method, paramsFor(method, uri, position), plan.timeoutMs);
    results.push({ method, position: POSITIONLESS.has(method) ? undefined : position, response });
    // A server that let one request time out is stuck; more requests would only wait as long again.
    if (response.timedOut) break;
  }
  return results;
}
