/**
 * The console's reads of the hub's REST API: layouts, walls, open alerts and thumbnails, each
 * into the page's state and then drawn. A failed read shows in the status line and changes nothing.
 */
import type { ThumbnailInfo } from '../core/protocol/console-protocol.js';
import type { Alert } from '../core/protocol/alerts.js';
import type { LayoutCommand } from '../core/protocol/layout-commands.js';
import type { WallsAnswer } from '../core/protocol/walls.js';
import type { WallPlanAnswer } from '../core/protocol/wall-plan.js';
import { renderAlerts } from './alerts-view.js';
import type { WireLabel } from '../core/protocol/layout-commands.js';
import { t } from './i18n.js';
import { renderLayouts } from './layouts-view.js';
import { guarded, keyOf, type State } from './state.js';
import { renderWalls } from './walls-view.js';
import { refreshCameras } from './cameras-view.js';
import { refreshAutomation } from './automation-view.js';
import { renderFederation } from './federation-view.js';
import type { FederationHealth } from '../core/protocol/federation-health.js';

export async function refreshAll(s: State): Promise<void> {
  await Promise.all([refreshLayout(s), refreshWalls(s), refreshAlerts(s), refreshThumbnails(s)]);
  await refreshAutomation(s); // after the layouts: it names them by their titles
}

export const refreshLayout = (s: State): Promise<void> =>
  guarded(t('Bố cục', 'Layouts'), async () => {
    const [r, titles] = await Promise.all([
      s.api.json<{ current: LayoutCommand | null; layouts: string[] | null }>('GET', '/api/layout'),
      s.api.json<{ layouts: { id: string; title: WireLabel }[] }>('GET', '/api/presets'),
    ]);
    s.current = r.current;
    s.layouts = r.layouts;
    s.layoutTitles = new Map(titles.layouts.map((l) => [l.id, l.title]));
    renderLayouts(s);
  });

export const refreshWalls = (s: State): Promise<void> =>
  guarded(t('Màn hình', 'Screens'), async () => {
    const [r, plan] = await Promise.all([s.api.json<WallsAnswer>('GET', '/api/walls'), s.api.json<WallPlanAnswer>('GET', '/api/wall')]);
    s.plan = plan;
    s.hubOffsetMs = r.hubTime - Date.now();
    s.walls = r.walls;
    s.lastSwitch = r.lastSwitch ?? null;
    renderWalls(s);
    renderLayouts(s);
    await refreshCameras(s);
    await refreshFederation();
  });

/** The hub's federation health (GET /healthz `federation`), when it has one (federation-view.ts). */
const refreshFederation = (): Promise<void> =>
  guarded(t('Liên kết tuyến dưới', 'Sub-centre links'), async () => {
    const r = await fetch('/healthz', { cache: 'no-store' });
    renderFederation(((await r.json()) as { federation?: FederationHealth }).federation);
  });

const refreshAlerts = (s: State): Promise<void> =>
  guarded(t('Cảnh báo', 'Alerts'), async () => {
    const r = await s.api.json<{ alerts: Alert[] }>('GET', '/api/alerts?state=open&limit=500');
    s.alerts = new Map(r.alerts.map((a) => [a.id, a]));
    renderAlerts(s);
  });

const refreshThumbnails = (s: State): Promise<void> =>
  guarded(t('Ảnh màn hình', 'Screen pictures'), async () => {
    const r = await s.api.json<{ thumbnails: ThumbnailInfo[] }>('GET', '/api/thumbnails');
    await Promise.all(r.thumbnails.map((t) => loadThumbnail(s, t)));
  });

export async function loadThumbnail(s: State, info: ThumbnailInfo): Promise<void> {
  const key = keyOf(info.node, info.window);
  if ((s.thumbs.get(key)?.info.receivedAt ?? -1) >= info.receivedAt) return;
  await guarded(t('Ảnh màn hình', 'Screen pictures'), async () => {
    const blob = await s.api.blob(`/api/walls/${encodeURIComponent(info.window)}/thumbnail?node=${encodeURIComponent(info.node)}`);
    const prev = s.thumbs.get(key);
    if (prev && prev.info.receivedAt >= info.receivedAt) return;
    s.thumbs.set(key, { url: URL.createObjectURL(blob), info });
    if (prev) URL.revokeObjectURL(prev.url);
    renderWalls(s);
  });
}
