// Conformance of the hub's two-phase layout switch (docs/protocol.md, "5. Layout switch"), spoken
// with raw socket.io clients that announce `two-phase-switch`: prepare to every window, commit only
// when all answered ok, abort naming the window that failed, timed out or went away; one-phase
// windows get only the commit; a switch asked during another is queued (latest wins); a wall's hotkey request takes the same path; skew in /api/walls;
// every switch that did not happen is in the audit (`layout:failed`) with who asked and from where.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Layout } from '../../src/core/wall/model.js';
import { PROTOCOL_VERSION, type WallIdentity } from '../../src/core/protocol/protocol.js';
import type { LayoutPrepare } from '../../src/core/protocol/layout-commands.js';
import { checkLayoutAbort, checkLayoutCommand, checkLayoutPrepare, checkLayoutPrepared, checkLayoutRequest } from '../../src/core/protocol/protocol-validate.js';
import { TOKENS, api, nextEvent, rawWall, testHub, until, type RawWallSocket } from '../support/hub-fixtures.js';

type TestHub = Awaited<ReturnType<typeof testHub>>;

const layout = (id: string): Layout => ({
  file: `layouts/${id}.yaml`,
  id,
  title: { vi: id, en: id },
  theme: 'control-room-dark',
  subdivision: { columns: 1, rows: 1 },
  tiles: [],
});
const LAYOUTS = ['overview', 'flood', 'traffic'].map(layout);
/** A clock:ping and its reply: the hub has processed every event this socket sent before it. */
const roundTrip = (s: RawWallSocket) => s.timeout(5000).emitWithAck('clock:ping', Date.now());
const ident = (node: string, window: string): WallIdentity => ({ node, window, screens: [`${node}-${window}-s`] });
const CONSOLE = { 'X-Wallrun-Client': 'console' };

