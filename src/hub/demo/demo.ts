/**
 * Demo mode: live values for every demo topic, alerts with Vietnamese titles, and cameras: the
 * project's demo cameras served as RTSP test cameras and pulled by the hub's gateway
 * (demo-cameras.ts), or, for a project without them, simulated live HLS cameras (cam-01…cam-16)
 * through the camera fleet for its `props.source` tiles. Without ffmpeg the hub says so once and
 * runs on without cameras. `HubDemo` is what the commands plug into the hub (src/hub/demo-hook.ts):
 * the demo's tokens and presets, then the feeds once the hub listens.
 */
import type { Camera, Layout } from '../../core/wall/model.js';
import { writeDemoTokens, type TokenSpec } from '../auth.js';
import type { DemoHook, DemoServices } from '../demo-hook.js';
import type { Actor } from '../storage/store-types.js';
import type { HubStore } from '../storage/store.js';
import { ALERT_TEMPLATES, GANH_HAO_ALARM_1, HEAVY_RAIN_MM_H, ganhHaoAlert, heavyRainAlert, type AlertTemplate } from './demo-alerts.js';
import { DemoFeeds } from '../../core/demo/demo-feeds.js';
import { seedDemoPresets } from './demo-presets.js';
import { demoMountOf, startDemoCameras, type DemoCameras } from './demo-cameras.js';

export interface DemoOptions {
  /**
   * Simulated HLS cameras for a project without demo cameras (default 16); 0: no camera at all,
   * the project's demo cameras not served either.
   */
  cameras?: number;
  /** Port of the cameras' HLS server (default: a free one). */
  cameraPort?: number;
  /** The Python that runs the GStreamer RTSP cameras (default /usr/bin/python3). */
  cameraPython?: string;
  /** Mean seconds between random alerts (default 45). */
  alertEveryS?: number;
  random?: () => number;
}

interface DemoRun {
  cameraBase: string | null;
  destroy(): Promise<void>;
}

const DEMO_ACTOR: Actor = { name: 'Mô phỏng IOC (demo)', role: 'integration', via: 'demo', channel: 'hub' };
const MAX_OPEN = 8;

/** The demo as the hub takes it (HubOptions.demo): built by the command, run by the hub. */
export class HubDemo implements DemoHook {
  private run: DemoRun | null = null;
  private served: DemoCameras | null = null;
  private starting: Promise<Camera[]> | null = null;
  /** The project has demo cameras (served by `cameras()`): no HLS fleet then. */
  private hasDemoCameras = false;
  private destroyed = false;

  public constructor(private readonly options: DemoOptions = {}) {}

  public get cameraBase(): string | null {
    return this.run?.cameraBase ?? null;
  }

  public tokens(dataDir: string): TokenSpec[] {
    return writeDemoTokens(dataDir);
  }

  public seed(store: HubStore, layouts: readonly Layout[], now: number, log: (message: string) => void): Promise<void> {
    return seedDemoPresets(store, layouts, now, log);
  }

  /**
   * Serves the project's demo cameras (once: a second call gets the first's answer). The demo
   * command calls it before the hub starts, so the cameras' start overlaps the hub's own; the hub's
   * call then only waits for what is left of it.
   */
  public cameras(project: readonly Camera[], log: (message: string) => void): Promise<Camera[]> {
    return (this.starting ??= this.startCameras(project, log));
  }

  private async startCameras(project: readonly Camera[], log: (message: string) => void): Promise<Camera[]> {
    this.hasDemoCameras = project.some((c) => demoMountOf(c) !== null);
    if (this.options.cameras === 0 || this.destroyed) return [...project];
    const served = await startDemoCameras(project, log, {
      ...(this.options.cameraPort !== undefined ? { hlsPort: this.options.cameraPort } : {}),
      ...(this.options.cameraPython ? { python: this.options.cameraPython } : {}),
    });
    this.served = served;
    // Destroyed meanwhile: nobody else will stop them.
    if (this.destroyed) await served.destroy();
    return served.cameras;
  }

  public async init(services: DemoServices): Promise<void> {
    if (this.run || this.destroyed) return;
    // The HLS fleet is for `props.source` tiles of a project without demo cameras.
    this.run = await runDemo(services, { ...this.options, ...(this.hasDemoCameras ? { cameras: 0 } : {}) });
  }

  public async destroy(): Promise<void> {
    this.destroyed = true;
    await this.run?.destroy();
    await this.served?.destroy();
  }
}

