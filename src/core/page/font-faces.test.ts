import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, FONT_SUBSETS, FONT_WEIGHTS, fontCovers, parseUnicodeRange } from './font-faces.js';
import { fontPackageFiles } from '../../shell/build-renderer.js';

const VIETNAMESE_LETTERS = 'ăâđêôơưĂÂĐÊÔƠƯ';
/** Combining grave, acute, tilde, hook above, dot below: the five tone marks. */
const TONE_MARKS = [0x300, 0x301, 0x303, 0x309, 0x323];

describe('bundled font coverage', () => {
  it('covers Vietnamese letters, combining tone marks and every precomposed letter U+1EA0–1EF9', () => {
    for (const ch of VIETNAMESE_LETTERS) expect(fontCovers(ch.codePointAt(0)!), ch).toBe(true);
    for (const cp of TONE_MARKS) expect(fontCovers(cp), cp.toString(16)).toBe(true);
    for (let cp = 0x1ea0; cp <= 0x1ef9; cp++) expect(fontCovers(cp), cp.toString(16)).toBe(true);
    for (const ch of 'Trung tâm Điều hành Đô thị Thông minh — Cà Mau ₫') {
      expect(fontCovers(ch.codePointAt(0)!), ch).toBe(true);
    }
  });

  it('uses the unicode ranges the package itself declares', () => {
    const dir = fontPackageFiles();
    for (const weight of FONT_WEIGHTS) {
      const css = readFileSync(join(dir, '..', `${weight}.css`), 'utf8');
      for (const [subset, range] of Object.entries(FONT_SUBSETS)) {
        const block = new RegExp(`be-vietnam-pro-${subset}-${weight}-normal \\*/[^}]*unicode-range: ([^;]+);`).exec(css);
        expect(block?.[1], `${subset} ${weight}`).toBe(range);
      }
    }
  });

  it('ships every face file for weights 400/600/700 of both subsets', () => {
    expect(FONT_FILES).toHaveLength(6);
    for (const f of FONT_FILES) expect(existsSync(join(fontPackageFiles(), f.file)), f.file).toBe(true);
  });

  it('parses ranges and single code points', () => {
    expect(parseUnicodeRange('U+0102-0103,U+0323')).toEqual([
      [0x102, 0x103],
      [0x323, 0x323],
    ]);
  });
});
