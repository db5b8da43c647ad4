import { describe, expect, it } from 'vitest';
import { didYouMean, suggest } from './suggest.js';

describe('suggest', () => {
  it('finds case slips, missing suffixes, swaps and small typos', () => {
    expect(suggest('colspan', ['col', 'colSpan', 'rowSpan'])).toBe('colSpan');
    expect(suggest('legibility', ['legibilityRatio', 'viewingDistanceM'])).toBe('legibilityRatio');
    expect(suggest('drak', ['dark', 'light'])).toBe('dark');
    expect(suggest('camra', ['camera', 'chart'])).toBe('camera');
  });

  it('stays quiet when nothing is close or two candidates are equally close', () => {
    expect(suggest('zzz', ['camera', 'chart'])).toBeUndefined();
    expect(suggest('node-3', ['node-1', 'node-2'])).toBeUndefined();
    expect(didYouMean('node-3', ['node-1', 'node-2'])).toBe('');
    expect(didYouMean('nod-1', ['node-1', 'node-2'])).toBe(' (did you mean "node-1"?)');
  });

  // Found by test/fuzz/loaders.fuzz.test.ts: a 450 kB value for an enum took seconds (and its
  // length times the word's in memory) to measure against each candidate.
  it('does not measure an input far longer than every candidate', () => {
    const huge = 'x'.repeat(2_000_000);
    const started = performance.now();
    expect(suggest(huge, ['100', '200', 'camera'])).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(suggest('cameraa', ['camera'])).toBe('camera');
  });
});
