import { describe, expect, it } from 'vitest';
import { gaugeGeometry } from './draw-gauge.js';

describe('gaugeGeometry', () => {
  // Body sizes of shipped gauges (a 960 × 540 and a 1920 × 540 tile under a title row) and narrow ones.
  const cases = [
    { width: 960, height: 455 },
    { width: 1920, height: 455 },
    { width: 400, height: 900 },
    { width: 700, height: 300 },
  ];
  for (const size of cases) {
    it(`keeps the rim, the dial and the range labels inside ${size.width} × ${size.height}`, () => {
      const fontPx = 50;
      const { r, thick, cy } = gaugeGeometry(size, fontPx, 0);
      const rimTop = cy - r - thick * 0.4;
      expect(rimTop).toBeGreaterThanOrEqual(-0.01); // never over the title above the body
      expect(size.width / 2 - r - thick * 0.4).toBeGreaterThanOrEqual(fontPx / 2 - 0.01);
      // Range labels: under the tips (r/2 below the centre) with their line box.
      expect(cy + r / 2 + fontPx * 0.2 + thick * 0.3 + fontPx * 1.3).toBeLessThanOrEqual(size.height + 0.01);
      expect(r).toBeGreaterThan(fontPx);
    });
  }
  it('starts the rim under a name row', () => {
    const { r, thick, cy } = gaugeGeometry({ width: 960, height: 455 }, 50, 65);
    expect(cy - r - thick * 0.4).toBeGreaterThanOrEqual(65 - 0.01);
  });
});
