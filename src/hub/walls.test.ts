// The wall registry across hub restarts: each "hub" is a registry over a store opened again on the
// same place (a data directory, or a PostgreSQL database: both backends), as startHub does, with a
// clock the test steps.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type BackendName, type StoreBackend, type StorePlace } from '../../test/support/store-backends.js';
import { computeDeadScreens } from './dead-screens.js';
import type { HubStore } from './storage/store.js';
import { FORGET_MS, WallRegistry } from './walls.js';

const GRACE = 10_000;
const T = 1_750_000_000_000;
const n1w1 = { node: 'node-1', window: 'w1', screens: ['r1c1', 'r1c2'] };
const n1w2 = { node: 'node-1', window: 'w2', screens: ['r1c3'] };
const n2w1 = { node: 'node-2', window: 'w1', screens: ['r2c1', 'r2c2'] };
const report = (deadScreens: string[]) => ({ at: T, layout: null, fps: 60, streams: [], deadScreens });

describe.each<BackendName>(['sqlite', 'postgres'])('WallRegistry across restarts on %s', (backendName) => {
  let backend: StoreBackend;
  beforeAll(async () => {
    backend = await startBackend(backendName);
  }, 60_000);
  afterAll(async () => {
    await backend?.cleanup();
  });
  const stores: HubStore[] = [];
  let previous: WallRegistry | null = null;
  let now = T;
  let place: StorePlace | null = null;
  afterEach(async () => {
    await previous?.settled();
    for (const s of stores.splice(0)) await s.destroy();
  });

  /** A hub starting at the current `now` on the test's data directory; the previous one is closed. */
  const startHub = async (): Promise<WallRegistry> => {
    await previous?.settled(); // its writes are done before its store closes
    for (const s of stores.splice(0)) await s.destroy();
    place ??= await backend.place();
    const store = await place.open();
    stores.push(store);
    const walls = new WallRegistry(() => now, store.walls);
    walls.restore(await store.walls.loadWindows(), now);
    previous = walls;
    return walls;
  };
  const dead = (walls: WallRegistry): string[] => computeDeadScreens(walls.list(), now, GRACE);
  const fresh = (): void => {
    now = T;
    place = null;
  };

  it('counts a window that was connected before the restart and never came back as dead after the grace period', async () => {
    fresh();
    const hub1 = await startHub();
    hub1.onConnect(n1w1, 'test-wall', '10.0.0.11');
    hub1.onConnect(n2w1, 'test-wall', '10.0.0.12');
    hub1.detach(); // the hub closes: its sockets going down is not the windows going away

    now += 60_000;
    const hub2 = await startHub();
    expect(hub2.list().map((w) => [w.node, w.window, w.connected, w.disconnectReason])).toEqual([
      ['node-1', 'w1', false, 'hub restarted'],
      ['node-2', 'w1', false, 'hub restarted'],
    ]);
    hub2.onConnect(n1w1, 'test-wall', '10.0.0.11');
    expect(dead(hub2)).toEqual([]); // the walls are still reconnecting
    now += GRACE + 1;
    expect(dead(hub2)).toEqual(['r2c1', 'r2c2']);

    // A third start does not give node-2 another grace period: it has been gone since the second.
    // node-1, connected when the hub stopped, gets one.
    hub2.detach();
    now += 1000;
    const hub3 = await startHub();
    expect(dead(hub3)).toEqual(['r2c1', 'r2c2']);
    expect(hub3.list().find((w) => w.node === 'node-2')!.disconnectedAt).toBe(T + 60_000);
  });

  it('keeps a window gone before the restart gone since then, without reviving its screens for a grace period', async () => {
    fresh();
    const hub1 = await startHub();
    hub1.onConnect(n1w1, 'test-wall', null);
    hub1.onConnect(n2w1, 'test-wall', null);
    now += 1000;
    hub1.onDisconnect(n2w1, 'transport close');
    now += GRACE + 1;
    expect(dead(hub1)).toEqual(['r2c1', 'r2c2']);
    hub1.detach();

    now += 5000;
    const hub2 = await startHub();
    expect(dead(hub2)).toEqual(['r2c1', 'r2c2']);
    expect(hub2.list().find((w) => w.node === 'node-2')).toMatchObject({ disconnectedAt: T + 1000, disconnectReason: 'transport close' });
  });

  it('keeps a gone node’s dark screens dark across a restart', async () => {
    fresh();
    const hub1 = await startHub();
    hub1.onConnect(n2w1, 'test-wall', null);
    hub1.onHealth(n2w1, report(['r2c3'])); // r2c3's display is missing: no window shows it
    hub1.detach();

    const hub2 = await startHub();
    expect(dead(hub2)).toEqual(['r2c3']);
    now += GRACE + 1;
    expect(dead(hub2)).toEqual(['r2c1', 'r2c2', 'r2c3']);
  });

  it('forgets a gone window whose node’s connected windows show all its screens (the node re-planned)', async () => {
    fresh();
    const hub1 = await startHub();
    hub1.onConnect(n1w1, 'test-wall', null);
    hub1.onConnect(n1w2, 'test-wall', null);
    hub1.onConnect(n2w1, 'test-wall', null);
    hub1.detach();

    const hub2 = await startHub();
    // node-1 comes back with one window over all three screens; node-2 does not come back.
    hub2.onConnect({ node: 'node-1', window: 'w1', screens: ['r1c1', 'r1c2', 'r1c3'] }, 'test-wall', null);
    expect(hub2.list().map((w) => `${w.node}/${w.window}`)).toEqual(['node-1/w1', 'node-2/w1']);
    now += GRACE + 1;
    expect(dead(hub2)).toEqual(['r2c1', 'r2c2']);
    hub2.detach();
    expect((await startHub()).list().map((w) => `${w.node}/${w.window}`)).toEqual(['node-1/w1', 'node-2/w1']);
  });

  it('does not let another node’s windows supersede a gone window', async () => {
    fresh();
    const hub = await startHub();
    hub.onConnect(n1w2, 'test-wall', null);
    hub.onDisconnect(n1w2, 'transport close');
    hub.onConnect({ node: 'node-2', window: 'w9', screens: ['r1c3'] }, 'test-wall', null);
    expect(hub.list().map((w) => `${w.node}/${w.window}`)).toEqual(['node-1/w2', 'node-2/w9']);
  });

  it('forgets a gone window after FORGET_MS, in the store too', async () => {
    fresh();
    const hub1 = await startHub();
    hub1.onConnect(n1w1, 'test-wall', null);
    hub1.onConnect(n2w1, 'test-wall', null);
    hub1.onDisconnect(n2w1, 'transport close');
    now += FORGET_MS + 1;
    hub1.onConnect(n1w1, 'test-wall', null); // pruning runs on connect
    expect(hub1.list().map((w) => w.node)).toEqual(['node-1']);
    hub1.detach();
    expect((await startHub()).list().map((w) => w.node)).toEqual(['node-1']);
  });

  it('restores each window’s last layout switch and health', async () => {
    fresh();
    const hub1 = await startHub();
    hub1.onConnect(n1w1, 'test-wall', null);
    hub1.onSwitched(n1w1, { commandId: 'c-1', layout: 'flood', at: T + 5 });
    hub1.onHealth(n1w1, report(['r1c2']));
    hub1.detach();
    const w = (await startHub()).list()[0]!;
    expect(w.lastSwitch).toEqual({ commandId: 'c-1', layout: 'flood', at: T + 5, receivedAt: T });
    expect(w.health).toMatchObject({ deadScreens: ['r1c2'], receivedAt: T });
  });
});

describe('WallRegistry with a failing store', () => {
  it('keeps serving and logs when a write fails', async () => {
    const logged: string[] = [];
    const failing = {
      saveWindow: () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      },
      deleteWindow: () => undefined,
    };
    const walls = new WallRegistry(() => T, failing, (m) => logged.push(m));
    walls.onConnect(n1w1, 'test-wall', null);
    expect(walls.list()).toMatchObject([{ node: 'node-1', window: 'w1', connected: true }]);
    expect(logged).toEqual(['wall node-1/w1: could not store it: SQLITE_FULL: database or disk is full']);
  });
});