describe('two-phase layout switch (raw socket.io clients)', () => {
  let hub: TestHub;
  const sockets: RawWallSocket[] = [];
  const join = async (identity: WallIdentity, twoPhase = true) => {
    const s = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity, ...(twoPhase ? { features: ['two-phase-switch'] } : {}) });
    sockets.push(s);
    const snapshot = await nextEvent(s, 'snapshot');
    return { s, snapshot, identity };
  };
  /** Answers every prepare with `ok` (or a refusal), as a window would once its scene is built. */
  const answer = (s: RawWallSocket, reply: (p: LayoutPrepare) => { ok: boolean; error?: string } | null) =>
    s.on('layout:prepare', (p) => {
      const r = reply(p);
      if (r) s.emit('layout:prepared', { switchId: p.switchId, ...r });
    });

  beforeEach(async () => {
    hub = await testHub({ layouts: LAYOUTS, prepareTimeoutMs: 1500 });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await hub.cleanup();
  });

  it('validators accept the documented payloads and refuse others', () => {
    expect(checkLayoutPrepare({ switchId: 'a-1', layout: 'flood', deadline: Date.now(), by: 'Lan' }).ok).toBe(true);
    expect(checkLayoutPrepare({ switchId: 'a-1', layout: 'flood', deadline: Date.now() }).ok).toBe(false);
    expect(checkLayoutPrepared({ switchId: 'a-1', ok: true }).ok).toBe(true);
    expect(checkLayoutPrepared({ switchId: 'a-1', ok: false, error: 'không có bố cục' }).ok).toBe(true);
    expect(checkLayoutPrepared({ switchId: 'a-1', ok: 'yes' }).ok).toBe(false);
    expect(checkLayoutPrepared({ switchId: 'a-1', ok: true, extra: 1 }).ok).toBe(false);
    expect(checkLayoutAbort({ switchId: 'a-1', reason: 'node-2/w1 failed' }).ok).toBe(true);
    expect(checkLayoutAbort({ switchId: 'a 1', reason: 'x' }).ok).toBe(false);
    expect(checkLayoutRequest({ layout: 'flood' }).ok).toBe(true);
    expect(checkLayoutRequest({ layout: '<b>' }).ok).toBe(false);
  });

  it('prepares every window, commits once all answered ok, and reports the skew of the swap', async () => {
    const walls = await Promise.all([ident('node-1', 'w1'), ident('node-1', 'w2'), ident('node-2', 'w1')].map((i) => join(i)));
    const prepares = walls.map((w) => nextEvent<LayoutPrepare>(w.s, 'layout:prepare'));
    const commits = walls.map((w) => nextEvent(w.s, 'layout:switch'));
    let answered = 0;
    for (const w of walls) answer(w.s, () => (answered++, { ok: true }));
    const before = Date.now();
    const res = await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' });
    expect(res.status).toBe(202);
    expect(answered).toBe(3); // the reply came only after every window answered
    const p = await prepares[0]!;
    expect(checkLayoutPrepare(p).ok).toBe(true);
    expect(p.deadline - before).toBeGreaterThanOrEqual(1500 - 5);
    const cmds = await Promise.all(commits);
    for (const c of cmds) {
      expect(checkLayoutCommand(c).ok).toBe(true);
      expect(c.commandId).toBe(p.switchId); // the commit names the prepared switch
      expect(c.at - c.issuedAt).toBe(400); // the default commit lead
    }
    expect(res.body.switch).toMatchObject({ switchId: p.switchId, state: 'committed', layout: 'flood', failed: [] });
    // Each window reports its swap (hub time); the hub keeps per-window times and the skew.
    walls.forEach((w, i) => w.s.emit('layout:switched', { commandId: p.switchId, layout: 'flood', at: cmds[0]!.at + i * 3 }));
    const last = await until(async () => {
      const b = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body;
      return b.lastSwitch?.latencyMs !== null ? b.lastSwitch : null;
    }, 'the three swap reports');
    expect(last.skewMs).toBe(6);
    expect(last.windows.map((w: { node: string; window: string; switchedAt: number }) => `${w.node}/${w.window}@${w.switchedAt - cmds[0]!.at}`)).toEqual([
      'node-1/w1@0',
      'node-1/w2@3',
      'node-2/w1@6',
    ]);
    const metrics = (await api(hub.url, 'GET', '/metrics', null)).body as string;
    expect(metrics).toContain('wallrun_layout_switch_skew_ms 6');
    expect(metrics).toContain('wallrun_layout_switches_total{outcome="committed"} 1');
    // A window joining now shows the committed layout: the snapshot carries the commit.
    const late = await join(ident('node-3', 'w1'));
    expect(late.snapshot.layout).toEqual(cmds[0]);
  });

  it('aborts everywhere when one window cannot prepare, keeps the old layout and names the window', async () => {
    const good = await join(ident('node-1', 'w1'));
    const bad = await join(ident('node-2', 'w7'));
    answer(good.s, () => ({ ok: true }));
    answer(bad.s, () => ({ ok: false, error: 'không có bố cục "flood" (no such layout)' }));
    const aborts = [good, bad].map((w) => nextEvent(w.s, 'layout:abort'));
    let committed = false;
    good.s.on('layout:switch', () => (committed = true));
    const res = await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('switch-aborted');
    expect(res.body.error.message).toContain('node-2/w7');
    expect(res.body.error.details).toEqual(['node-2/w7: không có bố cục "flood" (no such layout)']);
    for (const a of await Promise.all(aborts)) expect(checkLayoutAbort(a).ok).toBe(true);
    await roundTrip(good.s); // anything the hub sent this window before the pong has arrived
    expect(committed).toBe(false);
    expect((await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current).toBeNull();
    const walls = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body;
    expect(walls.lastSwitch).toMatchObject({ state: 'aborted', failed: [{ node: 'node-2', window: 'w7' }] });
    expect((await join(ident('node-3', 'w1'))).snapshot.layout).toBeNull();
    const audit = (await api(hub.url, 'GET', '/api/audit?action=layout:failed,layout', TOKENS.operator)).body.audit;
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'layout:failed', actor: 'Nguyễn Thị Lan', role: 'operator', channel: 'rest',
        detail: {
          code: 'switch-aborted', reason: res.body.error.message, layout: 'flood', switchId: walls.lastSwitch.switchId,
          failed: [{ node: 'node-2', window: 'w7', error: 'không có bố cục "flood" (no such layout)' }],
        },
      }),
    ]);
  });

  it('aborts when a window does not answer within the deadline, or disconnects while preparing', async () => {
    const a = await join(ident('node-1', 'w1'));
    const silent = await join(ident('node-2', 'w1'));
    answer(a.s, () => ({ ok: true }));
    const t0 = Date.now();
    const res = await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'traffic' });
    expect(res.status).toBe(409);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
    expect(res.body.error.details).toEqual(['node-2/w1: no answer within 1500 ms']);

    const pending = api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'traffic' });
    await nextEvent(silent.s, 'layout:prepare');
    silent.s.disconnect();
    const gone = await pending;
    expect(gone.status).toBe(409);
    expect(gone.body.error.details).toEqual(['node-2/w1: disconnected while preparing']);
    const failed = (await api(hub.url, 'GET', '/api/audit?action=layout:failed', TOKENS.operator)).body.audit;
    expect(failed.map((e: { detail: { failed: unknown } }) => e.detail.failed)).toEqual([
      [{ node: 'node-2', window: 'w1', error: 'disconnected while preparing' }],
      [{ node: 'node-2', window: 'w1', error: 'no answer within 1500 ms' }],
    ]);
  });

  it('queues a switch asked while one prepares (never switch-busy): the latest wins, and refuses an unknown layout', async () => {
    const a = await join(ident('node-1', 'w1'));
    const held: LayoutPrepare[] = [];
    answer(a.s, (p) => (held.push(p), null));
    const first = api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' });
    await until(() => held.length === 1, 'the prepare');
    const replaced = api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'overview' }, CONSOLE);
    await until(async () => (await api(hub.url, 'GET', '/api/schedule', TOKENS.operator)).body.queue?.length === 1, 'the first request to be queued');
    const queued = api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'traffic' }, CONSOLE);
    const superseded = await replaced;
    expect(superseded.status).toBe(409);
    expect(superseded.body.error.code).toBe('switch-superseded');
    const queue = (await api(hub.url, 'GET', '/api/schedule', TOKENS.operator)).body.queue;
    expect(queue).toEqual([{ target: { layout: 'traffic' }, source: 'operator', reason: 'Nguyễn Thị Lan', queuedAt: expect.any(Number) }]);
    a.s.emit('layout:prepared', { switchId: 'not-this-one', ok: true }); // ignored: another switch
    a.s.emit('layout:prepared', { switchId: held[0]!.switchId, ok: 'yes' } as never); // ignored: malformed
    a.s.emit('layout:prepared', { switchId: held[0]!.switchId, ok: true });
    expect((await first).status).toBe(202);
    await until(() => held.length === 2, 'the queued switch to prepare');
    expect(held[1]!.layout).toBe('traffic');
    a.s.emit('layout:prepared', { switchId: held[1]!.switchId, ok: true });
    expect((await queued).status).toBe(202);
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'nowhere' })).status).toBe(404);
    // The console said who it is (the header); the replaced request and the unknown layout are audited, the switches too.
    const audit = (await api(hub.url, 'GET', '/api/audit', TOKENS.operator)).body.audit;
    expect(audit.map((e: { action: string; channel: string; detail: { code?: string; layout: string } }) => [e.action, e.channel, e.detail.code, e.detail.layout])).toEqual([
      ['layout:failed', 'rest', 'unknown-layout', 'nowhere'],
      ['layout', 'console', undefined, 'traffic'],
      ['layout', 'rest', undefined, 'flood'],
      ['layout:failed', 'console', 'switch-superseded', 'overview'],
    ]);
  });

  it('sends one-phase windows only the commit, with the one-phase lead so they can build in time', async () => {
    const two = await join(ident('node-1', 'w1'));
    const one = await join(ident('node-9', 'legacy'), false);
    let onePrepared = false;
    one.s.on('layout:prepare', () => (onePrepared = true));
    answer(two.s, () => ({ ok: true }));
    const commit = nextEvent(one.s, 'layout:switch');
    const res = await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'traffic' });
    expect(res.status).toBe(202);
    const c = await commit;
    expect(c.at - c.issuedAt).toBe(1500);
    expect(onePrepared).toBe(false);
    expect(res.body.switch.windows).toContainEqual({ node: 'node-9', window: 'legacy', prepare: 'one-phase' });
  });

  it('runs a wall\'s hotkey request through the same two phases', async () => {
    const a = await join(ident('node-1', 'w1'));
    const b = await join(ident('node-2', 'w1'));
    answer(a.s, () => ({ ok: true }));
    answer(b.s, () => ({ ok: true }));
    const commits = [a, b].map((w) => nextEvent(w.s, 'layout:switch'));
    b.s.emit('layout:request', { layout: 'flood' });
    const [ca, cb] = await Promise.all(commits);
    expect(ca).toEqual(cb);
    expect(ca!.by).toBe('node-2/w1');
    let preparesAfter = 0;
    for (const w of [a, b]) w.s.on('layout:prepare', () => preparesAfter++);
    a.s.emit('layout:request', { layout: 'no such layout!' }); // malformed: dropped, nothing happens
    // The hub handles one connection's events in order: its reply to this ping proves it has
    // processed the request above (and sent any prepare it caused) before "nothing happened" is checked.
    await roundTrip(a.s);
    expect(preparesAfter).toBe(0);
    const now = (await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body;
    expect(now.current.commandId).toBe(ca!.commandId);
    a.s.emit('layout:request', { layout: 'nowhere' }); // well-formed, but no such layout: refused and audited
    await roundTrip(a.s);
    const audit = (await api(hub.url, 'GET', '/api/audit?channel=wall', TOKENS.operator)).body.audit;
    expect(audit.map((e: { action: string; actor: string; role: string; node: string }) => [e.action, e.actor, e.role, e.node])).toEqual([
      ['layout:failed', 'node-1/w1', 'wall', 'node-1'],
      ['layout', 'node-2/w1', 'wall', 'node-2'],
    ]);
  });
});
