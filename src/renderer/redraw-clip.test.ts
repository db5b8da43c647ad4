import { describe, expect, it } from 'vitest';
import { capBoxes, deviceBoxes } from './redraw-clip.js';

const size = { width: 480, height: 270 };

describe('redraw clip boxes', () => {
  it('places wall rects on the target, grown to whole device px and one more for anti-aliased edges', () => {
    const at = { tx: -1920, ty: 0 }; // the window's second screen
    expect(deviceBoxes([{ x: 1930.5, y: 100, width: 200, height: 50.2 }], at, 0.25, size)).toEqual([{ x: 1, y: 24, width: 53, height: 15 }]);
  });

  it('clamps to the target and drops what falls outside it', () => {
    const boxes = deviceBoxes(
      [
        { x: -40, y: -40, width: 80, height: 80 },
        { x: 5000, y: 0, width: 100, height: 100 },
      ],
      { tx: 0, ty: 0 },
      0.25,
      size,
    );
    expect(boxes).toEqual([{ x: 0, y: 0, width: 11, height: 11 }]);
  });

  it('keeps up to the pass limit as they are, and draws more as their bounding box', () => {
    const box = (x: number): { x: number; y: number; width: number; height: number } => ({ x, y: x, width: 10, height: 10 });
    expect(capBoxes([box(0), box(20)], 2)).toEqual([box(0), box(20)]);
    expect(capBoxes([box(0), box(20), box(50)], 2)).toEqual([{ x: 0, y: 0, width: 60, height: 60 }]);
  });
});
