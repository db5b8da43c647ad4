/**
 * The operator console (docs/console.md): served by the hub at /console/, plain DOM, no framework.
 * The operator types their token once; it is kept in sessionStorage (this tab only, gone when the
 * tab closes). The page reads the REST API and listens on socket.io namespace /console for what
 * changed: thumbnails, alerts, layout events, walls. Walls are also re-read every 5 s (last seen,
 * fps, memory change without an event).
 *
 * Everything the hub says is inserted as text (dom.ts); the page's CSP allows only its own script.
 */
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type ConsoleClientToServerEvents, type ConsoleServerToClientEvents, type ThumbnailInfo } from '../core/protocol/console-protocol.js';
import type { Alert } from '../core/protocol/alerts.js';
import type { LayoutCommand } from '../core/protocol/layout-commands.js';
import type { WatchdogHistory } from '../core/protocol/wall-health.js';
import type { WallInfo } from '../hub/walls.js';
import { Api, ApiError, errorText as message } from './api.js';
import { age, byId, clock, h } from './dom.js';
import { PresetPanel } from './presets.js';

const TOKEN_KEY = 'wallrun.console.token';
const WALLS_EVERY_MS = 5000;

/** The hub's record of the last two-phase switch (GET /api/walls `lastSwitch`), where it has one. */
interface SwitchSummary {
  layout: string;
  state: string;
  skewMs: number | null;
  latencyMs?: number | null;
  reason?: string;
  failed?: { node: string; window: string; error: string }[];
}

interface State {
  api: Api;
  name: string;
  layouts: string[] | null;
  current: LayoutCommand | null;
  walls: WallInfo[];
  lastSwitch: SwitchSummary | null;
  hubOffsetMs: number;
  alerts: Map<string, Alert>;
  /** Object URLs of the thumbnails shown, by node/window. */
  thumbs: Map<string, { url: string; info: ThumbnailInfo }>;
  busy: string | null;
}

const SEVERITY_ORDER = ['critical', 'major', 'minor', 'warning', 'info'];
const SEVERITY_VI: Record<string, string> = { critical: 'Nghiêm trọng', major: 'Cao', minor: 'Trung bình', warning: 'Cảnh báo', info: 'Thông tin' };
const STATE_VI: Record<string, string> = { active: 'Chưa xác nhận', acknowledged: 'Đã xác nhận', cleared: 'Đã đóng' };

const keyOf = (node: string, window: string): string => `${node}/${window}`;

function status(text: string): void {
  byId('status').textContent = text;
}

// ---------------------------------------------------------------------------------------------
// Login

function showLogin(error = ''): void {
  document.body.dataset.state = 'login';
  byId('login').hidden = false;
  byId('app').hidden = true;
  byId('logout').hidden = true;
  byId('login-error').textContent = error;
  byId<HTMLInputElement>('token').focus();
}

async function login(token: string): Promise<void> {
  const api = new Api(token);
  try {
    const me = await api.json<{ name: string; role: string }>('GET', '/api');
    if (me.role !== 'operator' && me.role !== 'editor') return showLogin(`Mã này thuộc vai trò "${me.role}", không phải trực ban (operator) hay trưởng ca (editor).`);
    sessionStorage.setItem(TOKEN_KEY, token);
    start(api, me.name, me.role);
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin(e instanceof ApiError && e.status === 401 ? 'Mã truy cập không đúng.' : `Không đăng nhập được: ${message(e)}`);
  }
}

function logout(socket: Socket | null, s: State | null): void {
  sessionStorage.removeItem(TOKEN_KEY);
  socket?.close();
  if (s) for (const t of s.thumbs.values()) URL.revokeObjectURL(t.url);
  location.reload();
}

// ---------------------------------------------------------------------------------------------
// Running

