// The last switch's record across restarts: the coordinator reads it from its store at start and
// writes it at every change (the hub-level test is test/protocol/hub-degraded-restart.test.ts).
import { describe, expect, it } from 'vitest';
import type { SwitchRecord } from '../core/protocol/walls.js';
import { SwitchCoordinator, type SwitchRecordStore } from './switch-coordinator.js';

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
