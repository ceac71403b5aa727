/** Re-validation of EnvoyFilter files: our analysis against yaml-language-server with the EnvoyFilter schema. */
import { analyzeText, type Checker } from '../../../server/src/core/analyze';
import type { PeerValidator } from './yamlLanguageServer';
import { median, sample, sampleAsync } from './stats';

export interface ValidationRow {
  label: string;
  lines: number;
  oursMs: number;
  peerMs: number;
  runs: number;
  ourFindings: number;
  peerDiagnostics: number;
}

/** Fewer runs for the big files: the point is a stable median, not minutes of waiting. */
function runsFor(lines: number): number {
  if (lines <= 5_000) return 21;
  if (lines <= 30_000) return 9;
  return 5;
}

export async function benchValidation(label: string, text: string, checkers: Checker[], peer: PeerValidator): Promise<ValidationRow> {
  const lines = text.split('\n').length - 1;
  const runs = runsFor(lines);
  let ourFindings = 0;
  // Warm means the JIT has seen the code: a few runs are not enough for the small file, so warm up as long as we measure.
  const warmup = Math.max(2, Math.ceil(runs / 2));
  const ours = sample(() => {
    ourFindings = analyzeText({ text, fileName: 'envoyfilter.yaml', languageId: 'yaml' }, checkers).findings.length;
  }, runs, warmup);
  let peerDiagnostics = 0;
  const theirs = await sampleAsync(async () => {
    peerDiagnostics = await peer.validate(text);
  }, runs, warmup);
  return { label, lines, oursMs: median(ours), peerMs: median(theirs), runs, ourFindings, peerDiagnostics };
}
