/**
 * Cuts ffmpeg's fragmented MP4 (stdout) into what a viewer needs: the init segment (ftyp+moov) and
 * media fragments (moof+mdat), each fragment marked keyframe or not, so the newest GOP can be kept
 * for a new viewer. Only the boxes' headers are read; the media bytes are passed on untouched.
 */

export interface Mp4Fragment {
  /** moof+mdat, ready to append to a SourceBuffer. */
  bytes: Buffer;
  /** The fragment's first sample is a sync sample (a new viewer may start here). */
  keyframe: boolean;
}

export interface InitInfo {
  /** MSE codec string, e.g. `avc1.42E01E` (from the avcC box). */
  codec: string | null;
  width: number | null;
  height: number | null;
}

/** Splits a byte stream into whole top-level boxes. */
export class BoxSplitter {
  private pending: Buffer = Buffer.alloc(0);

  /** The whole boxes completed by `chunk`, in order. */
  public push(chunk: Buffer): { type: string; bytes: Buffer }[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const boxes: { type: string; bytes: Buffer }[] = [];
    let offset = 0;
    while (this.pending.length - offset >= 8) {
      let size = this.pending.readUInt32BE(offset);
      let header = 8;
      if (size === 1) {
        if (this.pending.length - offset < 16) break;
        size = Number(this.pending.readBigUInt64BE(offset + 8));
        header = 16;
      }
      if (size < header) throw new Error(`bad MP4 box size ${size}`);
      if (this.pending.length - offset < size) break;
      const type = this.pending.toString('latin1', offset + 4, offset + 8);
      boxes.push({ type, bytes: this.pending.subarray(offset, offset + size) });
      offset += size;
    }
    // Copy the rest: the boxes handed out keep referring to the old buffer.
    this.pending = Buffer.from(this.pending.subarray(offset));
    return boxes;
  }
}

/** The direct children of a box's payload (`start` after its header), as [type, start, end]. */
function children(buf: Buffer, start: number, end: number): [string, number, number][] {
  const out: [string, number, number][] = [];
  let at = start;
  while (at + 8 <= end) {
    const size = buf.readUInt32BE(at);
    if (size < 8 || at + size > end) break;
    out.push([buf.toString('latin1', at + 4, at + 8), at, at + size]);
    at += size;
  }
  return out;
}

const NON_SYNC = 0x10000;

/** Whether a moof's first sample is a sync sample (trun first/per-sample flags, else tfhd default flags). */
export function moofStartsWithKeyframe(moof: Buffer): boolean {
  for (const [type, s, e] of children(moof, 8, moof.length)) {
    if (type !== 'traf') continue;
    let defaultFlags: number | null = null;
    for (const [t, bs] of children(moof, s + 8, e)) {
      const flags = moof.readUInt32BE(bs + 8) & 0xffffff;
      if (t === 'tfhd') {
        let at = bs + 16; // after version/flags and track_ID
        if (flags & 0x1) at += 8;
        if (flags & 0x2) at += 4;
        if (flags & 0x8) at += 4;
        if (flags & 0x10) at += 4;
        if (flags & 0x20) defaultFlags = moof.readUInt32BE(at);
      } else if (t === 'trun') {
        let at = bs + 16; // after version/flags and sample_count
        if (flags & 0x1) at += 4;
        if (flags & 0x4) return (moof.readUInt32BE(at) & NON_SYNC) === 0;
        if (flags & 0x400) {
          if (flags & 0x100) at += 4;
          if (flags & 0x200) at += 4;
          return (moof.readUInt32BE(at) & NON_SYNC) === 0;
        }
        return defaultFlags === null ? true : (defaultFlags & NON_SYNC) === 0;
      }
    }
  }
  return false;
}

/** Codec string and picture size from an init segment's avc1 sample entry. */
export function initInfo(init: Buffer): InitInfo {
  const avc1 = init.indexOf('avc1', 0, 'latin1');
  const avcC = init.indexOf('avcC', 0, 'latin1');
  const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
  const codec = avcC > 0 && avcC + 8 <= init.length ? `avc1.${hex(init[avcC + 5]!)}${hex(init[avcC + 6]!)}${hex(init[avcC + 7]!)}` : null;
  // VisualSampleEntry: 8 header, 6+2 SampleEntry, 16 pre_defined/reserved, then width and height.
  const size = avc1 > 0 && avc1 + 32 <= init.length;
  return { codec, width: size ? init.readUInt16BE(avc1 + 28) : null, height: size ? init.readUInt16BE(avc1 + 30) : null };
}

/** Turns boxes into the init segment and fragments. */
export class FragmentAssembler {
  private readonly splitter = new BoxSplitter();
  private initParts: Buffer[] = [];
  private moof: Buffer | null = null;

  public constructor(
    private readonly onInit: (init: Buffer) => void,
    private readonly onFragment: (fragment: Mp4Fragment) => void,
  ) {}

  public push(chunk: Buffer): void {
    for (const box of this.splitter.push(chunk)) {
      if (box.type === 'ftyp') this.initParts = [Buffer.from(box.bytes)];
      else if (box.type === 'moov') {
        this.onInit(Buffer.concat([...this.initParts, box.bytes]));
        this.initParts = [];
      } else if (box.type === 'moof') this.moof = Buffer.from(box.bytes);
      else if (box.type === 'mdat' && this.moof) {
        const moof = this.moof;
        this.moof = null;
        this.onFragment({ bytes: Buffer.concat([moof, box.bytes]), keyframe: moofStartsWithKeyframe(moof) });
      }
    }
  }
}
