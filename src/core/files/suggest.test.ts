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
});
