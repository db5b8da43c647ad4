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

function memoryStore(saved: SwitchRecord | null): SwitchRecordStore & { writes: SwitchRecord[] } {
  const writes: SwitchRecord[] = [];
  return { writes, loadSwitch: () => (saved ? structuredClone(saved) : null), saveSwitch: (r) => void writes.push(structuredClone(r)) };
}

const coordinator = (store: SwitchRecordStore): SwitchCoordinator =>
  new SwitchCoordinator({ ns: {} as never, layouts: {} as never, now: () => T + 60_000, log: () => undefined, store });

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
  const busy = { ok: false as const, code: 'switch-busy' as const, message: 'switch s-1 to "flood" is being prepared' };

  it('records the code, reason, layout and preset, and returns the outcome unchanged', () => {
    const written: unknown[] = [];
    const out = failedSwitch({ layouts: { recordFailure: (f, a) => void written.push([f, a]) }, log: () => undefined }, busy, {
      layout: 'traffic', actor, preset: { id: 'ca-dem', version: 3, cameras: [] },
    });
    expect(out).toBe(busy);
    expect(written).toEqual([[{ code: 'switch-busy', reason: busy.message, layout: 'traffic', preset: 'ca-dem', presetVersion: 3 }, actor]]);
  });

  it('logs a failed write instead of throwing: the requester is still told why the switch did not happen', () => {
    const log: string[] = [];
    const layouts = { recordFailure: () => { throw new Error('disk I/O error'); } };
    expect(failedSwitch({ layouts, log: (m) => void log.push(m) }, busy, { layout: 'traffic', actor })).toBe(busy);
    expect(log).toEqual(['switch to "traffic" (switch-busy): could not write its audit entry: disk I/O error']);
  });
});
