import { arc, area, line, pie } from 'd3';
import { describe, expect, it, vi } from 'vitest';
import { PathAdapter, asD3Context, canvasArcSweep, type PathSink } from './path-adapter.js';

type Call = [string, ...number[]] | [string, ...(number | boolean | undefined)[]];

/** Records every call the adapter makes, as a canvas-like sink would receive them. */
function recorder(): PathSink & { calls: Call[] } {
  const calls: Call[] = [];
  const rec = (name: string) => (...args: (number | boolean | undefined)[]) => {
    calls.push([name, ...args]);
  };
  return {
    calls,
    moveTo: rec('moveTo'),
    lineTo: rec('lineTo'),
    bezierCurveTo: rec('bezierCurveTo'),
    quadraticCurveTo: rec('quadraticCurveTo'),
    arc: rec('arc'),
    arcTo: rec('arcTo'),
    closePath: rec('closePath'),
  };
}

/** Pixi's own sweep rule (buildArc.mjs): what pixi would draw for the arguments it receives. */
function pixiSweep(start: number, end: number, ccw: boolean): number {
  let dist = Math.abs(start - end);
  if (!ccw && start > end) dist = 2 * Math.PI - dist;
  else if (ccw && end > start) dist = 2 * Math.PI - dist;
  return ccw ? -dist : dist;
}

describe('canvasArcSweep', () => {
  it('follows the canvas spec for both directions', () => {
    expect(canvasArcSweep(0, Math.PI / 2, false)).toBeCloseTo(Math.PI / 2);
    expect(canvasArcSweep(0, Math.PI / 2, true)).toBeCloseTo(-1.5 * Math.PI);
    expect(canvasArcSweep(Math.PI / 2, 0, false)).toBeCloseTo(1.5 * Math.PI);
    expect(canvasArcSweep(0, 5 * Math.PI, false)).toBeCloseTo(2 * Math.PI);
    expect(canvasArcSweep(0, -5 * Math.PI, true)).toBeCloseTo(-2 * Math.PI);
    expect(canvasArcSweep(1, 1, false)).toBe(0);
  });
});

