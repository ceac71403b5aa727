/** Hover and go-to-definition, called in-process on the core the way the server calls them, on a large dump. */
import { analyzeText, type Checker, type FileAnalysis } from '../../../server/src/core/analyze';
import { hoverAt } from '../../../server/src/core/hover';
import { definitionAt } from '../../../server/src/core/navigation/definition';
import { languageModels } from '../../../server/src/runtime/languageModels';
import { percentile, timeMs } from './stats';

export interface NavigationResult {
  probes: number;
  /** the first hover of a fresh analysis, which builds the file's object graph */
  firstHoverMs: number;
  hover: { p50: number; p95: number; answered: number };
  definition: { p50: number; p95: number; answered: number };
}

/** Offsets inside the values of route `"cluster": "…"` references, spread evenly over the file. */
export function clusterReferenceOffsets(text: string, wanted: number): number[] {
  const all: number[] = [];
  const pattern = /"cluster"\s*:\s*"([^"]+)"/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    all.push(match.index + match[0].length - 1 - Math.ceil(match[1].length / 2));
  }
  if (all.length <= wanted) return all;
  const step = all.length / wanted;
  return Array.from({ length: wanted }, (_, i) => all[Math.floor(i * step)]);
}

export function benchNavigation(text: string, checkers: Checker[], rounds = 5): NavigationResult {
  const offsets = clusterReferenceOffsets(text, 40);
  const analysis: FileAnalysis = analyzeText({ text, fileName: 'config_dump.json' }, checkers);
  // Reading the API docs is a one-off start-up cost, not part of a hover.
  void languageModels.docs;
  const firstHoverMs = timeMs(() => hoverAt(analysis, offsets[0] ?? 0, languageModels, { uri: 'file:///bench/config_dump.json' }));
  const hoverTimes: number[] = [];
  const definitionTimes: number[] = [];
  let hoverAnswers = 0;
  let definitionAnswers = 0;
  for (let round = 0; round < rounds; round++) {
    for (const offset of offsets) {
      hoverTimes.push(
        timeMs(() => {
          if (hoverAt(analysis, offset, languageModels, { uri: 'file:///bench/config_dump.json' })) hoverAnswers++;
        }),
      );
      definitionTimes.push(
        timeMs(() => {
          if (definitionAt({ analysis, uri: 'file:///bench/config_dump.json', offset, index: languageModels.envoy }).length) definitionAnswers++;
        }),
      );
    }
  }
  return {
    probes: hoverTimes.length,
    firstHoverMs,
    hover: { p50: percentile(hoverTimes, 50), p95: percentile(hoverTimes, 95), answered: hoverAnswers / rounds },
    definition: { p50: percentile(definitionTimes, 50), p95: percentile(definitionTimes, 95), answered: definitionAnswers / rounds },
  };
}
