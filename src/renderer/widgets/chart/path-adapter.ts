/**
 * Lets d3 shape and geo generators draw straight into pixi v8 Graphics (or a GraphicsPath) by
 * posing as the canvas path context they expect. Pixi's path methods have the canvas names but
 * not always canvas semantics; this adapter closes the gaps that d3 output actually hits:
 *
 * - arc(): pixi computes the sweep as |end - start| (wrapped once), so a sweep beyond 2π or a
 *   wrapped clockwise sweep comes out wrong, and a zero sweep pushes seven copies of one point.
 *   We normalise the sweep the way the canvas spec does and send a plain lineTo for a zero sweep.
 * - `anticlockwise` arrives from d3 as a number or boolean (d3-shape passes `!cw`, d3-path `+ccw`).
 * - After closePath() the canvas current point is the subpath's start; pixi starts the next
 *   segment at (0,0) or at the last shape's origin. We re-issue moveTo(start) instead.
 * - arcTo() with no current point moves to (x1, y1) first, as on a canvas.
 * - rect() is a closed polygon subpath (pixi's rect() is a separate primitive that ignores the
 *   current point), so the adapter's output matches what d3-path would draw on a canvas.
 *
 * Pure: depends on no pixi module, so it can be unit-tested in Node against a recording sink.
 */

/** The part of pixi's Graphics / GraphicsPath API the adapter drives. */
export interface PathSink {
  moveTo(x: number, y: number): unknown;
  lineTo(x: number, y: number): unknown;
  bezierCurveTo(cp1x: number, cp1y: number, cp2x: number, cp2y: number, x: number, y: number): unknown;
  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): unknown;
  arc(x: number, y: number, r: number, start: number, end: number, counterclockwise?: boolean): unknown;
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): unknown;
  closePath(): unknown;
}

const TAU = Math.PI * 2;
const EPSILON = 1e-9;

/**
 * Canvas-spec sweep of an arc: the signed angle actually drawn, in (-2π, 2π] (0 for none).
 * Exported for tests.
 */
export function canvasArcSweep(start: number, end: number, anticlockwise: boolean): number {
  if (!anticlockwise) {
    if (end - start >= TAU) return TAU;
    let sweep = (end - start) % TAU;
    if (sweep < 0) sweep += TAU;
    return sweep;
  }
  if (start - end >= TAU) return -TAU;
  let sweep = (start - end) % TAU;
  if (sweep < 0) sweep += TAU;
  return -sweep;
}

export class PathAdapter {
  private sink: PathSink;
  private hasPoint = false;
  private closed = false;
  private startX = 0;
  private startY = 0;

  public constructor(sink: PathSink) {
    this.sink = sink;
  }

  /** Point the adapter at another sink (e.g. a cleared Graphics) without allocating a new adapter. */
  public retarget(sink: PathSink): this {
    this.sink = sink;
    this.hasPoint = false;
    this.closed = false;
    return this;
  }

  public moveTo(x: number, y: number): void {
    this.sink.moveTo(x, y);
    this.startX = x;
    this.startY = y;
    this.hasPoint = true;
    this.closed = false;
  }

  public lineTo(x: number, y: number): void {
    if (!this.ensurePoint(x, y)) this.sink.lineTo(x, y);
  }

  public bezierCurveTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void {
    this.ensurePoint(c1x, c1y);
    this.sink.bezierCurveTo(c1x, c1y, c2x, c2y, x, y);
  }

  public quadraticCurveTo(cx: number, cy: number, x: number, y: number): void {
    this.ensurePoint(cx, cy);
    this.sink.quadraticCurveTo(cx, cy, x, y);
  }

  public arc(x: number, y: number, r: number, start: number, end: number, anticlockwise?: boolean | number): void {
    const sweep = canvasArcSweep(start, end, Boolean(anticlockwise));
    const sx = x + r * Math.cos(start);
    const sy = y + r * Math.sin(start);
    const endAngle = start + sweep;
    if (this.closed) this.reopen();
    if (Math.abs(sweep) < EPSILON || r <= 0) {
      if (this.hasPoint) this.sink.lineTo(sx, sy);
      else this.sink.moveTo(sx, sy);
    } else {
      // Pixi joins the arc to the current point itself (its points go into the current polygon).
      this.sink.arc(x, y, r, start, endAngle, sweep < 0);
    }
    if (!this.hasPoint) {
      this.startX = sx;
      this.startY = sy;
      this.hasPoint = true;
    }
  }

  public arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void {
    if (!this.ensurePoint(x1, y1)) this.sink.arcTo(x1, y1, x2, y2, r);
  }

  public rect(x: number, y: number, w: number, h: number): void {
    this.moveTo(x, y);
    this.sink.lineTo(x + w, y);
    this.sink.lineTo(x + w, y + h);
    this.sink.lineTo(x, y + h);
    this.closePath();
  }

  public closePath(): void {
    if (!this.hasPoint || this.closed) return;
    this.sink.closePath();
    this.closed = true;
  }

  /** Starts a subpath at (x, y) when there is no current point; returns whether it did. */
  private ensurePoint(x: number, y: number): boolean {
    if (this.closed) {
      this.reopen();
      return false;
    }
    if (this.hasPoint) return false;
    this.moveTo(x, y);
    return true;
  }

  /** After closePath() the next segment starts from the closed subpath's start point. */
  private reopen(): void {
    this.sink.moveTo(this.startX, this.startY);
    this.closed = false;
  }
}

/**
 * d3's generators are typed to take a CanvasRenderingContext2D but call only path methods; this is
 * the one place where the adapter is presented as one.
 */
export function asD3Context(adapter: PathAdapter): CanvasRenderingContext2D {
  return adapter as unknown as CanvasRenderingContext2D;
}
