// Issue 18, "the switch in progress at the failure ends on one layout everywhere": two hubs on one
// PostgreSQL, two walls (our wall client, two-phase switch) given both hubs. A layout switch is
// under way on the leader (both walls asked to prepare, one still preparing) when the leader is
// SIGKILLed. Both walls fail over to the new leader and end on the same layout, the one the new
// leader says is current (the switch never committed: the old layout); neither shows the half-done
// switch. A switch asked of the new leader then reaches both walls.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LayoutPrepare } from '../../src/core/protocol/layout-commands.js';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { startPostgres, type PostgresCluster } from '../support/postgres-cluster.js';
import { TOKENS, api, until } from '../support/hub-fixtures.js';
import { layout, tile } from '../support/fixtures.js';
import { RecordingSink } from '../support/recording-sink.js';
import { hubGroup, type GroupHub } from '../support/standby-hub-process.js';

const TTL_MS = 1500;
const cell = { col: 0, row: 0, colSpan: 1, rowSpan: 1 };
const LAYOUTS = ['truoc', 'sau'].map((id) => layout(id, [tile({ id: `clock-${id}`, widget: 'clock', cell })]));

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.cleanup();
});

/** A wall whose layout prepare answers when the test says (or at once once `hold` is off). */
function wall(urls: string[], node: string) {
  const sink = new RecordingSink();
  const prepares: LayoutPrepare[] = [];
  const state = { hold: false, release: [] as (() => void)[] };
  const onLayoutPrepare = (p: LayoutPrepare): Promise<{ ok: boolean }> => {
    prepares.push(p);
    if (!state.hold) return Promise.resolve({ ok: true });
    return new Promise((resolve) => state.release.push(() => resolve({ ok: true })));
  };
  Object.assign(sink, { onLayoutPrepare });
  const client = new WallClient({
    url: urls,
    token: TOKENS.wall,
    identity: { node, window: 'w1', screens: ['r1c1'] },
    sink,
    storage: memoryStorage(),
    config: { reconnect: { baseMs: 100, maxMs: 1000 } },
  });
  client.init();
  // The layout this wall shows: its last snapshot's, or a switch command's since.
  let shown: string | null = null;
  sink.on('snapshot', (snap: { layout: { layout: string } | null }) => (shown = snap.layout?.layout ?? shown));
  sink.on('layout', (c: { layout: string }) => (shown = c.layout));
  const showing = (): string | null => shown;
  return { client, sink, prepares, state, showing };
}

describe('failover during a layout switch (2 hubs on one PostgreSQL)', () => {
  const group = hubGroup(TTL_MS, { layouts: LAYOUTS });
  const start = (store: string): Promise<GroupHub> => group.start(store);
  afterEach(() => group.stopAll());

  it('ends on one layout everywhere, the new leader’s', async () => {
    const store = cluster.database('failover_switch');
    const a = await start(store);
    await a.line(/^wallrun hub leading on/);
    const b = await start(store);
    await b.line(/^wallrun hub standing by on/);
    const walls = [wall([a.url, b.url], 'node-1'), wall([a.url, b.url], 'node-2')];
    try {
      await until(() => walls.every((w) => w.client.connected && w.sink.snapshots.length >= 1), 'both walls on the leader');
      const first = await api(a.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'truoc' });
      expect(first.status).toBeLessThan(300);
      await until(() => walls.every((w) => w.showing() === 'truoc'), 'both walls on "truoc"');

      // The switch to "sau": node-1 prepares at once, node-2 is still preparing when the leader dies.
      walls[1]!.state.hold = true;
      const asked = api(a.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'sau' }).catch((e: Error) => e);
      await until(() => walls.every((w) => w.prepares.some((p) => p.layout === 'sau')), 'both walls asked to prepare "sau"');
      a.signal('SIGKILL');
      await asked;
      await b.line(/^wallrun hub leading on/, 3 * TTL_MS + 5000);
      walls[1]!.state.hold = false;
      for (const r of walls[1]!.state.release.splice(0)) r(); // its answer now goes nowhere: the old leader is gone

      await until(() => walls.every((w) => w.client.connected && w.sink.snapshots.length >= 2), 'both walls on the new leader with a fresh snapshot', 20_000);
      const current = (await api(b.url, 'GET', '/api/layout', TOKENS.operator)).body.current?.layout ?? null;
      expect(current, 'the switch never committed: the old layout stands').toBe('truoc');
      expect(walls.map((w) => w.showing()), 'one layout everywhere, the new leader’s').toEqual([current, current]);

      // The new leader switches both walls.
      const next = await api(b.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'sau' });
      expect(next.status).toBeLessThan(300);
      await until(() => walls.every((w) => w.showing() === 'sau'), 'both walls on "sau" from the new leader');
    } finally {
      for (const w of walls) w.client.destroy();
    }
  });
});
