/** Small numeric helpers shared by the benchmarks: every number printed is a median or a percentile, never one run. */

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile; good enough for the tens to hundreds of samples a benchmark takes. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export async function timeMsAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs fn `warmup` times unmeasured, then `runs` times, and returns the measured durations. */
export function sample(fn: () => void, runs: number, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timeMs(fn));
  return times;
}

export async function sampleAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeMsAsync(fn));
  return times;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "3.4×" — how many times `slower` takes longer than `faster`. */
export function factor(slower: number, faster: number): string {
  if (!Number.isFinite(slower) || !Number.isFinite(faster) || faster <= 0) return 'n/a';
  return `${(slower / faster).toFixed(1)}×`;
}
