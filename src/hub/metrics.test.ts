import { describe, expect, it } from 'vitest';
import { Metrics, type MetricGauges } from './metrics.js';

const gauges: MetricGauges = {
  wallsConnected: 2,
  alertsOpenBySeverity: { major: 1 },
  acksStored: 0,
  topicsKnown: 3,
  topicsLate: 0,
  switches: { committed: 1, aborted: 0, last: { state: 'committed', skewMs: 4, latencyMs: null } },
};

/** `# TYPE` lines as name → type. */
function types(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('Metrics', () => {
  it("renders the hub's metrics with their names and types (docs/protocol.md), then the process's", async () => {
    const text = await new Metrics(() => 0).render(gauges);
    const wallrun = [...types(text)].filter(([name]) => name.startsWith('wallrun_'));
    expect(wallrun).toEqual([
      ['wallrun_walls_connected', 'gauge'],
      ['wallrun_topic_updates_total', 'counter'],
      ['wallrun_topic_updates_per_second', 'gauge'],
      ['wallrun_update_batches_dropped_total', 'counter'],
      ['wallrun_topics_known', 'gauge'],
      ['wallrun_topics_late', 'gauge'],
      ['wallrun_alerts_open', 'gauge'],
      ['wallrun_alerts_raised_total', 'counter'],
      ['wallrun_acks_total', 'counter'],
      ['wallrun_acks_stored', 'gauge'],
      ['wallrun_ack_duplicates_total', 'counter'],
      ['wallrun_ack_refused_total', 'counter'],
      ['wallrun_snapshots_sent_total', 'counter'],
      ['wallrun_connects_refused_total', 'counter'],
      ['wallrun_layout_switches_total', 'counter'],
      ['wallrun_layout_switch_skew_ms', 'gauge'],
      ['wallrun_layout_switch_latency_ms', 'gauge'],
      ['wallrun_rest_requests_total', 'counter'],
      ['wallrun_camera_state', 'gauge'],
      ['wallrun_camera_viewers', 'gauge'],
      ['wallrun_camera_reconnects_total', 'counter'],
      ['wallrun_federation_link_up', 'gauge'],
      ['wallrun_federation_backlog_messages', 'gauge'],
      ['wallrun_federation_lag_ms', 'gauge'],
      ['wallrun_federation_applied_total', 'counter'],
      ['wallrun_federation_stream_messages', 'gauge'],
      ['wallrun_federation_stream_bytes', 'gauge'],
    ]);
    expect(text).toMatch(/^wallrun_alerts_open\{severity="major"\} 1$/m);
    expect(text).toMatch(/^wallrun_alerts_raised_total\{severity="critical"\} 0$/m);
    expect(text).toMatch(/^wallrun_layout_switch_skew_ms 4$/m);
    expect(text).toMatch(/^wallrun_layout_switch_latency_ms 0$/m); // unknown reads 0
    expect(types(text).get('process_cpu_seconds_total')).toBe('counter');
    expect(types(text).get('process_resident_memory_bytes')).toBe('gauge');
    expect(types(text).get('nodejs_heap_size_used_bytes')).toBe('gauge');
    expect(types(text).get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it('keeps each hub its own counts (several hubs in one process)', async () => {
    const a = new Metrics(() => 0);
    const b = new Metrics(() => 0);
    a.acksCommitted.inc();
    a.connectsRefused.inc({ reason: 'unauthorized' });
    a.countUpdates(5);
    expect(await a.render(gauges)).toMatch(/^wallrun_acks_total 1$/m);
    const other = await b.render(gauges);
    expect(other).toMatch(/^wallrun_acks_total 0$/m);
    expect(other).toMatch(/^wallrun_topic_updates_total 0$/m);
    expect(other).not.toContain('wallrun_connects_refused_total{');
  });

  it('mirrors the switch counts it is given, scrape after scrape', async () => {
    const m = new Metrics(() => 0);
    await m.render(gauges);
    const text = await m.render({ ...gauges, switches: { committed: 2, aborted: 1, last: null } });
    expect(text).toMatch(/^wallrun_layout_switches_total\{outcome="committed"\} 2$/m);
    expect(text).toMatch(/^wallrun_layout_switches_total\{outcome="aborted"\} 1$/m);
    expect(text).toMatch(/^wallrun_layout_switch_skew_ms 0$/m);
  });

  it('gives the mean updates per second over the last 10 complete seconds', () => {
    let now = 50_000;
    const m = new Metrics(() => now);
    m.countUpdates(30);
    now += 1000;
    m.countUpdates(70);
    now += 1000;
    expect(m.updatesPerSecond()).toBe(10);
    now += 20_000;
    expect(m.updatesPerSecond()).toBe(0);
  });
});
