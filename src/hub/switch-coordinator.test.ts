// The last switch's record across restarts: the coordinator reads it from its store at start and
// writes it at every change (the hub-level test is test/protocol/hub-degraded-restart.test.ts); the
// audit entry of a switch that did not happen (hub level: test/protocol/switch.conformance.test.ts).
import { describe, expect, it } from 'vitest';
import type { SwitchRecord } from '../core/protocol/walls.js';
import { SwitchCoordinator, type SwitchRecordStore } from './switch-coordinator.js';
import { failedSwitch } from './switch-outcome.js';

const T = 1_750_000_000_000;
const record = (extra: Partial<SwitchRecord>): SwitchRecord => ({
  switchId: 's-1', layout: 'flood', by: 'Nguyễn Thị Lan', state: 'committed', requestedAt: T, committedAt: T + 20, at: T + 420,
  failed: [], windows: [{ node: 'node-1', window: 'w1', prepare: 'ok', prepareMs: 20, switchedAt: T + 421 }], skewMs: null, latencyMs: 421,
  ...extra,
});

function memoryStore(saved: SwitchRecord | null): SwitchRecordStore & { saved: SwitchRecord | null; writes: SwitchRecord[] } {
  const writes: SwitchRecord[] = [];
  return { writes, saved: saved ? structuredClone(saved) : null, saveSwitch: async (r) => void writes.push(structuredClone(r)) };
}

const coordinator = (store: ReturnType<typeof memoryStore>): SwitchCoordinator =>
  new SwitchCoordinator({ ns: {} as never, layouts: {} as never, now: () => T + 60_000, log: () => undefined, store, saved: store.saved });

describe('SwitchCoordinator: the last switch after a restart', () => {
  it('serves the stored record as the last switch, without writing it again', () => {
    const store = memoryStore(record({}));
    expect(coordinator(store).last).toEqual(record({}));
    expect(store.writes).toEqual([]);
  });

  it('marks a switch the hub was preparing when it crashed as aborted, and stores that', () => {
    const store = memoryStore(record({ state: 'preparing', committedAt: undefined, at: undefined }));
    const last = coordinator(store).last!;
    expect(last).toMatchObject({ state: 'aborted', abortedAt: T + 60_000, reason: 'the hub restarted while the switch was being prepared' });
    expect(store.writes).toEqual([last]);
  });

  it('has no last switch on a fresh data directory', () => {
    expect(coordinator(memoryStore(null)).last).toBeNull();
  });
});

describe('failedSwitch: the audit entry of a switch that did not happen', () => {
  const actor = { name: 'Nguyễn Thị Lan', role: 'operator', via: 'Nguyễn Thị Lan', channel: 'console' as const };
  const busy = { ok: false as const, code: 'switch-superseded' as const, message: 'a later request replaced this one' };

  it('records the code, reason, layout and preset, and returns the outcome unchanged', () => {
    const written: unknown[] = [];
    const out = failedSwitch({ layouts: { recordFailure: async (f, a) => void written.push([f, a]) }, log: () => undefined }, busy, {
      layout: 'traffic', actor, preset: { id: 'ca-dem', version: 3, cameras: [] },
    });
    expect(out).toBe(busy);
    expect(written).toEqual([[{ code: 'switch-superseded', reason: busy.message, layout: 'traffic', preset: 'ca-dem', presetVersion: 3 }, actor]]);
  });

  it('logs a failed write instead of throwing: the requester is still told why the switch did not happen', () => {
    const log: string[] = [];
    const layouts = { recordFailure: () => { throw new Error('disk I/O error'); } };
    expect(failedSwitch({ layouts, log: (m) => void log.push(m) }, busy, { layout: 'traffic', actor })).toBe(busy);
    expect(log).toEqual(['switch to "traffic" (switch-superseded): could not write its audit entry: disk I/O error']);
  });
});

