import { describe, expect, it } from 'vitest';
import { fitImage } from './fit.js';

describe('fitImage', () => {
  it('contains a wide image, letterboxed top and bottom', () => {
    expect(fitImage({ width: 200, height: 100 }, { width: 100, height: 100 }, 'contain')).toEqual({
      source: { x: 0, y: 0, width: 200, height: 100 },
      dest: { x: 0, y: 25, width: 100, height: 50 },
    });
  });
  it('covers with a centred crop of the source', () => {
    expect(fitImage({ width: 200, height: 100 }, { width: 100, height: 100 }, 'cover')).toEqual({
      source: { x: 50, y: 0, width: 100, height: 100 },
      dest: { x: 0, y: 0, width: 100, height: 100 },
    });
    const tall = fitImage({ width: 100, height: 400 }, { width: 200, height: 100 }, 'cover');
    expect(tall.source).toEqual({ x: 0, y: 175, width: 100, height: 50 });
  });
  it('draws nothing for an empty box or image', () => {
    expect(fitImage({ width: 0, height: 0 }, { width: 10, height: 10 }, 'contain').dest.width).toBe(0);
    expect(fitImage({ width: 10, height: 10 }, { width: 0, height: 10 }, 'cover').dest.width).toBe(0);
  });
});
