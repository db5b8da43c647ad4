/**
 * Load shedding under a frame-time budget: when the window's frames take longer than the budget
 * (a starved machine, a camera storm, a GPU process that falls behind), the page gives up work in a
 * fixed order, one step at a time, before anything else suffers; and takes it back, in reverse,
 * once frames are cheap again. Steps (docs/reliability.md, "Starvation"):
 *
 *   1. `camera-uploads`: each camera's texture is refreshed at most every 250 ms (4 fps), then 500 ms;
 *   2. `chart-redraws`: a chart redraws at most every 2 s (its data is kept, nothing is lost);
 *   3. `animation`: the window renders at most twice a second (the ticker and the clock move in steps),
 *      except for frames that swap a scene, which always render on time.
 *
 * A frame's time is measured from the start of a rendered frame to the next animation frame: what
 * the frame really cost the page and its GPU process, waits included. Frames skipped on purpose are
 * not measured, nor frames in which nothing changed (they render nothing: render-requests.ts). Steps go up when the median of the last frames is over budget for `holdMs`, and
 * down when it is under half the budget for `recoverMs`; one step per decision. Pure: time is given.
 */

import { SHED_STEPS, type LoadReport, type ShedStep } from '../core/protocol/wall-health.js';

/** What widgets and the scene read: how much is being shed now (0: nothing). */
export interface LoadGauge {
  readonly level: number;
  /** Minimum ms between two texture uploads of one camera (0: every new frame). */
  readonly cameraPaceMs: number;
}

export interface LoadShedderOptions {
  /** A frame longer than this is over budget (ms). Default 250 (4 fps). */
  budgetMs: number;
  /** Over budget this long before a step up (ms). Default 2000. */
  holdMs: number;
  /** Under half the budget this long before a step down (ms). Default 10 000. */
  recoverMs: number;
}

export const LOAD_SHEDDER_DEFAULTS: LoadShedderOptions = { budgetMs: 250, holdMs: 2000, recoverMs: 10_000 };

/** The page config's `load` overrides (host-api.ts): the known fields that are numbers ≥ 0. */
export function loadShedderOptions(raw: Readonly<Record<string, unknown>> | undefined): Partial<LoadShedderOptions> {
  const picked: Partial<LoadShedderOptions> = {};
  for (const key of Object.keys(LOAD_SHEDDER_DEFAULTS) as (keyof LoadShedderOptions)[]) {
    const v = raw?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) picked[key] = v;
  }
  return picked;
}

/** Camera texture refresh: minimum ms between two uploads of one camera, per level. */
const CAMERA_PACE_MS = [0, 250, 500, 500];
/** Chart redraws: minimum ms between two redraws of one chart, per level. */
const CHART_PACE_MS = [0, 0, 2000, 2000];
/** Rendering: minimum ms between two rendered frames, per level. */
const RENDER_PACE_MS = [0, 0, 0, 500];
/** Frames whose median is judged. */
const SAMPLES = 9;

export class LoadShedder implements LoadGauge {
  /** Frames rendered (animation frames skipped on purpose left out). */
  public rendered = 0;
  private current = 0;
  private readonly samples: number[] = [];
  private renderedAt: number | null = null;
  private lastRender = -Infinity;
  /** Since when frames are over budget (or under half of it); null when not. */
  private overSince: number | null = null;
  private underSince: number | null = null;
  private readonly o: LoadShedderOptions;

  public constructor(options: Partial<LoadShedderOptions> = {}) {
    this.o = { ...LOAD_SHEDDER_DEFAULTS, ...options };
  }

  public get level(): number {
    return this.current;
  }

  /** Steps given up now, in order. */
  public get shed(): ShedStep[] {
    return SHED_STEPS.slice(0, this.current);
  }

  public get cameraPaceMs(): number {
    return CAMERA_PACE_MS[this.current]!;
  }

  public get chartPaceMs(): number {
    return CHART_PACE_MS[this.current]!;
  }

  /**
   * Called at the start of every animation frame: measures the frame rendered before (if the last
   * one was rendered) and says whether this one may run the scene and render, by the animation
   * pace. `mustRender`: the frame swaps a scene. A frame that runs but finds nothing changed
   * (render-requests.ts) renders nothing and is not measured: call rendered() only when it renders.
   */
  public frame(now: number, mustRender = false): boolean {
    if (this.renderedAt !== null) this.measure(now - this.renderedAt, now);
    this.renderedAt = null;
    return mustRender || now - this.lastRender >= RENDER_PACE_MS[this.current]!;
  }

  /** This frame (started at `now`, allowed by frame()) was rendered: its cost is measured at the next frame. */
  public didRender(now: number): void {
    this.rendered++;
    this.renderedAt = now;
    this.lastRender = now;
  }

  public report(): LoadReport {
    return { level: this.current, shed: this.shed, frameMs: Math.round(this.median()) };
  }

  private measure(ms: number, now: number): void {
    this.samples.push(ms);
    if (this.samples.length > SAMPLES) this.samples.shift();
    const median = this.median();
    if (median > this.o.budgetMs) {
      this.underSince = null;
      this.overSince ??= now;
      if (now - this.overSince >= this.o.holdMs && this.current < SHED_STEPS.length) this.step(+1, now);
    } else if (median < this.o.budgetMs / 2) {
      this.overSince = null;
      this.underSince ??= now;
      if (now - this.underSince >= this.o.recoverMs && this.current > 0) this.step(-1, now);
    } else {
      this.overSince = this.underSince = null;
    }
  }

  /** One step, then judge afresh: the next step needs its own hold. */
  private step(by: number, now: number): void {
    this.current += by;
    this.samples.length = 0;
    this.overSince = by > 0 ? now : null;
    this.underSince = by < 0 ? now : null;
  }

  private median(): number {
    if (!this.samples.length) return 0;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }
}