describe('SwitchCoordinator: the switch queue (a request while one prepares waits, the latest wins)', () => {
  const lan = { name: 'Nguyễn Thị Lan', role: 'operator', via: 'Nguyễn Thị Lan', channel: 'console' as const };
  const schedule = { name: 'lịch', role: 'automation', via: 'son-la-17h', channel: 'schedule' as const };
  /** One two-phase window whose prepares the test answers; the layouts' commits and failures recorded. */
  function rig() {
    const prepares: { switchId: string; layout: string }[] = [];
    const socket = { id: 'sock-1', data: { identity: { node: 'node-1', window: 'w1', screens: ['s'] }, features: ['two-phase-switch'] }, emit: (e: string, p: never) => void (e === 'layout:prepare' && prepares.push(p)) };
    const ns = { sockets: new Map([[socket.id, socket]]) };
    const commits: string[] = [];
    const failures: { code: string; layout?: string }[] = [];
    const layouts = { refusal: () => null, commit: async (c: { layout: string }) => void commits.push(c.layout), recordFailure: async (f: { code: string; layout?: string }) => void failures.push(f) };
    const c = new SwitchCoordinator({ ns: ns as never, layouts: layouts as never, now: () => T, log: () => undefined });
    const ok = (i: number) => c.onPrepared(socket as never, { switchId: prepares[i]!.switchId, ok: true });
    return { c, prepares, commits, failures, ok };
  }

  it('queues a request made while another prepares, and runs it once that one commits', async () => {
    const { c, prepares, commits, ok } = rig();
    const first = c.request('flood', lan);
    const second = c.request('traffic', schedule, undefined, undefined, { source: 'schedule', reason: 'son-la-17h' });
    expect(prepares.map((p) => p.layout)).toEqual(['flood']);
    expect(c.queue()).toEqual([{ target: { layout: 'traffic' }, source: 'schedule', reason: 'son-la-17h', queuedAt: T }]);
    ok(0);
    expect((await first).ok).toBe(true);
    expect(prepares.map((p) => p.layout)).toEqual(['flood', 'traffic']);
    expect(c.queue()).toEqual([]);
    ok(1);
    expect(await second).toMatchObject({ ok: true, command: { layout: 'traffic' } });
    expect(commits).toEqual(['flood', 'traffic']);
  });

  it('lets the latest queued request replace an earlier one, whose requester hears switch-superseded (audited)', async () => {
    const { c, prepares, commits, failures, ok } = rig();
    const outcomes: string[] = [];
    c.onOutcome((o, actor) => void outcomes.push(`${actor.name}:${o.ok ? 'ok' : o.code}`));
    const first = c.request('flood', lan);
    const replaced = c.request('traffic', lan);
    const latest = c.request('overview', schedule, undefined, undefined, { source: 'schedule', reason: 'son-la-17h' });
    expect(await replaced).toMatchObject({ ok: false, code: 'switch-superseded' });
    expect(failures).toEqual([expect.objectContaining({ code: 'switch-superseded', layout: 'traffic' })]);
    expect(c.queue().map((q) => q.target)).toEqual([{ layout: 'overview' }]);
    ok(0);
    await first;
    ok(1);
    expect((await latest).ok).toBe(true);
    expect(commits).toEqual(['flood', 'overview']);
    expect(prepares).toHaveLength(2);
    expect(outcomes).toEqual(['Nguyễn Thị Lan:switch-superseded', 'Nguyễn Thị Lan:ok', 'lịch:ok']);
  });

  it('drops a queued request that has gone stale by its turn (a schedule switch behind an operator\'s, who now holds the wall)', async () => {
    const { c, prepares, commits, failures, ok } = rig();
    let held = false;
    const first = c.request('flood', lan);
    const queued = c.request('overview', schedule, undefined, undefined, { source: 'schedule', reason: 'son-la-17h', stale: () => (held ? 'an operator\'s hold began while it waited' : null) });
    held = true;
    ok(0);
    await first;
    expect(await queued).toMatchObject({ ok: false, code: 'switch-superseded', message: 'an operator\'s hold began while it waited' });
    expect(prepares).toHaveLength(1);
    expect(commits).toEqual(['flood']);
    expect(failures).toEqual([expect.objectContaining({ code: 'switch-superseded', layout: 'overview' })]);
  });

  it('runs the queued request after an abort too, and answers it on shutdown', async () => {
    const { c, prepares, commits } = rig();
    const first = c.request('flood', lan);
    const second = c.request('traffic', lan);
    c.onPrepared({ id: 'sock-1' } as never, { switchId: prepares[0]!.switchId, ok: false, error: 'no scene' });
    expect((await first).ok).toBe(false);
    expect(prepares.map((p) => p.layout)).toEqual(['flood', 'traffic']);
    const third = c.request('overview', lan);
    c.destroy();
    expect(await second).toMatchObject({ ok: false, code: 'switch-aborted' });
    expect(await third).toMatchObject({ ok: false, code: 'switch-aborted', message: 'the hub is shutting down' });
    expect(commits).toEqual([]);
  });
});
