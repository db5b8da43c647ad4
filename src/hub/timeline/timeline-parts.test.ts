import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CameraInfo } from '../../core/protocol/cameras.js';
import { cameraChanges, wallChanges } from './state-diff.js';
import { ThumbnailArchive } from './thumbnail-archive.js';

const camera = (id: string, state: CameraInfo['state'], since: number): CameraInfo =>
  ({ id, title: { vi: id }, state, codec: null, width: null, height: null, fps: null, transcoding: false, viewers: 0, since, error: state === 'live' ? null : 'mất tín hiệu' }) as CameraInfo;

describe('timeline state changes', () => {
  it('records a camera only when its state changed, at the time it changed', () => {
    const before = new Map([['a', 'live'], ['b', 'live']]);
    const events = cameraChanges(before, [camera('a', 'live', 1), camera('b', 'stalled', 50), camera('c', 'connecting', 60)]);
    expect(events.map((e) => [e.subject, e.what, e.at, (e.detail as { from: string | null }).from])).toEqual([['b', 'stalled', 50, 'live'], ['c', 'connecting', 60, null]]);
  });

  it('records windows connecting and leaving and dead screens changing, not windows still away from a former run', () => {
    const w = (window: string, connected: boolean) => ({ node: 'n', window, screens: ['s'], token: 't', connected, connections: connected ? 1 : 0, address: null, connectedAt: connected ? 10 : null, disconnectedAt: connected ? null : 20, disconnectReason: connected ? null : 'transport close', health: null, lastSwitch: null });
    const events = wallChanges(new Map([['n/a', true]]), [w('a', false), w('b', true), w('old', false)], [], ['r1c1'], 30);
    expect(events.map((e) => [e.subject, e.what, e.at])).toEqual([['n/a', 'disconnected', 20], ['n/b', 'connected', 10], ['screens', 'dead-screens', 30]]);
  });
});

describe('thumbnail archive', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps files private within its budget, oldest first out, pruned by age, and reads back what an earlier run kept', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wallrun-archive-'));
    dirs.push(dir);
    const a = new ThumbnailArchive(dir, 250);
    a.init();
    const day = Date.UTC(2026, 11, 7);
    const f1 = a.add('n', 'w1', day + 1, 'image/png', Buffer.alloc(100, 1));
    const f2 = a.add('n', 'w2', day + 2, 'image/jpeg', Buffer.alloc(100, 2));
    expect(statSync(path.join(dir, f1)).mode & 0o777).toBe(0o600);
    a.add('n', 'w1', day + 86_400_000, 'image/png', Buffer.alloc(100, 3)); // 300 > 250: the oldest goes
    expect(a.read(f1)).toBeNull();
    expect(a.read(f2)?.[0]).toBe(2);
    expect(a.bytes).toBe(200);
    const again = new ThumbnailArchive(dir, 250);
    again.init();
    expect(again.bytes).toBe(200);
    expect(again.prune(day + 86_400_000)).toBe(1);
    expect(readdirSync(dir)).toEqual(['2026-12-08']);
    expect(again.read('../hub.sqlite')).toBeNull();
  });
});
