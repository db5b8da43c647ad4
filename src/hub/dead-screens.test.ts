import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../core/protocol/protocol.js';
import type { DegradedState, HealthReport } from '../core/protocol/wall-health.js';
import { checkDegradedState, checkHealthReport } from '../core/protocol/protocol-validate.js';
import { IDENTITY, TOKENS, api, nextEvent, rawWall, testHub, type RawWallSocket } from '../../test/support/hub-fixtures.js';
import { memoryStorage } from '../renderer/net/ack-queue.js';
import { WallClient, type WallSink } from '../renderer/net/wall-client.js';
import { until } from '../../test/support/hub-fixtures.js';
import { computeDeadScreens } from './dead-screens.js';
import type { WallInfo } from '../core/protocol/walls.js';
import { WallRegistry } from './walls.js';

function info(p: Partial<WallInfo> & Pick<WallInfo, 'window' | 'screens'>): WallInfo {
  return {
    node: 'node-1',
    token: 't',
    connected: true,
    connections: 1,
    address: null,
    connectedAt: 0,
    disconnectedAt: null,
    disconnectReason: null,
    health: null,
    lastSwitch: null,
    ...p,
  };
}

const health = (deadScreens?: string[]): WallInfo['health'] => ({
  at: 1,
  layout: null,
  fps: 60,
  streams: [],
  ...(deadScreens ? { deadScreens } : {}),
  receivedAt: 1,
});

describe('computeDeadScreens', () => {
  it('counts a window gone longer than the grace period as its screens, not sooner', () => {
    const gone = info({ window: 'w1', screens: ['r1c2', 'r1c1'], connected: false, connections: 0, disconnectedAt: 1000 });
    expect(computeDeadScreens([gone], 1000 + 10_000, 10_000)).toEqual([]);
    expect(computeDeadScreens([gone], 1000 + 10_001, 10_000)).toEqual(['r1c1', 'r1c2']);
  });

  it('takes screens a connected window reports dark: its own, and its node’s that no window shows', () => {
    // node-1's shell found r1c3's display missing: no window shows r1c3, w1 reports it.
    const w = info({ window: 'w1', screens: ['r1c1', 'r1c2'], health: health(['r1c2', 'r1c3']) });
    expect(computeDeadScreens([w], 0, 10_000)).toEqual(['r1c2', 'r1c3']);
  });

  it('keeps a reported screen alive that another live window shows (a stale report), but not one a window reports of itself', () => {
    // r1c3's display came back: a new window shows it before w1's next report leaves it out.
    const stale = info({ window: 'w1', screens: ['r1c1'], health: health(['r1c3']) });
    const back = info({ window: 'w2', screens: ['r1c3'] });
    expect(computeDeadScreens([stale, back], 0, 10_000)).toEqual([]);
    const selfDark = info({ window: 'w2', screens: ['r1c3'], health: health(['r1c3']) });
    expect(computeDeadScreens([stale, selfDark], 0, 10_000)).toEqual(['r1c3']);
    // A live window showing a screen does not revive it while its own window says it is dark.
    const both = info({ window: 'w3', screens: ['r1c1'], health: health(['r1c1']) });
    expect(computeDeadScreens([both, info({ window: 'w4', screens: ['r1c1'] })], 0, 10_000)).toEqual(['r1c1']);
  });

  it('ignores a report naming another node’s screen', () => {
    const liar = info({ window: 'w1', screens: ['r1c1'], health: health(['r2c1']) });
    const other = info({ node: 'node-2', window: 'w1', screens: ['r2c1'], connected: false, connections: 0, disconnectedAt: 0 });
    expect(computeDeadScreens([liar, other], 5_000, 10_000)).toEqual([]);
    // Once node-2's window is gone past the grace period, its screen is dead for that reason.
    expect(computeDeadScreens([liar, other], 20_000, 10_000)).toEqual(['r2c1']);
  });

  it('a gone window’s reported dark screens stay dead (the node went down), unless a live window shows them', () => {
    const gone = info({ window: 'w1', screens: ['r1c1'], connected: false, connections: 0, disconnectedAt: 1000, health: health(['r1c3']) });
    expect(computeDeadScreens([gone], 2000, 10_000)).toEqual(['r1c3']);
    expect(computeDeadScreens([gone], 20_000, 10_000)).toEqual(['r1c1', 'r1c3']);
    expect(computeDeadScreens([gone, info({ window: 'w2', screens: ['r1c3'] })], 2000, 10_000)).toEqual([]);
  });

  it('forgets a report when its window comes back showing other screens (its node re-planned)', () => {
    let now = 0;
    const registry = new WallRegistry(() => now);
    const w1 = { node: 'node-1', window: 'w1', screens: ['r1c1'] };
    registry.onConnect(w1, 'node-1', null);
    registry.onHealth(w1, { at: 0, layout: null, fps: 60, streams: [], deadScreens: ['r1c2'] });
    registry.onDisconnect(w1, 'transport close');
    registry.onConnect(w1, 'node-1', null);
    expect(computeDeadScreens(registry.list(), now, 10_000)).toEqual(['r1c2']);
    // r1c2's display is back: w1 now spans both, and its old report must not darken r1c2.
    registry.onDisconnect(w1, 'transport close');
    now = 1000;
    registry.onConnect({ ...w1, screens: ['r1c1', 'r1c2'] }, 'node-1', null);
    expect(registry.list()[0]!.health).toBeNull();
    expect(computeDeadScreens(registry.list(), now, 10_000)).toEqual([]);
  });

  it('validates the degraded event and the health report’s deadScreens', () => {
    expect(checkDegradedState({ at: Date.now(), deadScreens: ['r1c1'] }).ok).toBe(true);
    expect(checkDegradedState({ at: Date.now(), deadScreens: ['<b>'] }).ok).toBe(false);
    expect(checkDegradedState({ at: Date.now(), deadScreens: [], extra: 1 }).ok).toBe(false);
    const report: HealthReport = { at: Date.now(), layout: null, fps: 60, streams: [], deadScreens: ['r1c2'] };
    expect(checkHealthReport(report).ok).toBe(true);
    expect(checkHealthReport({ ...report, deadScreens: 'r1c2' }).ok).toBe(false);
  });
});

