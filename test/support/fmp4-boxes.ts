/**
 * Just enough ISO BMFF parsing for the live camera stand-in: top-level boxes out of a byte stream
 * (ffmpeg's fragmented MP4 on stdout), the `avc1.PPCCLL` codec string from the init segment's avcC,
 * and whether a fragment's mdat holds an IDR picture (a GOP starts there).
 */

export interface Mp4Box {
  type: string;
  /** The whole box, header included. */
  bytes: Buffer;
}

/** Splits a stream into top-level boxes; 32-bit sizes only (ffmpeg writes no 64-bit boxes at this size). */
export class Mp4BoxReader {
  private pending: Buffer = Buffer.alloc(0);

  public push(chunk: Buffer): Mp4Box[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const boxes: Mp4Box[] = [];
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(0);
      if (size < 8) throw new Error(`unsupported MP4 box size ${size}`);
      if (this.pending.length < size) break;
      boxes.push({ type: this.pending.toString('latin1', 4, 8), bytes: this.pending.subarray(0, size) });
      this.pending = this.pending.subarray(size);
    }
    return boxes;
  }
}

/** `avc1.` + profile, constraint flags and level from the first avcC box, as MSE wants it. */
export function avcCodec(init: Buffer): string | null {
  const at = init.indexOf('avcC', 0, 'latin1');
  if (at < 0 || at + 8 > init.length) return null;
  const hex = (n: number): string => n.toString(16).padStart(2, '0').toUpperCase();
  return `avc1.${hex(init[at + 5]!)}${hex(init[at + 6]!)}${hex(init[at + 7]!)}`;
}

/** Whether an mdat box's AVC samples (4-byte length-prefixed NAL units) contain an IDR slice (type 5). */
export function hasIdr(mdat: Buffer): boolean {
  let at = 8;
  while (at + 5 <= mdat.length) {
    const length = mdat.readUInt32BE(at);
    if ((mdat[at + 4]! & 0x1f) === 5) return true;
    at += 4 + length;
  }
  return false;
}
