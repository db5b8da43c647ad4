/** "Did you mean …?" for typos in field names, enum values and references. */

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(above + 1, (prev[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return prev[b.length] as number;
}

/**
 * The closest candidate to `input`: a case-insensitive match first, then the only candidate that
 * starts with it, else the nearest by edit distance when it is close enough (at most a third of
 * the word, never more than 3 edits) and no other candidate is as close.
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  // A field written without its unit or suffix: "legibility" for "legibilityRatio".
  const prefixed = candidates.filter((c) => input.length >= 4 && c.toLowerCase().startsWith(lower));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let tie = false;
  let bestDistance = Math.min(3, Math.max(1, Math.floor(input.length / 3)));
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d > bestDistance) continue;
    if (best === undefined || d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && candidate !== best) {
      tie = true;
    }
  }
  if (tie) return undefined;
  return best;
}

/** ` (did you mean "colSpan"?)` or an empty string. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const s = suggest(input, candidates);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}