describe('hub: degraded event', () => {
  const sockets: RawWallSocket[] = [];
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await cleanup?.();
    cleanup = null;
  });

  it('sends the dead set after the snapshot, when a window reports a dark screen, and when a window is gone', async () => {
    const hub = await testHub({ deadScreenGraceMs: 300, deadCheckMs: 50 });
    cleanup = hub.cleanup;
    const other = { node: 'node-2', window: 'w2', screens: ['r2c1'] };
    const a = rawWall(hub.url);
    const b = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: other });
    sockets.push(a, b);
    const first = nextEvent<DegradedState>(a, 'degraded');
    a.connect();
    expect((await first).deadScreens).toEqual([]);
    const bFirst = nextEvent<DegradedState>(b, 'degraded');
    b.connect();
    await bFirst;

    // The shell's display check found r1c2 dark.
    const dark = nextEvent<DegradedState>(b, 'degraded', (s) => s.deadScreens.includes('r1c2'));
    a.emit('health', { at: Date.now(), layout: null, fps: 60, streams: [], deadScreens: ['r1c2'] });
    expect((await dark).deadScreens).toEqual(['r1c2']);
    expect((await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.deadScreens).toEqual(['r1c2']);
    const lit = nextEvent<DegradedState>(b, 'degraded', (s) => s.deadScreens.length === 0);
    a.emit('health', { at: Date.now(), layout: null, fps: 60, streams: [] });
    await lit;

    // node-1's window goes away: once the grace period is over, its screens are dead.
    const gone = nextEvent<DegradedState>(b, 'degraded', (s) => s.deadScreens.length > 0);
    a.disconnect();
    expect((await gone).deadScreens).toEqual(IDENTITY.screens);
    // It comes back: alive again.
    const a2 = rawWall(hub.url);
    sockets.push(a2);
    const back = nextEvent<DegradedState>(b, 'degraded', (s) => s.deadScreens.length === 0);
    a2.connect();
    await back;
  });

  it('takes a node’s dark screen that no window shows, until a live window shows it', async () => {
    const hub = await testHub({ deadScreenGraceMs: 300, deadCheckMs: 50 });
    cleanup = hub.cleanup;
    const auth = (identity: { node: string; window: string; screens: string[] }) => ({ token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity });
    // node-1 started without r1c1's display: its only window shows r1c2 and reports r1c1 dark.
    const w0 = rawWall(hub.url, auth({ node: 'node-1', window: 'w0', screens: ['r1c2'] }));
    sockets.push(w0);
    const first = nextEvent<DegradedState>(w0, 'degraded');
    w0.connect();
    await first;
    const dark = nextEvent<DegradedState>(w0, 'degraded', (s) => s.deadScreens.length > 0);
    w0.emit('health', { at: Date.now(), layout: null, fps: 60, streams: [], deadScreens: ['r1c1'] });
    expect((await dark).deadScreens).toEqual(['r1c1']);
    expect((await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.deadScreens).toEqual(['r1c1']);

    // The display is plugged back: a new window shows r1c1 before w0's next report.
    const w1 = rawWall(hub.url, auth({ node: 'node-1', window: 'w1', screens: ['r1c1'] }));
    sockets.push(w1);
    const alive = nextEvent<DegradedState>(w0, 'degraded', (s) => s.deadScreens.length === 0);
    w1.connect();
    await alive;
    w1.disconnect(); // r1c1's window gone: dead after the grace period, as before
    const gone = nextEvent<DegradedState>(w0, 'degraded', (s) => s.deadScreens.length > 0);
    expect((await gone).deadScreens).toEqual(['r1c1']);
  });

  it('reaches the page through the wall client (checked, sink.onDegraded)', async () => {
    const hub = await testHub({ deadScreenGraceMs: 300, deadCheckMs: 50 });
    cleanup = hub.cleanup;
    const seen: string[][] = [];
    const sink: WallSink = {
      onSnapshot: () => undefined,
      onUpdates: () => undefined,
      onAlert: () => undefined,
      onLayoutCommand: () => undefined,
      onConnectionState: () => undefined,
      onDegraded: (state) => seen.push(state.deadScreens),
    };
    const client = new WallClient({ url: hub.url, token: TOKENS.wall, identity: { node: 'node-2', window: 'w2', screens: ['r2c1'] }, sink, storage: memoryStorage() });
    client.init();
    try {
      await until(() => seen.length > 0, 'the first degraded event');
      expect(seen[0]).toEqual([]);
      const other = rawWall(hub.url);
      sockets.push(other);
      other.connect();
      await until(() => other.connected, 'node-1 connected');
      other.emit('health', { at: Date.now(), layout: null, fps: 60, streams: [], deadScreens: ['r1c1'] });
      await until(() => seen.some((d) => d.includes('r1c1')), 'r1c1 dead at the client');
      expect(seen.at(-1)).toEqual(['r1c1']);
    } finally {
      client.destroy();
    }
  });
});
