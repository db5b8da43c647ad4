/**
 * `wallrun demo --verbose`: where the start-up time goes, as lines of seconds since the demo's
 * process started. Each line carries a key in brackets (`[hub-ready]`, `[all-painted]`…) that the
 * first-picture bench (bench/scenarios/first-picture.mjs) and the demo's test read; the text after
 * it is for people, in the demo's language.
 *
 * The two milestones that matter are read from what the wall shows, not guessed from logs:
 *  - `all-painted`: every window's debug state (`window.wallrunDebug.state().layout`) names a
 *    layout, i.e. its scene has been swapped in and rendered (a window shows nothing before);
 *  - `all-cameras-live`: every camera tile of every window reports `live` with a real frame on its
 *    texture (`window.wallrunCameras().tiles[].textured`), not its "connecting" placeholder.
 * On the way there it marks each window's load, hub link and first layout, each tile's first
 * frame, and each camera's first fragment at the hub's gateway (GET /api/cameras).
 */
import type { WallWindow } from '../shell/wall-window.js';
import { hubGet, type HubAccess } from './demo-hub-get.js';

type Lang = 'vi' | 'en';
/** A line for people: Vietnamese first, English with --lang en. */
export type Said = { vi: string; en: string };

/** Seconds since this process started (Node's performance clock starts with the process). */
export function secondsSinceStart(): number {
  return performance.now() / 1000;
}

export interface Mark {
  key: string;
  atS: number;
}

export class DemoTimeline {
  public readonly marks: Mark[] = [];

  public constructor(
    private readonly verbose: boolean,
    private readonly lang: Lang,
    private readonly print: (line: string) => void = (line) => void process.stdout.write(`${line}\n`),
  ) {}

  /**
   * Records `key` (once; a repeat is ignored) at `atS` (default now) and, when verbose, prints it.
   * A page's mark arrives when it is read, so lines may come slightly out of order.
   */
  public mark(key: string, said: Said, atS = secondsSinceStart()): void {
    if (this.has(key)) return;
    this.marks.push({ key, atS });
    if (this.verbose) this.print(`wallrun demo: +${atS.toFixed(2).padStart(6)} s [${key}] ${said[this.lang]}`);
  }

  public has(key: string): boolean {
    return this.marks.some((m) => m.key === key);
  }

  public get enabled(): boolean {
    return this.verbose;
  }
}

/** What one poll of a window's page reads (light: no texts, no history); times are epoch ms. */
interface WindowProbe {
  /** The scene on screen (its sceneKey: the layout id, `+preset@version` with a preset); null before the first. */
  layout: string | null;
  /** The scene's camera tiles that are shown (not hidden by degraded mode). */
  cameraTiles: string[];
  /** The page's start-up marks (performance.mark `wallrun:*`, src/renderer/main.ts, camera.ts). */
  marks: { name: string; at: number }[];
  /** When the page's document was loaded (its DOMContentLoaded ended). */
  loadedAt: number | null;
}

/** Reads the page's debug state and marks; null while the page has none yet (loading, or a fallback page). */
async function probe(w: WallWindow): Promise<WindowProbe | null> {
  return w.page
    .evaluate(() => {
      const g = globalThis as unknown as {
        wallrunDebug?: { state(): { layout: string | null; tiles: { id: string; widget: string; degraded?: string }[] } };
      };
      if (!g.wallrunDebug) return null;
      // The page's Performance (this file is typed for Node, which has no navigation entries).
      const perf = performance as unknown as { timeOrigin: number; getEntriesByType(type: string): { name: string; startTime: number; domContentLoadedEventEnd?: number }[] };
      const origin = perf.timeOrigin;
      const nav = perf.getEntriesByType('navigation')[0];
      const state = g.wallrunDebug.state();
      return {
        layout: state.layout,
        cameraTiles: state.tiles.filter((t) => t.widget === 'camera' && t.degraded !== 'hidden').map((t) => t.id),
        marks: perf.getEntriesByType('mark').filter((m) => m.name.startsWith('wallrun:')).map((m) => ({ name: m.name.slice('wallrun:'.length), at: origin + m.startTime })),
        loadedAt: nav?.domContentLoadedEventEnd ? origin + nav.domContentLoadedEventEnd : null,
      };
    })
    .catch(() => null);
}

const POLL_MS = 150;
/** The watch gives up after this long: a start-up slower than that is a failure, said as such. */
const WATCH_LIMIT_MS = 180_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Epoch ms (a page's clock: the same machine's) as seconds since this process started. */
const sinceStart = (epochMs: number): number => (epochMs - performance.timeOrigin) / 1000;

/** What a page mark means on the timeline (the camera frames are per tile). */
const PAGE_MARKS: Record<string, (id: string) => Said> = {
  config: (id) => ({ vi: `${id}: trang đã chạy (có cấu hình)`, en: `${id}: page script running (config read)` }),
  fonts: (id) => ({ vi: `${id}: phông chữ đã tải`, en: `${id}: fonts loaded` }),
  'first-layout': (id) => ({ vi: `${id}: đã vẽ bố cục đầu tiên`, en: `${id}: first layout painted` }),
  'hub-connected': (id) => ({ vi: `${id}: đã nối với hub`, en: `${id}: connected to the hub` }),
};

