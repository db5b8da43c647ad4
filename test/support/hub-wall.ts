/**
 * Helpers for e2e tests of wall pages against a real hub: a hub on a fixed data directory that can
 * be stopped and started again on the same port, page configs with a hub, wall → page coordinates,
 * and waits on the page's hub debug state (never sleeps).
 */
import type { HubDebugState, WallPageConfig } from '../../src/core/page/host-api.js';
import type { WallHubConfig } from '../../src/core/page/hub-config.js';
import type { PlannedWindow } from '../../src/core/displays/window-plan.js';
import type { OperatorSpec } from '../../src/hub/operators.js';
import { startHub, type Hub, type HubOptions } from '../../src/hub/server.js';
import { TOKEN_SPECS, TOKENS, tempDir } from './hub-fixtures.js';
import { waitForState, type WallWindow } from './wall-browser.js';

export const OPERATORS: OperatorSpec[] = [
  { name: 'Nguyễn Văn An', pin: '4827' },
  { name: 'Lê Thị Hoa', pin: '9051', badge: 'BADGE-00417' },
];

/** A hub that can be stopped and started again on the same port and data directory. */
export class RestartableHub {
  public hub: Hub | null = null;
  public port = 0;
  private readonly tmp = tempDir('wallrun-e2e-hub-');

  /** `options`: more hub options (e.g. the project's layouts), for every start. */
  public constructor(private readonly options: Partial<HubOptions> = {}) {}

  public get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  public async start(): Promise<void> {
    this.hub = await startHub({ port: this.port, dataDir: this.tmp.dir, tokens: TOKEN_SPECS, ...(this.options.tls ? {} : { insecure: true }), operators: OPERATORS, log: () => undefined, lateCheckMs: 1000, ...this.options });
    this.port = this.hub.port;
  }

  public async stop(): Promise<void> {
    await this.hub?.destroy();
    this.hub = null;
  }

  public async cleanup(): Promise<void> {
    await this.stop();
    this.tmp.remove();
  }
}

/** The page config of `window` with the hub (sound off, quick reconnects, short escalation). */
export function withHub(config: WallPageConfig, url: string, extra: Partial<WallHubConfig> = {}): WallPageConfig {
  return { ...config, hub: { url, token: TOKENS.wall, sound: false, reconnectMaxMs: 1000, healthEveryS: 2, ...extra } };
}

/** Page px (CSS px of the window's page) of wall point `p`, for unrotated screens. */
export function pagePoint(window: PlannedWindow, scale: number, p: { x: number; y: number }): { x: number; y: number } {
  const s = window.screens.find((x) => p.x >= x.wallRect.x && p.x < x.wallRect.x + x.wallRect.width && p.y >= x.wallRect.y && p.y < x.wallRect.y + x.wallRect.height);
  if (!s) throw new Error(`wall point ${p.x},${p.y} is on no screen of ${window.id}`);
  return { x: (p.x - s.wallRect.x + s.windowRect.x) * scale, y: (p.y - s.wallRect.y + s.windowRect.y) * scale };
}

/** Waits until the page's hub state satisfies `predicate` (read once per frame). */
export async function waitForHub(win: WallWindow, predicate: (h: HubDebugState) => boolean, what: string, timeoutMs = 20_000): Promise<HubDebugState> {
  try {
    const s = await waitForState(win, (st) => st.hub !== null && predicate(st.hub), undefined, timeoutMs);
    return s.hub!;
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`);
  }
}

/** Clicks the centre of the touch target `name` the page reports (wall px → page px). */
export async function tapTarget(win: WallWindow, window: PlannedWindow, scale: number, name: string): Promise<void> {
  const hub = await waitForHub(win, (h) => h.targets.some((t) => t.name === name), `target ${name} on screen`);
  const r = hub.targets.find((t) => t.name === name)!.rect;
  const p = pagePoint(window, scale, { x: r.x + r.width / 2, y: r.y + r.height / 2 });
  await win.page.mouse.click(p.x, p.y);
}
