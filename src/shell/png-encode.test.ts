import { describe, expect, it } from 'vitest';
import { decodePng, pixel } from '../../test/support/png.js';
import { composeImages, encodePng, hexRgb } from './png-encode.js';

function solid(width: number, height: number, rgb: [number, number, number]): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return { width, height, data };
}

describe('encodePng', () => {
  it('writes an RGB PNG that decodes to the same pixels', () => {
    const img = solid(7, 3, [10, 20, 30]);
    img.data.set([200, 100, 50, 255], (1 * 7 + 4) * 4);
    const back = decodePng(encodePng(img));
    expect([back.width, back.height]).toEqual([7, 3]);
    expect(pixel(back, 0, 0)).toEqual([10, 20, 30, 255]);
    expect(pixel(back, 4, 1)).toEqual([200, 100, 50, 255]);
  });
  it('drops alpha: a translucent pixel keeps its colour (not blended over white)', () => {
    const img = solid(2, 1, [10, 20, 30]);
    img.data.set([40, 50, 60, 0], 4);
    const back = decodePng(encodePng(img));
    expect(pixel(back, 1, 0)).toEqual([40, 50, 60, 255]);
  });
});

describe('decodePng', () => {
  it('throws on what is not a PNG, or a damaged one', () => {
    expect(() => decodePng(new TextEncoder().encode('<html>not a png</html>'))).toThrow();
    const png = encodePng(solid(4, 4, [1, 2, 3]));
    expect(() => decodePng(png.subarray(0, png.length - 20))).toThrow();
    const damaged = Buffer.from(png);
    damaged[damaged.length - 20]! ^= 0xff; // inside IDAT: its CRC no longer matches
    expect(() => decodePng(damaged)).toThrow();
  });
  it('reads a PNG from a view into a larger buffer', () => {
    const png = encodePng(solid(3, 2, [9, 8, 7]));
    const big = new Uint8Array(png.length + 10);
    big.set(png, 5);
    const back = decodePng(big.subarray(5, 5 + png.length));
    expect([back.width, back.height, ...pixel(back, 2, 1)]).toEqual([3, 2, 9, 8, 7, 255]);
  });
});

describe('composeImages', () => {
  it('draws each part at its place over the background, clipped to the picture', () => {
    const out = composeImages({ width: 10, height: 6 }, [0, 0, 0], [
      { rect: { x: 0, y: 0 }, image: solid(10, 2, [255, 0, 0]) },
      { rect: { x: 2, y: 3 }, image: solid(20, 5, [0, 255, 0]) },
    ]);
    const back = decodePng(encodePng(out));
    expect(pixel(back, 9, 1)).toEqual([255, 0, 0, 255]);
    expect(pixel(back, 5, 2)).toEqual([0, 0, 0, 255]); // the seam between the two
    expect(pixel(back, 1, 4)).toEqual([0, 0, 0, 255]);
    expect(pixel(back, 9, 5)).toEqual([0, 255, 0, 255]);
  });
  it('reads theme colours', () => {
    expect(hexRgb('#0b1220')).toEqual([11, 18, 32]);
    expect(hexRgb('red')).toEqual([0, 0, 0]);
    expect(hexRgb(undefined)).toEqual([0, 0, 0]);
  });
});
