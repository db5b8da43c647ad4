import { describe, expect, it } from 'vitest';
import { applyMatrix, invertMatrix } from './affine.js';

describe('affine', () => {
  it('inverts a general matrix', () => {
    const m = { a: 2, b: 1, c: 1, d: 1, tx: 5, ty: -3 }; // det 1
    const inv = invertMatrix(m);
    expect(inv).toEqual({ a: 1, b: -1, c: -1, d: 2, tx: -8, ty: 11 });
    expect(applyMatrix(inv, applyMatrix(m, { x: 7, y: -4 }))).toEqual({ x: 7, y: -4 });
    expect(() => invertMatrix({ a: 1, b: 2, c: 2, d: 4, tx: 0, ty: 0 })).toThrow();
  });
});
