/**
 * Shared text helpers for widgets: one place decides the font family, weights and how Localized
 * strings pick a language, so every widget looks the same and all text uses the bundled font.
 */
import { Text, TextStyle, type TextStyleFontWeight } from 'pixi.js';
import type { Theme } from '../../core/wall/model.js';
import { FONT_FAMILY } from '../../core/page/font-faces.js';

/** A Localized text in the wall's language: the core's one rule (English falls back to Vietnamese). */
export { localized as localize } from '../../core/wall/vocabulary.js';

export interface TextOptions {
  size: number;
  weight?: 400 | 600 | 700;
  color?: string;
  align?: 'left' | 'center' | 'right';
  /** Wrap at this width (wall px); no wrapping when absent. */
  wrapWidth?: number;
}

export function textStyle(theme: Theme, o: TextOptions): TextStyle {
  return new TextStyle({
    fontFamily: [FONT_FAMILY, 'sans-serif'],
    fontSize: o.size,
    fontWeight: String(o.weight ?? 400) as TextStyleFontWeight,
    fill: o.color ?? theme.colors.text,
    align: o.align ?? 'left',
    wordWrap: o.wrapWidth !== undefined,
    wordWrapWidth: o.wrapWidth ?? 0,
    breakWords: true,
  });
}

/**
 * A pixi Text from plain text. Pushed strings only ever reach the screen through here (canvas
 * text), never through innerHTML, so markup in an alert is shown as the characters it is.
 */
export function makeText(theme: Theme, text: string, o: TextOptions): Text {
  return new Text({ text: String(text), style: textStyle(theme, o) });
}

/** Parses "#rrggbb" into a pixi colour number. */
export function colorNumber(hex: string): number {
  return parseInt(hex.replace('#', ''), 16);
}

/** A prop of a given type, or the fallback: props are validated by the schema, this guards code. */
export function prop<T>(props: Record<string, unknown>, key: string, fallback: T): T {
  const v = props[key];
  return v === undefined || v === null || typeof v !== typeof fallback ? fallback : (v as T);
}
