import { describe, expect, it } from 'vitest';
import { cropDraw, cropPointInBox, cropRect, fitWall, scaledRect } from './wall-geometry.js';

describe('wall canvas geometry', () => {
  it('scales the wall to the section width, keeping bezel gaps between neighbours', () => {
    // The demo wall: 6 × 3 cells of 1926 × 1086 wall px (3 px bezels).
    const { scale, height } = fitWall({ width: 11_556, height: 3258 }, 1155.6);
    expect(scale).toBeCloseTo(0.1);
    expect(height).toBe(326);
    const left = scaledRect({ x: 3, y: 3, width: 1920, height: 1080 }, 0.25);
    const right = scaledRect({ x: 1929, y: 3, width: 1920, height: 1080 }, 0.25);
    expect(left).toEqual({ x: 1, y: 1, width: 480, height: 270 });
    expect(right.x).toBeGreaterThan(left.x + left.width); // a gap: the bezel
    // A tall wall is kept within the height given (the rest of the console stays in view).
    expect(fitWall({ width: 2000, height: 4000 }, 1000, 400)).toEqual({ scale: 0.1, height: 400 });
  });

  it('crops a screen out of its window thumbnail', () => {
    // The third screen of a six-screen row, thumbnail 1920 × 180.
    expect(cropRect({ x: 2 / 6, y: 0, width: 1 / 6, height: 1, turn: 0 }, { width: 1920, height: 180 })).toEqual({ x: 640, y: 0, width: 320, height: 180 });
    // The lower right screen of a 2 × 2 window.
    expect(cropRect({ x: 0.5, y: 0.5, width: 0.5, height: 0.5, turn: 0 }, { width: 640, height: 360 })).toEqual({ x: 320, y: 180, width: 320, height: 180 });
    // Never outside the image.
    expect(cropRect({ x: 0.9, y: -0.1, width: 0.2, height: 1.2, turn: 0 }, { width: 100, height: 50 })).toEqual({ x: 90, y: 0, width: 10, height: 50 });
  });

  it('turns a crop upright into a portrait screen box', () => {
    // A portrait screen 90 × 160 whose window picture is landscape (the page turned it a quarter counter-clockwise).
    const d = cropDraw({ width: 90, height: 160 }, 90);
    expect([d.drawWidth, d.drawHeight]).toEqual([160, 90]);
    // The crop's top-left corner lands at the box's top-right: turned a quarter clockwise.
    expect(cropPointInBox(d, { x: 0, y: 0 })).toEqual({ x: 90, y: 0 });
    expect(cropPointInBox(d, { x: 160, y: 90 })).toEqual({ x: 0, y: 160 });
    const back = cropDraw({ width: 90, height: 160 }, 270);
    expect(cropPointInBox(back, { x: 0, y: 0 })).toEqual({ x: 0, y: 160 });
    const upright = cropDraw({ width: 160, height: 90 }, 0);
    expect(cropPointInBox(upright, { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });
});
