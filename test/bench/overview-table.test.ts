/**
 * overview-vs-naive's render backend figures (bench/lib/overview-table.mjs, renderBlock in
 * bench/lib/overview-measures.mjs): the `render` block of a variant, the table's "render backend"
 * and partial-frame rows, and the ours-canvas / ours-webgl pairs.
 */
import { describe, expect, it } from 'vitest';
import { ratiosOf, table } from '../../bench/lib/overview-table.mjs';
import { renderBlock } from '../../bench/lib/overview-measures.mjs';

/** A variant's result with only the fields the rows read; the rest print as –. */
const variant = (backend: string, partialFps: number, changedFps: number) => ({ compositing: 'software', render: { backend, partialFrames: partialFps * 5, partialFps }, frames: { changedFps }, cpu: {}, memory: {}, data: {}, video: {} });

describe('overview-vs-naive render backend figures', () => {
  it('counts the partial frames of the measuring window, and none for a checkout without them', () => {
    expect(renderBlock({ backend: 'canvas', partial: 10 }, { backend: 'canvas', partial: 60 }, 5)).toEqual({ backend: 'canvas', partialFrames: 50, partialFps: 10 });
    expect(renderBlock({ backend: null, partial: null }, { backend: null, partial: null }, 5)).toEqual({ backend: null, partialFrames: null, partialFps: null });
  });

  it('prints the backend of each side, partial frames only where there were some, and the ratios of canvas against WebGL and naive', () => {
    const variants = { 'ours-canvas': variant('canvas', 12, 30), 'ours-webgl': variant('webgl', 0, 15), naive: variant('–', 0, 20) };
    const printed = table({ variants });
    const canvasVsWebgl = printed.split('\n\n').find((t) => t.startsWith('metric (ours-canvas / ours-webgl)'));
    expect(canvasVsWebgl).toMatch(/render backend\s+canvas\s+webgl/);
    expect(canvasVsWebgl).toMatch(/partial \(changed tiles only\) \/s\s+12\s+–/);
    expect(canvasVsWebgl).toMatch(/changed frames \/s\s+30\s+15\s+2/);
    const ratios = ratiosOf(variants) as Record<string, Record<string, number | null>>;
    expect(Object.keys(ratios)).toEqual(expect.arrayContaining(['ours-canvas / naive', 'ours-webgl / naive', 'ours-canvas / ours-webgl']));
    expect(ratios['ours-canvas / ours-webgl']!['changed frames /s']).toBe(2);
  });
});
