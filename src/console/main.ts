/**
 * The operator console (docs/console.md): served by the hub at /console/, plain DOM, no framework.
 * The operator types their token once; it is kept in sessionStorage (this tab only, gone when the
 * tab closes). The page reads the REST API (refresh.ts) and listens on socket.io namespace /console
 * for what changed: thumbnails, alerts, layout events, walls. Walls are also re-read every 5 s (last
 * seen, fps, memory change without an event). This file logs in and wires the socket to the panels
 * (wall-canvas.ts, layouts-view.ts, walls-view.ts, alerts-view.ts, presets.ts).
 *
 * Everything the hub says is inserted as text (dom.ts); the page's CSP allows only its own script.
 */
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type ConsoleClientToServerEvents, type ConsoleServerToClientEvents } from '../core/protocol/console-protocol.js';
import { renderAlerts } from './alerts-view.js';
import { refreshAutomation, renderAutomation } from './automation-view.js';
import { Api, ApiError, errorText as message } from './api.js';
import { AuditView } from './audit-view.js';
import { ReplayView } from './replay-view.js';
import { CapView } from './cap-view.js';
import { leaderConsoleUrl } from './hub-group.js';
import { byId } from './dom.js';
import { clock, LANG, linkErrorText, localisePage, setTimeZone, t, wallZone } from './i18n.js';
import { renderLayouts } from './layouts-view.js';
import { renderWallCanvas } from './wall-canvas.js';
import { renderLiveLine } from './wall-preview.js';
import { PresetPanel } from './presets.js';
import { loadThumbnail, refreshAll, refreshLayout, refreshWalls } from './refresh.js';
import { newState, status, type State } from './state.js';
import { requestSwitch } from './switch-request.js';

const TOKEN_KEY = 'wallrun.console.token';
const WALLS_EVERY_MS = 5000;

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
    const me = await api.json<{ name: string; role: string; timezone?: string }>('GET', '/api');
    if (me.role !== 'operator' && me.role !== 'editor') {
      return showLogin(t(`Mã này thuộc vai trò "${me.role}", không phải trực ban (operator) hay trưởng ca (editor).`, `This token has the role "${me.role}", not operator or editor.`));
    }
    setTimeZone(me.timezone);
    sessionStorage.setItem(TOKEN_KEY, token);
    openConsole(api, me.name, me.role);
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin(e instanceof ApiError && e.status === 401 ? t('Mã truy cập không đúng.', 'Wrong access token.') : `${t('Không đăng nhập được', 'Could not log in')}: ${message(e)}`);
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

/** The logged-in page: panels, the /console socket and the walls' periodic re-read. */
function openConsole(api: Api, name: string, role: string): void {
  const s: State = newState(api, name);
  s.rereadWalls = () => refreshWalls(s);
  const presets = new PresetPanel(
    api,
    role === 'editor',
    status,
    async (send, name) => {
      const command = await requestSwitch(s, send, { name, say: status });
      if (command) s.current = command;
      renderLayouts(s);
      renderWallCanvas(s);
      return command;
    },
    {
      preview: (p) => {
        s.preview = p;
        s.previewChanged();
      },
      titles: (titles) => {
        s.presetTitles = titles;
        renderLiveLine(s);
        renderAutomation(s);
      },
    },
  );
  s.previewChanged = () => {
    renderLayouts(s);
    renderWallCanvas(s);
    byId('walls-section').scrollIntoView({ block: 'nearest' });
  };
  // The canvas follows the section's width; the pictures' age line ticks every second.
  new ResizeObserver(() => renderWallCanvas(s)).observe(byId('wall-canvas'));
  setInterval(() => renderLiveLine(s), 1000);
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !s.preview) return;
    s.preview = null; // Esc drops a preview, as "Huỷ xem trước" does
    s.previewChanged();
  });
  const audit = new AuditView(api, LANG, wallZone()); // the zone GET /api gave at login
  audit.init();
  const capMessages = new CapView(api, LANG, clock);
  capMessages.init();
  const replay = new ReplayView(s);
  replay.init();
  s.replayAt = (ms) => replay.openAt(ms);
  document.body.dataset.state = 'ready';
  document.body.dataset.role = role;
  byId('login').hidden = true;
  byId('app').hidden = false;
  byId('who').textContent = role === 'editor' ? `${name} (${t('trưởng ca', 'shift lead')})` : name;
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
    link.textContent = t('Đã kết nối', 'Connected');
    void refreshAll(s);
    void presets.refresh();
  });
  socket.on('disconnect', () => {
    link.dataset.link = 'offline';
    link.textContent = t('Mất kết nối — đang thử lại', 'Disconnected — retrying');
  });
  socket.on('connect_error', (err) => {
    link.dataset.link = 'offline';
    link.textContent = `${t('Mất kết nối', 'Disconnected')} (${linkErrorText(err.message)})`;
    // A standby names the hub leading the group now: the console moves there (sign in again).
    const leader = leaderConsoleUrl(err as Error & { data?: unknown });
    if (leader) {
      socket.close();
      link.textContent = t(`Hub này đang dự phòng: chuyển sang hub chính ${new URL(leader).host}…`, `This hub is a standby: moving to the leading hub ${new URL(leader).host}…`);
      location.assign(leader);
      return;
    }
    if (err.message === 'unauthorized' || err.message === 'forbidden') {
      socket.close();
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(t('Hub không chấp nhận mã truy cập này nữa.', 'The hub no longer accepts this access token.'));
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
  socket.on('automation:changed', () => void refreshAutomation(s));
  setInterval(() => void refreshWalls(s), WALLS_EVERY_MS);
  // The audit view, while open, follows what it records (extra listeners: the panels' own stay as they are).
  for (const event of ['alert', 'layout:changed', 'presets:changed'] as const) socket.on(event, () => audit.changed());
  socket.on('alert', () => capMessages.changed());
}

function boot(): void {
  localisePage();
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