function start(api: Api, name: string, role: string): void {
  const s: State = { api, name, layouts: null, current: null, walls: [], lastSwitch: null, hubOffsetMs: 0, alerts: new Map(), thumbs: new Map(), busy: null };
  const presets = new PresetPanel(api, role === 'editor', status, (command) => {
    s.current = command;
    renderLayouts(s);
  });
  document.body.dataset.state = 'ready';
  document.body.dataset.role = role;
  byId('login').hidden = true;
  byId('app').hidden = false;
  byId('who').textContent = role === 'editor' ? `${name} (trưởng ca)` : name;
  const logoutButton = byId('logout');
  logoutButton.hidden = false;

  const socket: Socket<ConsoleServerToClientEvents, ConsoleClientToServerEvents> = io(`${location.origin}${CONSOLE_NAMESPACE}`, {
    auth: { token: sessionStorage.getItem(TOKEN_KEY) ?? '' },
    transports: ['websocket'],
  });
  logoutButton.addEventListener('click', () => logout(socket, s));
  const link = byId('link');
  socket.on('connect', () => {
    link.dataset.link = 'online';
    link.textContent = 'Đã kết nối';
    void refreshAll(s);
    void presets.refresh();
  });
  socket.on('disconnect', () => {
    link.dataset.link = 'offline';
    link.textContent = 'Mất kết nối — đang thử lại';
  });
  socket.on('connect_error', (err) => {
    link.dataset.link = 'offline';
    link.textContent = `Mất kết nối (${err.message})`;
    if (err.message === 'unauthorized' || err.message === 'forbidden') {
      socket.close();
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin('Hub không chấp nhận mã truy cập này nữa.');
    }
  });
  socket.on('hello', (hello) => {
    s.hubOffsetMs = hello.hubTime - Date.now();
  });
  socket.on('thumbnail', (info) => void loadThumbnail(s, info));
  socket.on('alert', ({ alert }) => {
    if (alert.state === 'cleared') s.alerts.delete(alert.id);
    else s.alerts.set(alert.id, alert);
    renderAlerts(s);
  });
  socket.on('layout:changed', () => void Promise.all([refreshLayout(s), refreshWalls(s), presets.refresh()]));
  socket.on('presets:changed', () => void presets.refresh());
  socket.on('walls:changed', () => void refreshWalls(s));
  setInterval(() => void refreshWalls(s), WALLS_EVERY_MS);
}

async function refreshAll(s: State): Promise<void> {
  await Promise.all([refreshLayout(s), refreshWalls(s), refreshAlerts(s), refreshThumbnails(s)]);
}

async function guarded(what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    status(`${what}: ${message(e)}`);
  }
}

const refreshLayout = (s: State): Promise<void> =>
  guarded('Bố cục', async () => {
    const r = await s.api.json<{ current: LayoutCommand | null; layouts: string[] | null }>('GET', '/api/layout');
    s.current = r.current;
    s.layouts = r.layouts;
    renderLayouts(s);
  });

const refreshWalls = (s: State): Promise<void> =>
  guarded('Màn hình', async () => {
    const r = await s.api.json<{ hubTime: number; walls: WallInfo[]; lastSwitch?: SwitchSummary | null }>('GET', '/api/walls');
    s.hubOffsetMs = r.hubTime - Date.now();
    s.walls = r.walls;
    s.lastSwitch = r.lastSwitch ?? null;
    renderWalls(s);
    renderLayouts(s);
  });

const refreshAlerts = (s: State): Promise<void> =>
  guarded('Cảnh báo', async () => {
    const r = await s.api.json<{ alerts: Alert[] }>('GET', '/api/alerts?state=open&limit=500');
    s.alerts = new Map(r.alerts.map((a) => [a.id, a]));
    renderAlerts(s);
  });

const refreshThumbnails = (s: State): Promise<void> =>
  guarded('Ảnh màn hình', async () => {
    const r = await s.api.json<{ thumbnails: ThumbnailInfo[] }>('GET', '/api/thumbnails');
    await Promise.all(r.thumbnails.map((t) => loadThumbnail(s, t)));
  });

async function loadThumbnail(s: State, info: ThumbnailInfo): Promise<void> {
  const key = keyOf(info.node, info.window);
  if ((s.thumbs.get(key)?.info.receivedAt ?? -1) >= info.receivedAt) return;
  await guarded('Ảnh màn hình', async () => {
    const blob = await s.api.blob(`/api/walls/${encodeURIComponent(info.window)}/thumbnail?node=${encodeURIComponent(info.node)}`);
    const prev = s.thumbs.get(key);
    if (prev && prev.info.receivedAt >= info.receivedAt) return;
    s.thumbs.set(key, { url: URL.createObjectURL(blob), info });
    if (prev) URL.revokeObjectURL(prev.url);
    renderWalls(s);
  });
}