/**
 * Watches the windows until every one is painted and every camera tile is live (or `stopped()`),
 * marking each step at the time the page recorded it. `ids[i]` names `windows[i]`.
 */
export async function watchWindows(timeline: DemoTimeline, windows: readonly WallWindow[], ids: readonly string[], stopped: () => boolean): Promise<void> {
  const paintedAt: (number | null)[] = windows.map(() => null);
  /** Per window: when the scene on screen had all its shown camera tiles live (null: not yet). */
  const camerasAt: (number | null)[] = windows.map(() => null);
  const tileCount = windows.map(() => 0);
  const until = Date.now() + WATCH_LIMIT_MS;
  while (!stopped() && Date.now() < until) {
    const probes = await Promise.all(windows.map((w) => probe(w)));
    probes.forEach((p, i) => {
      if (!p) return;
      const id = ids[i]!;
      if (p.loadedAt !== null) timeline.mark(`window-loaded:${id}`, { vi: `${id}: tài liệu đã tải`, en: `${id}: document loaded` }, sinceStart(p.loadedAt));
      const frames = new Map<string, number>();
      for (const m of [...p.marks].sort((a, b) => a.at - b.at)) {
        const camera = /^camera-frame:(.+)$/.exec(m.name)?.[1];
        if (camera) {
          frames.set(camera, m.at);
          timeline.mark(`camera-frame:${id}/${camera}`, { vi: `${id}: ô ${camera} có hình camera đầu tiên`, en: `${id}: tile ${camera} (layout/tile) shows its first camera frame` }, sinceStart(m.at));
        } else if (PAGE_MARKS[m.name]) {
          timeline.mark(`${m.name}:${id}`, PAGE_MARKS[m.name]!(id), sinceStart(m.at));
        }
      }
      const first = p.marks.find((m) => m.name === 'first-layout');
      // The debug state names the layout on screen once its scene is swapped in and rendered.
      if (first && p.layout !== null) paintedAt[i] = first.at;
      if (p.layout === null) return;
      // The layout on screen now (the hub may have switched it since the first): all its camera tiles live?
      const layoutId = p.layout.split('+')[0]!;
      const times = p.cameraTiles.map((tile) => frames.get(`${layoutId}/${tile}`));
      tileCount[i] = p.cameraTiles.length;
      camerasAt[i] = times.every((t) => t !== undefined) ? Math.max(paintedAt[i] ?? 0, ...(times as number[])) : null;
    });
    if (paintedAt.every((t) => t !== null)) {
      timeline.mark('all-painted', { vi: `mọi cửa sổ (${windows.length}) đã vẽ bố cục`, en: `every window (${windows.length}) painted with its layout` }, sinceStart(Math.max(...(paintedAt as number[]))));
      if (camerasAt.every((t) => t !== null)) {
        const tiles = tileCount.reduce((a, b) => a + b, 0);
        timeline.mark('all-cameras-live', { vi: `mọi ô camera (${tiles}) đã có hình thật`, en: `every camera tile (${tiles}) live with a real frame` }, sinceStart(Math.max(...(camerasAt as number[]))));
        return;
      }
    }
    await sleep(POLL_MS);
  }
  if (!stopped()) {
    const missing = ids.filter((_, i) => paintedAt[i] === null);
    timeline.mark('watch-gave-up', {
      vi: `sau ${WATCH_LIMIT_MS / 1000} s vẫn chưa xong: ${missing.length ? `cửa sổ chưa vẽ: ${missing.join(', ')}` : 'còn ô camera chưa có hình'}`,
      en: `not done after ${WATCH_LIMIT_MS / 1000} s: ${missing.length ? `windows not painted: ${missing.join(', ')}` : 'camera tiles still without a frame'}`,
    });
  }
}

/** Marks each camera's first fragment at the hub's gateway (`live` in GET /api/cameras), until all are. */
export async function watchGateway(timeline: DemoTimeline, hub: HubAccess, stopped: () => boolean): Promise<void> {
  const until = Date.now() + WATCH_LIMIT_MS;
  while (!stopped() && Date.now() < until) {
    const answer = (await hubGet(hub, '/api/cameras')) as { cameras?: { id: string; state: string }[] } | null;
    const cameras = answer?.cameras ?? [];
    for (const c of cameras) {
      if (c.state === 'live') timeline.mark(`camera-pulled:${c.id}`, { vi: `hub: camera ${c.id} có đoạn video đầu tiên`, en: `hub: camera ${c.id} has its first fragment` });
    }
    if (answer && cameras.every((c) => c.state === 'live')) {
      timeline.mark('hub-cameras-live', { vi: `hub: mọi camera (${cameras.length}) đang chạy`, en: `hub: every camera (${cameras.length}) live` });
      return;
    }
    await sleep(POLL_MS);
  }
}
