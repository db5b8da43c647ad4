/**
 * Text whose digits all take the same width (tabular figures), for numbers that change in place:
 * a KPI's value, the clock. Be Vietnam Pro's digits are proportional ("1" is 60 % of "4") and a
 * canvas cannot switch on the font's `tnum` feature, so each digit is its own Text centred in a
 * cell as wide as the widest digit; other characters keep their own width. "11:11" and "44:44"
 * are then equally wide and a ticking clock does not jiggle.
 */
import { CanvasTextMetrics, Container, Text, type TextStyle } from 'pixi.js';

const DIGIT = /\d/;

export class TabularText extends Container {
  private value = '';
  private cell = 0;
  private cellFor = -1;
  private natural = { width: 0, height: 0 };
  /** Where the text's own (unscaled) box is anchored, as Text.anchor: 0 left/top … 1 right/bottom. */
  public readonly anchor = {
    x: 0,
    y: 0,
    set: (x: number, y: number = x): void => {
      this.anchor.x = x;
      this.anchor.y = y;
      this.applyAnchor();
    },
  };

  public constructor(public readonly style: TextStyle, text: string) {
    super();
    this.text = text;
  }

  public get text(): string {
    return this.value;
  }

  public set text(s: string) {
    if (s === this.value && this.cellFor === this.style.fontSize) return;
    this.value = s;
    this.rebuild();
  }

  /**
   * The laid-out box (cells and advances, with the node's scale), not the glyphs' ink: a "1"
   * centred in its cell still takes the cell's width, so layouts do not move when digits change.
   */
  public override get width(): number {
    return this.natural.width * Math.abs(this.scale.x);
  }

  public override set width(w: number) {
    if (this.natural.width > 0) this.scale.x = w / this.natural.width;
  }

  public override get height(): number {
    return this.natural.height * Math.abs(this.scale.y);
  }

  public override set height(h: number) {
    if (this.natural.height > 0) this.scale.y = h / this.natural.height;
  }

  /** Lays the characters out again after a change of font size (colour changes need nothing). */
  public refresh(): void {
    this.rebuild();
  }

  /** Splits the text into digits and runs of other characters; reuses the Texts already there. */
  private rebuild(): void {
    if (this.cellFor !== this.style.fontSize) {
      this.cell = Math.max(...'0123456789'.split('').map((d) => CanvasTextMetrics.measureText(d, this.style).width));
      this.cellFor = this.style.fontSize;
    }
    const pieces: string[] = [];
    for (const ch of this.value) {
      const last = pieces.length - 1;
      if (!DIGIT.test(ch) && last >= 0 && !DIGIT.test(pieces[last]!)) pieces[last] += ch;
      else pieces.push(ch);
    }
    while (this.children.length > pieces.length) this.removeChildAt(this.children.length - 1).destroy();
    let x = 0;
    let height = 0;
    pieces.forEach((piece, i) => {
      let t = this.children[i] as Text | undefined;
      if (!t) t = this.addChild(new Text({ text: piece, style: this.style }));
      else if (t.text !== piece) t.text = piece;
      const digit = DIGIT.test(piece);
      t.anchor.set(digit ? 0.5 : 0, 0);
      t.x = digit ? x + this.cell / 2 : x;
      x += digit ? this.cell : t.width;
      height = Math.max(height, t.height);
    });
    this.natural = { width: x, height };
    this.applyAnchor();
  }

  private applyAnchor(): void {
    this.pivot.set(this.anchor.x * this.natural.width, this.anchor.y * this.natural.height);
  }
}
