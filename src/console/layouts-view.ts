/**
 * The console's layout panel: the current layout (and preset), the last switch's outcome, and one
 * button per layout of the project that switches the whole wall to it.
 */
import type { LayoutCommand } from '../core/protocol/layout-commands.js';
import { errorText as message } from './api.js';
import { byId, clock, h } from './dom.js';
import { status, type State } from './state.js';

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

export function renderLayouts(s: State): void {
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
