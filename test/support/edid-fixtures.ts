/**
 * EDID base blocks built in code for tests (cf. test-fixtures.ts): header, PNP id, product code,
 * serial number, a detailed timing for the preferred mode, name and serial text descriptors, and
 * the checksum, laid out as VESA E-EDID 1.4 says.
 */

export interface EdidSpec {
  /** Three letters A–Z (default `SAM`). */
  manufacturer?: string;
  productCode?: number;
  serialNumber?: number;
  name?: string;
  serialText?: string;
  mode?: { width: number; height: number };
  /** Leave the checksum wrong on purpose. */
  badChecksum?: boolean;
}

function textDescriptor(tag: number, text: string): number[] {
  const body = [...text.slice(0, 13)].map((c) => c.charCodeAt(0));
  if (body.length < 13) body.push(0x0a);
  while (body.length < 13) body.push(0x20);
  return [0, 0, 0, tag, 0, ...body];
}

function timingDescriptor(width: number, height: number): number[] {
  const d = new Array<number>(18).fill(0);
  d[0] = 0x02; // pixel clock 148.50 MHz = 14850 × 10 kHz, little-endian
  d[1] = 0x3a;
  d[2] = width & 0xff;
  d[4] = (width >> 8) << 4;
  d[5] = height & 0xff;
  d[7] = (height >> 8) << 4;
  return d;
}

/** A 128-byte EDID base block. */
export function makeEdid(spec: EdidSpec = {}): Uint8Array {
  const bytes = new Uint8Array(128);
  bytes.set([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00], 0);
  const m = spec.manufacturer ?? 'SAM';
  const id = ((m.charCodeAt(0) - 64) << 10) | ((m.charCodeAt(1) - 64) << 5) | (m.charCodeAt(2) - 64);
  bytes[8] = id >> 8;
  bytes[9] = id & 0xff;
  const product = spec.productCode ?? 0x0f2a;
  bytes[10] = product & 0xff;
  bytes[11] = product >> 8;
  const serial = spec.serialNumber ?? 0;
  bytes.set([serial & 0xff, (serial >> 8) & 0xff, (serial >> 16) & 0xff, (serial >>> 24) & 0xff], 12);
  bytes[18] = 1; // EDID 1.4
  bytes[19] = 4;
  const descriptors = [timingDescriptor(spec.mode?.width ?? 1920, spec.mode?.height ?? 1080)];
  if (spec.name !== undefined) descriptors.push(textDescriptor(0xfc, spec.name));
  if (spec.serialText !== undefined) descriptors.push(textDescriptor(0xff, spec.serialText));
  while (descriptors.length < 4) descriptors.push([0, 0, 0, 0x10, ...new Array<number>(14).fill(0)]); // dummy descriptors
  descriptors.forEach((d, i) => bytes.set(d, 54 + i * 18));
  let sum = 0;
  for (let i = 0; i < 127; i++) sum += bytes[i]!;
  bytes[127] = (256 - (sum % 256)) % 256;
  if (spec.badChecksum) bytes[127] = (bytes[127]! + 1) % 256;
  return bytes;
}

/** As xrandr --verbose prints it: two tabs, then 32 hex digits per line. */
export function edidHexLines(bytes: Uint8Array): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return hex.match(/.{1,32}/g)!.map((l) => `\t\t${l}`).join('\n');
}
