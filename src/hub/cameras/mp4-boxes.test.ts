import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FMP4_FLAGS } from './ffmpeg-args.js';
import { FragmentAssembler, type Mp4Fragment } from './mp4-boxes.js';

/** 2 s of 320×180 H.264 at 25 fps, a keyframe every 25 frames, muxed as the gateway asks ffmpeg to. */
function ffmpegFragments(): Buffer {
  const args = ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', '2',
    '-c:v', 'libx264', '-profile:v', 'baseline', '-g', '25', '-tune', 'zerolatency', '-f', 'mp4', '-movflags', FMP4_FLAGS, 'pipe:1'];
  const r = spawnSync('ffmpeg', args, { maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${String(r.stderr)}`);
  return r.stdout;
}

describe('FragmentAssembler on a real ffmpeg fMP4 stream', () => {
  const stream = ffmpegFragments();

  const cut = (chunkBytes: number): { inits: Buffer[]; fragments: Mp4Fragment[] } => {
    const inits: Buffer[] = [];
    const fragments: Mp4Fragment[] = [];
    const a = new FragmentAssembler((i) => inits.push(i), (f) => fragments.push(f));
    for (let at = 0; at < stream.length; at += chunkBytes) a.push(stream.subarray(at, at + chunkBytes));
    return { inits, fragments };
  };

  it('finds one init segment (ftyp+moov) and a fragment per frame, keyframes every 25', () => {
    const { inits, fragments } = cut(stream.length);
    expect(inits).toHaveLength(1);
    expect(inits[0]!.toString('latin1', 4, 8)).toBe('ftyp');
    expect(fragments).toHaveLength(50);
    expect(fragments.map((f, i) => (f.keyframe ? i : -1)).filter((i) => i >= 0)).toEqual([0, 25]);
    for (const f of fragments) expect([f.bytes.toString('latin1', 4, 8)]).toEqual(['moof']);
  });

  it('gives the same result however the pipe cuts the bytes', () => {
    const whole = cut(stream.length);
    const small = cut(777);
    expect(small.fragments.map((f) => f.bytes.length)).toEqual(whole.fragments.map((f) => f.bytes.length));
    const joined = Buffer.concat([small.inits[0]!, ...small.fragments.map((f) => f.bytes)]);
    expect(joined.equals(stream.subarray(0, joined.length))).toBe(true);
    // What is left is the file's closing index, written when ffmpeg ends: no media is lost.
    expect(stream.toString('latin1', joined.length + 4, joined.length + 8)).toBe('mfra');
  });
});
