import { describe, expect, it } from 'vitest';
import { intersectRect, rectContains, unionRect } from './rect.js';

describe('rect helpers', () => {
  const a = { x: 0, y: 0, width: 10, height: 10 };

  it('intersects, treating touching edges as disjoint', () => {
    const b = { x: 5, y: -5, width: 10, height: 10 };
    expect(intersectRect(a, b)).toEqual({ x: 5, y: 0, width: 5, height: 5 });
    expect(intersectRect(a, { x: 10, y: 0, width: 5, height: 5 })).toBeNull();
  });

  it('unions into a bounding box', () => {
    const b = { x: 20, y: -5, width: 5, height: 5 };
    expect(unionRect(a, b)).toEqual({ x: 0, y: -5, width: 25, height: 15 });
  });

  it('contains with edges included', () => {
    expect(rectContains(a, a)).toBe(true);
    expect(rectContains(a, { x: 2, y: 2, width: 8, height: 8 })).toBe(true);
    expect(rectContains(a, { x: 2, y: 2, width: 9, height: 8 })).toBe(false);
  });
});
