import { describe, expect, it } from 'vitest';
import { LoadShedder } from './load-shedder.js';

/** Runs animation frames every `gapMs` from `t0` for `forMs`; returns the time after and how many rendered. */
function run(s: LoadShedder, t0: number, gapMs: number, forMs: number): { t: number; rendered: number } {
  let rendered = 0;
  let t = t0;
  for (; t < t0 + forMs; t += gapMs) if (s.frame(t)) {
    s.didRender(t);
    rendered++;
  }
  return { t, rendered };
}

describe('LoadShedder', () => {
  it('sheds nothing while frames are within budget', () => {
    const s = new LoadShedder();
    const { rendered } = run(s, 0, 16, 30_000);
    expect(s.level).toBe(0);
    expect(s.report()).toEqual({ level: 0, shed: [], frameMs: 16 });
    expect(rendered).toBe(Math.ceil(30_000 / 16));
  });

  it('gives up camera uploads, then chart redraws, then animation, one step per hold over budget', () => {
    const s = new LoadShedder({ budgetMs: 250, holdMs: 2000 });
    let t = run(s, 0, 400, 2500).t;
    expect(s.shed).toEqual(['camera-uploads']);
    expect(s.cameraPaceMs).toBe(250);
    expect(s.chartPaceMs).toBe(0);
    t = run(s, t, 400, 2500).t;
    expect(s.shed).toEqual(['camera-uploads', 'chart-redraws']);
    expect(s.chartPaceMs).toBe(2000);
    t = run(s, t, 400, 2500).t;
    expect(s.report()).toEqual({ level: 3, shed: ['camera-uploads', 'chart-redraws', 'animation'], frameMs: 400 });
    run(s, t, 400, 10_000);
    expect(s.level, 'no step past the last').toBe(3);
  });

  it('does not step up on a few slow frames (the median of the last frames is judged)', () => {
    const s = new LoadShedder();
    let t = 0;
    for (let i = 0; i < 200; i++) {
      if (s.frame(t)) s.didRender(t);
      t += i % 5 === 0 ? 900 : 16; // one slow frame in five
    }
    expect(s.level).toBe(0);
  });

  it('at the animation step renders at most twice a second, but always a frame that swaps a scene', () => {
    const s = new LoadShedder({ holdMs: 0 });
    let t = run(s, 0, 300, 3000).t;
    expect(s.level).toBe(3);
    // Cheap frames now, 16 ms apart: the pace holds until recovery.
    const { rendered, t: after } = run(s, t, 16, 5000);
    expect(rendered).toBeGreaterThanOrEqual(9);
    expect(rendered).toBeLessThanOrEqual(11);
    t = after;
    expect(s.frame(t + 16, true), 'a swap renders within the pace').toBe(true);
  });

  it('takes the steps back in reverse once frames stay under half the budget, 10 s per step', () => {
    const s = new LoadShedder({ holdMs: 0, recoverMs: 10_000 });
    let t = run(s, 0, 300, 3000).t;
    expect(s.level).toBe(3);
    const steps: { at: number; shed: string[] }[] = [];
    for (; t < 60_000 && s.level > 0; t += 16) {
      const before = s.level;
      if (s.frame(t)) s.didRender(t);
      if (s.level !== before) steps.push({ at: t, shed: s.shed });
    }
    expect(steps.map((x) => x.shed)).toEqual([['camera-uploads', 'chart-redraws'], ['camera-uploads'], []]);
    expect(steps[1]!.at - steps[0]!.at).toBeGreaterThanOrEqual(10_000);
    expect(steps[2]!.at - steps[1]!.at).toBeGreaterThanOrEqual(10_000);
    expect(steps[2]!.at - steps[1]!.at).toBeLessThan(10_100);
  });

  it('measures only rendered frames: a long idle gap after a frame that rendered nothing is not a slow frame', () => {
    const s = new LoadShedder({ holdMs: 0 });
    let t = 0;
    for (let i = 0; i < 50; i++, t += 16) {
      // Every tenth frame renders; the others find nothing changed. Their gaps are never judged.
      if (s.frame(t) && i % 10 === 0) s.didRender(t);
      t += i % 10 === 0 ? 0 : 400;
    }
    expect(s.level).toBe(0);
  });
});
