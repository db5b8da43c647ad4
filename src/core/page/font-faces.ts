/**
 * The bundled font faces: Be Vietnam Pro from @fontsource (copied into dist/renderer/fonts by the
 * renderer build, never fetched at run time). Pure data, shared by the page (which registers the
 * faces with FontFace), the build (which copies the files) and the coverage test.
 *
 * Vietnamese needs two subsets: `latin` has â ê ô and the basic letters, `vietnamese` has ă đ ơ ư,
 * the combining tone marks and the precomposed letters U+1EA0–1EF9.
 */
export const FONT_FAMILY = 'Be Vietnam Pro';
export const FONT_PACKAGE = '@fontsource/be-vietnam-pro';
export const FONT_WEIGHTS = [400, 600, 700] as const;

/** unicode-range values copied from the package's CSS (checked against it by a unit test). */
export const FONT_SUBSETS = {
  vietnamese:
    'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
} as const;

export type FontSubset = keyof typeof FONT_SUBSETS;

export interface FontFaceFile {
  subset: FontSubset;
  weight: number;
  /** File name, identical in the package's files/ folder and in dist/renderer/fonts/. */
  file: string;
  unicodeRange: string;
}

export const FONT_FILES: readonly FontFaceFile[] = FONT_WEIGHTS.flatMap((weight) =>
  (Object.keys(FONT_SUBSETS) as FontSubset[]).map((subset) => ({
    subset,
    weight,
    file: `be-vietnam-pro-${subset}-${weight}-normal.woff2`,
    unicodeRange: FONT_SUBSETS[subset],
  })),
);

/** Parses "U+0102-0103,U+0323" into inclusive code point ranges. */
export function parseUnicodeRange(range: string): [number, number][] {
  return range.split(',').map((part) => {
    const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(lo ?? '', 16);
    return [start, hi === undefined ? start : parseInt(hi, 16)];
  });
}

/** Whether a code point is covered by the union of the bundled subsets. */
export function fontCovers(codePoint: number): boolean {
  return Object.values(FONT_SUBSETS).some((r) =>
    parseUnicodeRange(r).some(([lo, hi]) => codePoint >= lo && codePoint <= hi),
  );
}
