import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../core/protocol/wall-health.js';
import type { CameraTileDebug } from '../widgets/camera.js';
import { HealthReporter } from './health-reporter.js';

const g = globalThis as { window?: unknown };

function withTiles(tiles: Pick<CameraTileDebug, 'tile' | 'state'>[]): void {
  g.window = { wallrunCameras: () => ({ pool: { budget: 2, active: [], waiting: [], paused: [] }, tiles }) };
}

afterEach(() => {
  delete g.window;
});

describe('HealthReporter streams', () => {
  it('reports changed frames per second beside fps, rounded, and passes the hub’s own check', async () => {
    const { checkHealthReport } = await import('../../core/protocol/protocol-validate.js');
    withTiles([]);
    const sent: HealthReport[] = [];
    const reporter = new HealthReporter(5000, () => ({ layout: 'l', fps: 59.94, changedFps: 1.04, darkScreens: [] }), (r) => sent.push(r) > 0, () => 1_750_000_000_000);
    reporter.report();
    expect(sent[0]).toMatchObject({ fps: 59.9, changedFps: 1 });
    expect(checkHealthReport(sent[0]).ok).toBe(true);
    expect(checkHealthReport({ ...sent[0], changedFps: -1 }).ok, 'a negative rate is refused').toBe(false);
  });

  it('maps camera states, and leaves out tiles hidden by degraded mode (paused: no stream)', () => {
    const sent: HealthReport[] = [];
    const reporter = new HealthReporter(5000, () => ({ layout: 'l', fps: 30, darkScreens: [] }), (r) => sent.push(r) > 0, () => 1000);
    withTiles([
      { tile: 'a', state: 'live' },
      { tile: 'b', state: 'waiting' },
      { tile: 'c', state: 'paused' },
      { tile: 'd', state: 'frozen' },
    ]);
    expect(reporter.report()).toBe(true);
    expect(sent[0]!.streams).toEqual([
      { tile: 'a', state: 'playing', since: 1000 },
      { tile: 'b', state: 'loading', since: 1000 },
      { tile: 'd', state: 'no-signal', since: 1000 },
    ]);
  });

  it('reports web tiles as streams after the cameras, keeping since while the state holds', () => {
    const sent: HealthReport[] = [];
    let now = 1000;
    let web: { tile: string; state: HealthReport['streams'][number]['state'] }[] = [{ tile: 'dash', state: 'loading' }];
    const reporter = new HealthReporter(5000, () => ({ layout: 'l', fps: 30, darkScreens: [], webStreams: web }), (r) => sent.push(r) > 0, () => now);
    withTiles([{ tile: 'a', state: 'live' }]);
    reporter.report();
    now = 2000;
    reporter.report();
    now = 3000;
    web = [{ tile: 'dash', state: 'error' }];
    reporter.report();
    expect(sent.map((r) => r.streams.map((x) => `${x.tile}:${x.state}@${x.since}`))).toEqual([
      ['a:playing@1000', 'dash:loading@1000'],
      ['a:playing@1000', 'dash:loading@1000'],
      ['a:playing@1000', 'dash:error@3000'],
    ]);
  });

  it('carries the shell watchdog’s history when there is one, and passes the hub’s own check', async () => {
    const { checkHealthReport } = await import('../../core/protocol/protocol-validate.js');
    withTiles([]);
    const sent: HealthReport[] = [];
    let watchdog: HealthReport['watchdog'];
    const reporter = new HealthReporter(5000, () => ({ layout: 'l', fps: 30, darkScreens: [], watchdog }), (r) => sent.push(r) > 0, () => 1_750_000_000_000);
    reporter.report();
    watchdog = { recoveries: 0, last: null };
    reporter.report();
    watchdog = { recoveries: 2, last: { trouble: 'crashed', detail: 'renderer crashed', at: 1_750_000_000_000 } };
    reporter.report();
    expect(sent.map((r) => r.watchdog)).toEqual([undefined, undefined, watchdog]);
    expect(checkHealthReport(sent[2]).ok).toBe(true);
  });
});
