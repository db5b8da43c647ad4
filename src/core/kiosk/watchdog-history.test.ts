import { describe, expect, it } from 'vitest';
import { isQuietHistory, NO_WATCHDOG_HISTORY, noteWatchdogReport } from './watchdog-history.js';

describe('watchdog history', () => {
  it('counts recovered failures and keeps the last one; recoveries and retries change nothing', () => {
    let h = NO_WATCHDOG_HISTORY;
    h = noteWatchdogReport(h, { kind: 'failure', trouble: 'crashed', detail: 'renderer crashed', failures: 1, at: 1000.4 });
    expect(h).toEqual({ recoveries: 1, last: { trouble: 'crashed', detail: 'renderer crashed', at: 1000 } });
    expect(noteWatchdogReport(h, { kind: 'recovered', detail: 'back', failures: 1, at: 2000 })).toBe(h);
    expect(noteWatchdogReport(h, { kind: 'retry', detail: 'again', failures: 0, at: 2000 })).toBe(h);
    h = noteWatchdogReport(h, { kind: 'failure', trouble: 'hung', detail: 'no heartbeat for 10 s', failures: 2, at: 3000 });
    expect(h).toEqual({ recoveries: 2, last: { trouble: 'hung', detail: 'no heartbeat for 10 s', at: 3000 } });
    h = noteWatchdogReport(h, { kind: 'crash-loop', detail: '3 failures in 60 s', failures: 3, at: 4000 });
    expect(h).toEqual({ recoveries: 2, last: { trouble: 'crash-loop', detail: '3 failures in 60 s', at: 4000 } });
    expect(NO_WATCHDOG_HISTORY).toEqual({ recoveries: 0, last: null });
    expect(isQuietHistory(NO_WATCHDOG_HISTORY)).toBe(true);
    expect(isQuietHistory(h)).toBe(false);
    expect(isQuietHistory({ recoveries: 0, last: { trouble: 'crash-loop', detail: 'x', at: 1 } })).toBe(false);
  });

  it('caps the detail at the protocol’s message length', () => {
    const h = noteWatchdogReport(NO_WATCHDOG_HISTORY, { kind: 'failure', trouble: 'crashed', detail: 'x'.repeat(5000), failures: 1, at: 1 });
    expect(h.last!.detail).toHaveLength(2000);
  });
});