async function runDemo(d: DemoServices, o: DemoOptions): Promise<DemoRun> {
  const random = o.random ?? Math.random;
  const feeds = new DemoFeeds(d.now(), random);
  const open = new Map<string, { district: string; clearAt: number | null; rule?: string }>();
  feeds.alertsByDistrict = () => {
    const counts: Record<string, number> = {};
    for (const a of open.values()) counts[a.district] = (counts[a.district] ?? 0) + 1;
    return counts;
  };

  // Alerts a previous demo run left open would never be cleared: clear them now.
  for (const a of d.alerts.open()) if (a.source === DEMO_ACTOR.name) void d.alerts.clear(a.id, { reason: 'demo restarted' }, DEMO_ACTOR).catch(() => undefined);

  // Charts full from the first snapshot: the feeds' invented past over the longest chart window (at
  // most two days), into the history of chart topics that have none (a restarted demo keeps its own).
  const pastS = Math.min(2 * 86_400, d.topics.historyKeeper.longestWindowS);
  if (pastS > 0) {
    const seeded = d.topics.seedHistory((sink) => feeds.replay(d.now() - pastS * 1000, d.now(), sink));
    if (seeded) d.log(`demo: ${seeded} chart topic(s) start with ${Math.round(pastS / 3600)} h of invented history`);
  }
  // A restarted demo keeps its topics' values and history: its walks go on from them, no jump.
  feeds.continueFrom(d.topics.latest());

  let nextRandomAlert = d.now() + Math.min(5, o.alertEveryS ?? 45) * 1000;
  let serial = 0;
  const raise = (t: AlertTemplate & { id?: string }, clearAt: number | null, rule?: string): void => {
    const id = t.id ?? `demo-${t.sector}-${d.now().toString(36)}-${++serial}`;
    const { district, ...req } = t;
    // Kept as open at once (a clear due meanwhile finds it); the demo's own changes are not awaited.
    open.set(id, { district, clearAt, ...(rule ? { rule } : {}) });
    void d.alerts.raise({ ...req, id, source: DEMO_ACTOR.name }, DEMO_ACTOR).then(
      (r) => void (r.ok || open.delete(id)),
      (e: unknown) => (open.delete(id), d.log(`demo: alert ${id} not raised: ${(e as Error).message}`)),
    );
  };
  const clearWhere = (pred: (v: { clearAt: number | null; rule?: string }) => boolean): void => {
    for (const [id, v] of open) {
      if (!pred(v)) continue;
      void d.alerts.clear(id, {}, DEMO_ACTOR).catch((e: unknown) => d.log(`demo: alert ${id} not cleared: ${(e as Error).message}`));
      open.delete(id);
    }
  };

  const tick = (): void => {
    const now = d.now();
    const updates = feeds.tick(now);
    if (updates.length) d.topics.publish(updates);
    clearWhere((v) => v.clearAt !== null && v.clearAt <= now);
    const ruled = (rule: string): boolean => [...open.values()].some((v) => v.rule === rule);
    const level = feeds.valueOf('flood.water-level.song-ganh-hao') ?? 0;
    if (level >= GANH_HAO_ALARM_1 && !ruled('ganh-hao')) raise(ganhHaoAlert(level, now), null, 'ganh-hao');
    if (level < GANH_HAO_ALARM_1 - 0.1) clearWhere((v) => v.rule === 'ganh-hao');
    const rain = feeds.valueOf('flood.rain-rate.tp-ca-mau') ?? 0;
    if (rain >= HEAVY_RAIN_MM_H && !ruled('rain')) raise(heavyRainAlert(rain, now), null, 'rain');
    if (rain < 10) clearWhere((v) => v.rule === 'rain');
    if (now >= nextRandomAlert) {
      nextRandomAlert = now + (o.alertEveryS ?? 45) * 1000 * (0.5 + random());
      if (open.size < MAX_OPEN) {
        const t = ALERT_TEMPLATES[Math.floor(random() * ALERT_TEMPLATES.length)]!;
        raise(t, now + (120 + random() * 240) * 1000);
      }
    }
  };
  tick();
  const timer = setInterval(tick, 1000);

  const fleet = await startCameras(d, o);
  return {
    cameraBase: fleet?.baseUrl ?? null,
    destroy: async () => {
      clearInterval(timer);
      await fleet?.destroy();
    },
  };
}

async function startCameras(d: DemoServices, o: DemoOptions): Promise<{ baseUrl: string; destroy(): Promise<void> } | null> {
  const count = o.cameras ?? 16;
  if (count <= 0) return null;
  try {
    const { startCameraFleet } = await import('./cameras/camera-fleet.js');
    const fleet = await startCameraFleet({ count, ...(o.cameraPort !== undefined ? { port: o.cameraPort } : {}) });
    d.log(`demo cameras: ${count} live HLS cameras at ${fleet.baseUrl} (cam-01/index.m3u8 …)`);
    return fleet;
  } catch (e) {
    const err = e as Error;
    if (err.name === 'FfmpegNotFoundError') {
      d.log(`demo cameras off: ${err.message}. The hub runs on without cameras; camera tiles show "no signal".`);
    } else {
      d.log(`demo cameras off: ${err.message.split('\n')[0]}. The hub runs on without cameras.`);
    }
    return null;
  }
}