describe('PathAdapter', () => {
  it('hands pixi arc arguments whose pixi sweep equals the canvas sweep', () => {
    const cases: [number, number, boolean][] = [
      [0, Math.PI / 2, false], [Math.PI / 2, 0, false], [0, 3 * Math.PI, false],
      [3, -4, true], [0, Math.PI, true], [-Math.PI / 2, 3 * Math.PI / 2, false],
    ];
    for (const [a0, a1, ccw] of cases) {
      const sink = recorder();
      new PathAdapter(sink).arc(0, 0, 10, a0, a1, ccw);
      const [name, , , , s, e, c] = sink.calls[0] as [string, number, number, number, number, number, boolean];
      expect(name).toBe('arc');
      expect(pixiSweep(s, e, c)).toBeCloseTo(canvasArcSweep(a0, a1, ccw), 9);
    }
  });

  it('turns a zero-sweep arc into a single point and coerces numeric anticlockwise flags', () => {
    const sink = recorder();
    const a = new PathAdapter(sink);
    a.arc(0, 0, 10, 0, 0, 1 as unknown as boolean);
    a.arc(0, 0, 10, 0, Math.PI, 1 as unknown as boolean);
    expect(sink.calls[0]).toEqual(['moveTo', 10, 0]);
    expect(sink.calls[1]![0]).toBe('arc');
    expect(sink.calls[1]![6]).toBe(true);
  });

  it('continues from the subpath start after closePath, as a canvas does', () => {
    const sink = recorder();
    const a = new PathAdapter(sink);
    a.moveTo(1, 2);
    a.lineTo(5, 2);
    a.closePath();
    a.lineTo(9, 9);
    expect(sink.calls).toEqual([['moveTo', 1, 2], ['lineTo', 5, 2], ['closePath'], ['moveTo', 1, 2], ['lineTo', 9, 9]]);
  });

  it('starts a subpath when a segment comes without a current point', () => {
    const sink = recorder();
    const a = new PathAdapter(sink);
    a.lineTo(3, 4);
    a.arcTo(5, 5, 6, 6, 1);
    expect(sink.calls).toEqual([['moveTo', 3, 4], ['arcTo', 5, 5, 6, 6, 1]]);
    const sink2 = recorder();
    new PathAdapter(sink2).arcTo(5, 5, 6, 6, 1);
    expect(sink2.calls).toEqual([['moveTo', 5, 5]]);
  });

  it('draws rect as a closed polygon subpath', () => {
    const sink = recorder();
    new PathAdapter(sink).rect(1, 2, 3, 4);
    expect(sink.calls).toEqual([['moveTo', 1, 2], ['lineTo', 4, 2], ['lineTo', 4, 6], ['lineTo', 1, 6], ['closePath']]);
  });

  it('carries d3 line, area and arc output through unchanged in shape', () => {
    const sink = recorder();
    const ctx = asD3Context(new PathAdapter(sink));
    line<[number, number]>().context(ctx)([[0, 0], [10, 5], [20, 0]]);
    expect(sink.calls).toEqual([['moveTo', 0, 0], ['lineTo', 10, 5], ['lineTo', 20, 0]]);
    sink.calls.length = 0;
    area<[number, number]>().y0(10).context(ctx)([[0, 0], [10, 5]]);
    expect(sink.calls.map((c) => c[0])).toEqual(['moveTo', 'lineTo', 'lineTo', 'lineTo', 'closePath']);
    sink.calls.length = 0;
    arc<unknown>().context(ctx)({ innerRadius: 5, outerRadius: 10, startAngle: 0, endAngle: Math.PI / 2 } as never);
    expect(sink.calls.filter((c) => c[0] === 'arc')).toHaveLength(2);
    expect(sink.calls.at(-1)![0]).toBe('closePath');
  });

  it('produces the canvas geometry in real pixi paths (full circle, pie slices, donut)', async () => {
    // pixi reads navigator at import time; Node 20 has none.
    if (!('navigator' in globalThis)) vi.stubGlobal('navigator', { userAgent: 'node' });
    const { GraphicsPath } = await import('pixi.js');
    const path = new GraphicsPath();
    const ctx = asD3Context(new PathAdapter(path));
    arc<unknown>().context(ctx)({ innerRadius: 0, outerRadius: 10, startAngle: 0, endAngle: 2 * Math.PI } as never);
    const circle = path.shapePath.shapePrimitives[0]!.shape as unknown as { points: number[] };
    const xs = circle.points.filter((_, i) => i % 2 === 0);
    const ys = circle.points.filter((_, i) => i % 2 === 1);
    // Pixi approximates arcs by polygons: extremes within 2% of the radius, on all four sides.
    expect(Math.min(...xs)).toBeLessThan(-9.8);
    expect(Math.max(...xs)).toBeGreaterThan(9.8);
    expect(Math.min(...ys)).toBeLessThan(-9.8);
    expect(Math.max(...ys)).toBeGreaterThan(9.8);

    // The last pie slice runs from 3π/2 to 2π: the quarter to the left of 12 o'clock only.
    const slices = pie<number>().sort(null)([1, 1, 1, 1]);
    const slicePath = new GraphicsPath();
    arc<unknown>().context(asD3Context(new PathAdapter(slicePath)))({ ...slices[3]!, innerRadius: 0, outerRadius: 10 } as never);
    const pts = (slicePath.shapePath.shapePrimitives[0]!.shape as unknown as { points: number[] }).points;
    for (let i = 0; i < pts.length; i += 2) {
      expect(pts[i]!).toBeLessThanOrEqual(1e-6);
      expect(pts[i + 1]!).toBeLessThanOrEqual(1e-6);
    }
  });
});