// ---------------------------------------------------------------------------------------------
// Layouts

async function switchLayout(s: State, layout: string): Promise<void> {
  s.busy = layout;
  renderLayouts(s);
  status(`Đang chuyển sang bố cục ${layout}…`);
  try {
    const r = await s.api.json<{ command: LayoutCommand }>('POST', '/api/layout', { layout });
    s.current = r.command;
    status(`Đã chuyển sang bố cục ${layout} (lúc ${clock(r.command.at)}).`);
  } catch (e) {
    status(`Không chuyển được bố cục ${layout}: ${message(e)}`);
  } finally {
    s.busy = null;
    renderLayouts(s);
  }
}

function renderLayouts(s: State): void {
  const current = s.current?.layout ?? null;
  const preset = s.current?.preset;
  byId('current-layout').textContent = current ? `${current}${preset ? ` · kịch bản ${preset.id} (phiên bản ${preset.version})` : ''}` : '—';
  byId('current-layout').dataset.layout = current ?? '';
  byId('last-switch').textContent = switchText(s);
  const ids = s.layouts ?? (current ? [current] : []);
  byId('layouts').replaceChildren(
    ...ids.map((id) => {
      const b = h('button', { type: 'button', 'data-layout': id, 'aria-pressed': String(id === current), disabled: s.busy !== null }, id);
      b.addEventListener('click', () => void switchLayout(s, id));
      return b;
    }),
  );
}

/** The last switch: the hub's two-phase record when it keeps one, else what the walls reported. */
function switchText(s: State): string {
  const ls = s.lastSwitch;
  if (ls) {
    const parts = [`lần chuyển gần nhất: ${ls.layout}, ${ls.state}`];
    if (ls.skewMs !== null) parts.push(`lệch ${ls.skewMs} ms`);
    if (ls.reason) parts.push(`lý do: ${ls.reason}`);
    for (const f of ls.failed ?? []) parts.push(`${f.node}/${f.window}: ${f.error}`);
    return `(${parts.join('; ')})`;
  }
  const cmd = s.current;
  if (!cmd) return '';
  const done = s.walls.filter((w) => w.lastSwitch?.commandId === cmd.commandId).map((w) => w.lastSwitch!.at);
  const connected = s.walls.filter((w) => w.connected).length;
  const skew = done.length >= 2 ? `, lệch ${Math.max(...done) - Math.min(...done)} ms` : '';
  return `(${cmd.by}, ${clock(cmd.at)}; ${done.length}/${connected} cửa sổ đã chuyển${skew})`;
}

// ---------------------------------------------------------------------------------------------
// Walls

function renderWalls(s: State): void {
  const now = Date.now() + s.hubOffsetMs;
  const known = new Set(s.walls.map((w) => keyOf(w.node, w.window)));
  // Windows with a thumbnail the wall list does not know yet still show.
  const extra = [...s.thumbs.values()].filter((t) => !known.has(keyOf(t.info.node, t.info.window)));
  const cards = [
    ...s.walls.map((w) => wallCard(s, w, now)),
    ...extra.map((t) => wallCard(s, { node: t.info.node, window: t.info.window, screens: t.info.screens } as WallInfo, now)),
  ];
  byId('walls').replaceChildren(...cards);
}

/** One <img> per window, kept across redraws (no reload, no flicker): only its source changes. */
const images = new Map<string, HTMLImageElement>();
function thumbImage(key: string, thumb: { url: string; info: ThumbnailInfo }): HTMLImageElement {
  let img = images.get(key);
  if (!img) {
    img = h('img', { alt: `Ảnh ${key}` });
    images.set(key, img);
  }
  if (img.getAttribute('src') !== thumb.url) {
    img.src = thumb.url;
    img.width = thumb.info.width;
    img.height = thumb.info.height;
    img.dataset.at = String(thumb.info.at);
    img.dataset.receivedAt = String(thumb.info.receivedAt);
  }
  return img;
}

