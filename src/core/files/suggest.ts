/** "Did you mean …?" for typos in field names, enum values and references. */

/** Edit distance counting a swap of two neighbours ("drak" → "dark") as one edit. */
function distance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
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
    // The distance is at least the difference in length: a far longer input (a 1 MB value) is no
    // typo of a short word, and measuring it would cost its length times the word's, in memory too.
    const word = candidate.toLowerCase();
    if (Math.abs(lower.length - word.length) > bestDistance) continue;
    const d = distance(lower, word);
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
