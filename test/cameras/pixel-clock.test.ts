/**
 * readPixelClock against frames drawn here with the layout docs/cameras.md gives (the Python test
 * camera draws the same): it reads the time at any scale and offset, through blur-like level changes,
 * and refuses what is not a time code rather than returning a wrong time.
 */
import { describe, expect, it } from 'vitest';
import { PIXEL_CLOCK, readPixelClock, type Rect } from '../support/pixel-clock.js';
import type { Image } from '../support/png.js';

/** The 64 cells' bits for `ms`: start marker, 48 time bits, check byte, end marker. */
function bits(ms: number): number[] {
  const out: number[] = [...PIXEL_CLOCK.startMarker];
  for (let i = 47; i >= 0; i--) out.push(Math.floor(ms / 2 ** i) % 2);
  let check = 0;
  for (let b = 5; b >= 0; b--) check += Math.floor(ms / 2 ** (8 * b)) % 256;
  for (let i = 7; i >= 0; i--) out.push(((check & 0xff) >> i) & 1);
  return [...out, ...PIXEL_CLOCK.endMarker];
}

/** A grey image with a camera frame of `ms` drawn into `rect` (nearest neighbour), white/black at `levels`. */
function drawFrame(width: number, height: number, rect: Rect, cells: number[], levels: [number, number] = [235, 16]): Image {
  const data = new Uint8Array(width * height * 4).fill(128);
  const { sourceWidth, sourceHeight, columns, rows, cellWidth, cellHeight } = PIXEL_CLOCK;
  const bandTop = sourceHeight - rows * cellHeight;
  for (let y = Math.floor(rect.y); y < rect.y + rect.height; y++) {
    for (let x = Math.floor(rect.x); x < rect.x + rect.width; x++) {
      const sx = Math.floor(((x - rect.x) / rect.width) * sourceWidth);
      const sy = Math.floor(((y - rect.y) / rect.height) * sourceHeight);
      if (sy < bandTop) continue;
      const cell = Math.floor((sy - bandTop) / cellHeight) * columns + Math.floor(sx / cellWidth);
      const v = cells[cell] ? levels[0] : levels[1];
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

const NOW = Date.UTC(2026, 11, 7, 3, 14, 15, 926);

describe('readPixelClock', () => {
  it('reads the time at the source size, scaled down and up, at an offset', () => {
    for (const rect of [
      { x: 0, y: 0, width: 320, height: 180 },
      { x: 17, y: 9, width: 240, height: 135 },
      { x: 40, y: 30, width: 736, height: 414 },
    ]) {
      const image = drawFrame(rect.x + rect.width + 11, rect.y + rect.height + 7, rect, bits(NOW));
      expect(readPixelClock(image, rect), JSON.stringify(rect)).toBe(NOW);
    }
  });

  it('reads full-range and dim levels alike (threshold from the markers)', () => {
    const rect = { x: 0, y: 0, width: 320, height: 180 };
    expect(readPixelClock(drawFrame(320, 180, rect, bits(NOW), [255, 0]), rect)).toBe(NOW);
    expect(readPixelClock(drawFrame(320, 180, rect, bits(NOW), [150, 40]), rect)).toBe(NOW);
  });

  it('returns null for a flat picture, a flipped time bit, a broken marker, or the wrong rect', () => {
    const rect = { x: 0, y: 0, width: 320, height: 180 };
    expect(readPixelClock({ width: 320, height: 180, data: new Uint8Array(320 * 180 * 4).fill(90) }, rect)).toBeNull();
    const flipped = bits(NOW);
    flipped[30] = 1 - flipped[30]!;
    expect(readPixelClock(drawFrame(320, 180, rect, flipped), rect)).toBeNull();
    const marker = bits(NOW);
    marker[1] = 1;
    expect(readPixelClock(drawFrame(320, 180, rect, marker), rect)).toBeNull();
    const image = drawFrame(400, 240, { x: 40, y: 30, width: 320, height: 180 }, bits(NOW));
    expect(readPixelClock(image, { x: 0, y: 0, width: 320, height: 180 })).toBeNull();
  });
});
