/**
 * The few facts of a monitor's EDID (VESA E-EDID 1.3/1.4 base block) that identify a panel: the
 * manufacturer's PNP id, product code, serial number, the name and serial text descriptors, and
 * the preferred mode. Read from `/sys/class/drm/<connector>/edid` or xrandr's `--verbose` hex, so
 * `wallrun displays` can offer `edidName`/`serial` selectors. Pure: bytes in, facts out.
 */

export interface EdidInfo {
  /** PNP manufacturer id, e.g. `SAM`. */
  manufacturer: string;
  productCode: number;
  /** The 32-bit serial number of bytes 12–15 (0 when the maker left it out). */
  serialNumber: number;
  /** Display product name descriptor (tag 0xFC), e.g. `SAMSUNG UH55F`. */
  name?: string;
  /** Serial number text descriptor (tag 0xFF). */
  serialText?: string;
  /** The first detailed timing: the panel's preferred (native) mode. */
  preferredMode?: { width: number; height: number };
  /** Bytes 0–127 sum to 0 mod 256; panels with a bad sum exist, so this is reported, not fatal. */
  checksumOk: boolean;
}

const HEADER = [0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00];

/** Descriptor text: up to 13 bytes, ended by a line feed, padded with spaces; printable ASCII kept. */
function descriptorText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x0a || b === 0x00) break;
    if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
  }
  return out.trim();
}

/** Parses the 128-byte base block (extension blocks after it are ignored). */
export function parseEdid(bytes: Uint8Array): { ok: true; edid: EdidInfo } | { ok: false; error: string } {
  if (bytes.length < 128) return { ok: false, error: `EDID too short (${bytes.length} bytes, a base block is 128)` };
  if (HEADER.some((b, i) => bytes[i] !== b)) return { ok: false, error: 'not an EDID (bad header)' };
  const at = (i: number): number => bytes[i]!;
  const id = (at(8) << 8) | at(9);
  const letter = (shift: number): string => String.fromCharCode(64 + ((id >> shift) & 0x1f));
  let sum = 0;
  for (let i = 0; i < 128; i++) sum = (sum + at(i)) & 0xff;
  const edid: EdidInfo = {
    manufacturer: letter(10) + letter(5) + letter(0),
    productCode: at(10) | (at(11) << 8),
    serialNumber: (at(12) | (at(13) << 8) | (at(14) << 16) | (at(15) << 24)) >>> 0,
    checksumOk: sum === 0,
  };
  for (const offset of [54, 72, 90, 108]) {
    const d = bytes.subarray(offset, offset + 18);
    if (d[0] !== 0 || d[1] !== 0) {
      // A detailed timing descriptor; the first one is the preferred mode.
      edid.preferredMode ??= { width: d[2]! | ((d[4]! & 0xf0) << 4), height: d[5]! | ((d[7]! & 0xf0) << 4) };
      continue;
    }
    const text = descriptorText(d.subarray(5, 18));
    if (d[3] === 0xfc && text) edid.name = text;
    else if (d[3] === 0xff && text) edid.serialText = text;
  }
  return { ok: true, edid };
}

/**
 * The serial a `serial` selector is compared with: the serial text descriptor where there is one,
 * else the numeric serial in hex (`0x01F3`, at least 4 digits), else none.
 */
export function edidSerial(edid: EdidInfo): string | undefined {
  if (edid.serialText) return edid.serialText;
  if (edid.serialNumber === 0) return undefined;
  return `0x${edid.serialNumber.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Hex text (xrandr --verbose prints EDIDs as lines of 32 hex digits) → bytes; null if not hex. */
export function hexToBytes(hex: string): Uint8Array | null {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
