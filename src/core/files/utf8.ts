/**
 * Strict UTF-8 decoding by hand: core runs without DOM or Node typings, so no TextDecoder.
 * Rejects what TextDecoder's `fatal` mode rejects (stray continuation bytes, overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences) and says where the first bad byte is.
 */

/** The decoded text, or where decoding failed (1-based line and column, counted as the editor shows them). */
export type Utf8Result =
  | { ok: true; text: string; hadBom: boolean }
  | { ok: false; byte: number; offset: number; line: number; column: number };

const BOM = [0xef, 0xbb, 0xbf] as const;
const CHUNK = 8192;

export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  const hadBom = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
  const parts: string[] = [];
  let units: number[] = [];
  let line = 1;
  let column = 1;
  let i = hadBom ? 3 : 0;
  while (i < bytes.length) {
    const start = i;
    const b0 = bytes[i] as number;
    let cp: number;
    let need: number;
    let min: number;
    if (b0 < 0x80) {
      cp = b0;
      need = 0;
      min = 0;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      cp = b0 & 0x1f;
      need = 1;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      cp = b0 & 0x0f;
      need = 2;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      cp = b0 & 0x07;
      need = 3;
      min = 0x10000;
    } else {
      return { ok: false, byte: b0, offset: start, line, column };
    }
    i++;
    for (let k = 0; k < need; k++, i++) {
      const b = bytes[i];
      if (b === undefined || (b & 0xc0) !== 0x80) {
        // A lead byte without its continuation (often a Latin-1 "é"): that character is the bad one.
        return { ok: false, byte: b0, offset: start, line, column };
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return { ok: false, byte: b0, offset: start, line, column };
    }
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      units.push(0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff));
      column += 2;
    } else {
      units.push(cp);
      if (cp === 0x0a) {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    if (units.length >= CHUNK) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return { ok: true, text: parts.join(''), hadBom };
}
