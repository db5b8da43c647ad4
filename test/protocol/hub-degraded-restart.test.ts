// A hub restarted on the same data directory still knows the wall: a window that never comes back
// is counted dead once the grace period after the start is over (the `degraded` event and
// GET /api/walls), a node that comes back re-planned leaves no ghost window, and the last layout
// switch is still listed. The hub's clock is the test's: the grace period passes when the test says.
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type WallIdentity } from '../../src/core/protocol/protocol.js';
import type { DegradedState } from '../../src/core/protocol/wall-health.js';
import { TOKENS, api, nextEvent, rawWall, tempDir, testHub, type RawWallSocket } from '../support/hub-fixtures.js';

const GRACE = 10_000;

describe('hub restart: degraded mode and the last switch', () => {
  const sockets: RawWallSocket[] = [];
  const closers: (() => Promise<void>)[] = [];
  const dirs: { remove(): void }[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const c of closers.splice(0)) await c();
    for (const d of dirs.splice(0)) d.remove();
  });

  it('counts the screens of a window that never came back as dead after the grace period, and keeps lastSwitch', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    let now = Date.now();
    const start = async () => {
      const hub = await testHub({ dataDir: tmp.dir, clock: () => now, deadScreenGraceMs: GRACE, deadCheckMs: 20 });
      closers.push(() => hub.destroy());
      return hub;
    };
    /** Connects a raw wall window; resolves with it and the `degraded` it gets after its snapshot. */
    const connect = async (url: string, identity: WallIdentity) => {
      const s = rawWall(url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity });
      sockets.push(s);
      const first = nextEvent<DegradedState>(s, 'degraded');
      s.connect();
      return { s, degraded: await first };
    };

    // Before: node-1 shows r1c1–r1c2 in w1 and r1c3 in w2; node-2 shows r2c1–r2c2, and its shell
    // reports r2c3's display missing (no window shows it).
    const hub1 = await start();
    const n1w1 = await connect(hub1.url, { node: 'node-1', window: 'w1', screens: ['r1c1', 'r1c2'] });
    await connect(hub1.url, { node: 'node-1', window: 'w2', screens: ['r1c3'] });
    const n2 = await connect(hub1.url, { node: 'node-2', window: 'w1', screens: ['r2c1', 'r2c2'] });
    const dark = nextEvent<DegradedState>(n1w1.s, 'degraded', (d) => d.deadScreens.length > 0);
    n2.s.emit('health', { at: now, layout: null, fps: 60, streams: [], deadScreens: ['r2c3'] });
    expect((await dark).deadScreens).toEqual(['r2c3']);

    const switched = await api(hub1.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' });
    expect(switched.status).toBe(202);
    const before = (await api(hub1.url, 'GET', '/api/walls', TOKENS.operator)).body.lastSwitch;
    expect(before).toMatchObject({ layout: 'flood', by: 'Nguyễn Thị Lan', state: 'committed' });
    expect(before.windows).toHaveLength(3);

    await hub1.destroy();
    for (const s of sockets.splice(0)) s.disconnect();
    now += 60_000;

    // After: node-1 comes back re-planned (one window over its three screens); node-2 never does.
    const hub2 = await start();
    const back = await connect(hub2.url, { node: 'node-1', window: 'w1', screens: ['r1c1', 'r1c2', 'r1c3'] });
    // node-2's dark-screen report still holds; its own screens get the grace period, as after a disconnect.
    expect(back.degraded.deadScreens).toEqual(['r2c3']);
    let walls = (await api(hub2.url, 'GET', '/api/walls', TOKENS.operator)).body;
    expect(walls.deadScreens).toEqual(['r2c3']);
    expect(walls.lastSwitch).toEqual(before);
    // node-1/w2 is gone from the list: node-1's window shows its screen now.
    expect(walls.walls.map((w: { node: string; window: string; connected: boolean; disconnectReason: string | null }) =>
      [`${w.node}/${w.window}`, w.connected, w.disconnectReason])).toEqual([
      ['node-1/w1', true, null],
      ['node-2/w1', false, 'hub restarted'],
    ]);

    const gone = nextEvent<DegradedState>(back.s, 'degraded', (d) => d.deadScreens.includes('r2c1'));
    now += GRACE + 1;
    expect((await gone).deadScreens).toEqual(['r2c1', 'r2c2', 'r2c3']);
    walls = (await api(hub2.url, 'GET', '/api/walls', TOKENS.operator)).body;
    expect(walls.deadScreens).toEqual(['r2c1', 'r2c2', 'r2c3']);

    // node-2 comes back at last: its screens live again, its missing display still dark.
    const revived = nextEvent<DegradedState>(back.s, 'degraded', (d) => !d.deadScreens.includes('r2c1'));
    const n2back = await connect(hub2.url, { node: 'node-2', window: 'w1', screens: ['r2c1', 'r2c2'] });
    expect((await revived).deadScreens).toEqual(['r2c3']);
    expect(n2back.degraded.deadScreens).toEqual(['r2c3']);
  });

  it('forgets the windows of before when told to (the demo opens its own each run)', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const now = Date.now();
    const hub1 = await testHub({ dataDir: tmp.dir, clock: () => now });
    closers.push(() => hub1.destroy());
    const s = rawWall(hub1.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: { node: 'node-2', window: 'w1', screens: ['r2c1'] } });
    sockets.push(s);
    const snapshot = nextEvent(s, 'snapshot');
    s.connect();
    await snapshot;
    await hub1.destroy();
    s.disconnect();

    const remembering = await testHub({ dataDir: tmp.dir, clock: () => now });
    closers.push(() => remembering.destroy());
    expect((await api(remembering.url, 'GET', '/api/walls', TOKENS.operator)).body.walls.map((w: { node: string }) => w.node)).toEqual(['node-2']);
    await remembering.destroy();
    const forgetting = await testHub({ dataDir: tmp.dir, clock: () => now + 60_000, forgetWindows: true, deadScreenGraceMs: 1 });
    closers.push(() => forgetting.destroy());
    const walls = (await api(forgetting.url, 'GET', '/api/walls', TOKENS.operator)).body;
    expect(walls.walls).toEqual([]);
    expect(walls.deadScreens).toEqual([]);
  });
});
