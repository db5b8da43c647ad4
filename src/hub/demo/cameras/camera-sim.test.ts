import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FfmpegNotFoundError, parseMediaPlaylist, startCamera, type CameraHandle, type CameraOptions } from './camera-sim.js';

let dir: string;
const started: CameraHandle[] = [];

async function start(options: Omit<CameraOptions, 'dir'>): Promise<CameraHandle> {
  const cam = await startCamera({ dir, ...options });
  started.push(cam);
  return cam;
}

async function playlist(cam: CameraHandle): Promise<{ text: string; mediaSequence: number; segments: string[]; ended: boolean }> {
  const text = await readFile(cam.playlistPath, 'utf8');
  return { text, ...parseMediaPlaylist(text) };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sequenceAbove = (cam: CameraHandle, n: number) => async () => {
  const seq = (await playlist(cam)).mediaSequence;
  return seq > n ? seq : undefined;
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'camera-sim-test-'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(started.splice(0).map((c) => c.destroy()));
  await rm(dir, { recursive: true, force: true });
});

describe('startCamera', () => {
  it('writes a live sliding playlist whose media sequence advances', async () => {
    const cam = await start({ id: 'cam-01' });
    await cam.ready;
    const first = await playlist(cam);
    expect(first.ended).toBe(false);
    expect(first.text).not.toContain('#EXT-X-ENDLIST');
    expect(first.text).toContain('#EXT-X-INDEPENDENT-SEGMENTS');
    expect(first.segments.length).toBeGreaterThanOrEqual(2);
    expect(first.segments.length).toBeLessThanOrEqual(4);

    await waitFor('the media sequence to advance', sequenceAbove(cam, first.mediaSequence));
    const later = await playlist(cam);
    expect(later.segments.length).toBeLessThanOrEqual(4);
    expect(later.ended).toBe(false);
  });

  it('pause() freezes the playlist; resume() makes it advance again at the normal pace', async () => {
    // A second camera that keeps running is the clock: no fixed sleeps.
    // listSize 2: the media sequence moves with every new segment once 2 are listed, i.e. from `ready` on.
    const [cam, clock] = await Promise.all([start({ id: 'cam-01', listSize: 2 }), start({ id: 'cam-02', listSize: 2 })]);
    await Promise.all([cam.ready, clock.ready]);

    cam.pause();
    expect(cam.paused).toBe(true);
    const atPause = await playlist(cam);
    const clockAtPause = (await playlist(clock)).mediaSequence;
    await waitFor('the reference camera to move 3 segments on', sequenceAbove(clock, clockAtPause + 2));
    const stillPaused = await playlist(cam);
    expect(stillPaused.text).toBe(atPause.text);

    cam.resume();
    expect(cam.paused).toBe(false);
    const next = await waitFor('the resumed camera to advance', sequenceAbove(cam, atPause.mediaSequence));
    // -re would burst through the paused seconds (3+ segments at once); the realtime filter goes on from now.
    expect(next - atPause.mediaSequence).toBeLessThanOrEqual(2);
  });

  it('rejects ready with the tail of ffmpeg stderr when ffmpeg exits early', async () => {
    const fake = path.join(dir, 'fake-ffmpeg');
    await writeFile(fake, '#!/bin/sh\necho "line one" >&2\necho "Error: no camera today" >&2\nexit 3\n', { mode: 0o755 });
    const cam = await start({ id: 'cam-01', ffmpegPath: fake });
    await expect(cam.ready).rejects.toThrow(/camera cam-01: ffmpeg exited \(code 3\)[\s\S]*line one\nError: no camera today/);
    expect(await cam.exited).toBe(3);
  });

  it('says how to install ffmpeg when PATH lacks it', async () => {
    vi.stubEnv('PATH', dir);
    const err = await startCamera({ id: 'cam-01', dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FfmpegNotFoundError);
    expect((err as Error).message).toMatch(/^ffmpeg not found: install it with apt-get install ffmpeg/);
  });

  it('says the same for a missing injected ffmpeg path', async () => {
    await expect(startCamera({ id: 'cam-01', dir, ffmpegPath: path.join(dir, 'no-ffmpeg') })).rejects.toThrow(
      /ffmpeg not found: install it with apt-get install ffmpeg/,
    );
  });

  it('refuses an id that is not a plain folder name', async () => {
    await expect(startCamera({ id: '../x', dir })).rejects.toThrow(/camera id/);
  });
});
