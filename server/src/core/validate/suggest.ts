/** Damerau-Levenshtein (optimal string alignment) distance, giving up early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let previousPrevious = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = new Array<number>(cols);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previousPrevious[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[cols - 1];
}

/** How far apart two names may be and still count as a typo of each other. */
export function typoLimit(name: string): number {
  if (name.length <= 2) return 0;
  if (name.length <= 6) return 1;
  return 2;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

/** Candidates come from the models, a bounded set of names, so their normal forms are worth keeping. */
const normalizedCandidates = new Map<string, string>();

function normalizedCandidate(candidate: string): string {
  let normal = normalizedCandidates.get(candidate);
  if (normal === undefined) {
    normal = normalize(candidate);
    if (normalizedCandidates.size < 50_000) normalizedCandidates.set(candidate, normal);
  }
  return normal;
}

/**
 * The candidate a mistyped name most likely meant, or undefined when none is close enough.
 * Case and the `_` of snake_case are ignored first, so `connectTimeout` vs `connect_timeout` is not a typo.
 */
export function closestName(name: string, candidates: Iterable<string>, limit = typoLimit(name)): string | undefined {
  const wanted = normalize(name);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalizedCandidate(candidate), Math.min(limit, bestDistance));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