/** What the shell's watchdog did to the window (it crashed or hung and was brought back). */
function watchdogText(w: WatchdogHistory | undefined): string {
  if (!w || (w.recoveries === 0 && !w.last)) return '—';
  const last = w.last ? `; gần nhất: ${w.last.trouble} lúc ${clock(w.last.at)} (${w.last.detail})` : '';
  return `${w.recoveries} lần${last}`;
}

function wallCard(s: State, w: WallInfo, now: number): HTMLElement {
  const thumb = s.thumbs.get(keyOf(w.node, w.window));
  const health = w.health ?? null;
  const streams = new Map<string, number>();
  for (const st of health?.streams ?? []) streams.set(st.state, (streams.get(st.state) ?? 0) + 1);
  const lastSeen = health?.receivedAt ?? w.connectedAt ?? w.disconnectedAt ?? null;
  const row = (label: string, value: string): Node[] => [h('dt', {}, label), h('dd', {}, value)];
  return h(
    'article',
    { class: 'wall', 'data-node': w.node, 'data-window': w.window, 'data-connected': String(w.connected ?? false) },
    h('h3', {}, `${w.node} / ${w.window}`),
    thumb ? thumbImage(keyOf(w.node, w.window), thumb) : h('p', { class: 'no-thumb' }, 'Chưa có ảnh'),
    h(
      'dl',
      {},
      ...row('Màn hình', (w.screens ?? []).join(', ')),
      ...row('Kết nối', w.connected ? 'đang kết nối' : `mất kết nối${w.disconnectReason ? ` (${w.disconnectReason})` : ''}`),
      ...row('Thấy lần cuối', age(lastSeen, now)),
      ...row('Bố cục', health?.layout ?? '—'),
      ...row('FPS', health ? String(Math.round(health.fps)) : '—'),
      ...row('Bộ nhớ', health?.memory ? `${Math.round(health.memory.usedMB)} MB${health.memory.limitMB ? ` / ${Math.round(health.memory.limitMB)} MB` : ''}` : '—'),
      ...row('Camera', streams.size ? [...streams].map(([k, n]) => `${n} ${k}`).join(', ') : '—'),
      ...row('Tự khôi phục', watchdogText(health?.watchdog)),
      ...row('Ảnh lúc', thumb ? clock(thumb.info.at) : '—'),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Alerts

async function acknowledge(s: State, alert: Alert, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const r = await s.api.json<{ ok: true; alert: Alert }>('POST', `/api/alerts/${encodeURIComponent(alert.id)}/ack`, {});
    s.alerts.set(r.alert.id, r.alert);
    status(`Đã xác nhận: ${r.alert.title}`);
  } catch (e) {
    status(`Không xác nhận được: ${message(e)}`);
  } finally {
    renderAlerts(s);
  }
}

function renderAlerts(s: State): void {
  const alerts = [...s.alerts.values()].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || b.raisedAt - a.raisedAt,
  );
  byId('alerts').replaceChildren(
    ...alerts.map((a) => {
      const button = a.state === 'active' ? h('button', { type: 'button', class: 'ack', 'data-ack': a.id }, 'Xác nhận') : null;
      button?.addEventListener('click', () => void acknowledge(s, a, button));
      return h(
        'li',
        { 'data-alert-id': a.id, 'data-state': a.state, 'data-severity': a.severity },
        h('span', { class: `sev sev-${a.severity}` }, SEVERITY_VI[a.severity] ?? a.severity),
        h(
          'div',
          {},
          h('div', { class: 'alert-title' }, a.title),
          h(
            'div',
            { class: 'alert-meta' },
            `${a.area} · ${a.sector} · ${clock(a.raisedAt)} · ${STATE_VI[a.state] ?? a.state}`,
            a.acknowledgedBy ? h('span', { class: 'acked-by' }, ` · ${a.acknowledgedBy} (${clock(a.ackedAt)})`) : null,
          ),
          a.message ? h('div', { class: 'alert-message' }, a.message) : null,
        ),
        button ?? h('span', {}, ''),
      );
    }),
  );
}

// ---------------------------------------------------------------------------------------------

function boot(): void {
  byId('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId<HTMLInputElement>('token');
    const token = input.value.trim();
    input.value = '';
    if (token) void login(token);
  });
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) void login(saved);
  else showLogin();
}

boot();
