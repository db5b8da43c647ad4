/**
 * The console's layout panel: the current layout (and preset), the last switch's outcome, and one
 * button per layout of the project: a source that, chosen, is previewed on the wall canvas
 * (wall-preview.ts), whose "Áp dụng" switches the whole wall to it.
 */
import type { LayoutCommand } from '../core/protocol/layout-commands.js';
import { layoutName } from '../core/wall/vocabulary.js';
import { errorText as message } from './api.js';
import { byId, h } from './dom.js';
import { LANG, clock, t } from './i18n.js';
import { status, type State } from './state.js';

/** A layout as the wall names it: its title in the page's language, its id when the hub gave none. */
export function layoutTitle(s: State, id: string): string {
  const title = s.layoutTitles.get(id);
  return layoutName({ id, ...(title ? { title } : {}) }, LANG);
}

/** How the hub's switch states read (docs/protocol.md "5. Layout switch"). */
const SWITCH_STATES: Readonly<Record<string, { vi: string; en: string }>> = {
  preparing: { vi: 'đang chuẩn bị', en: 'preparing' },
  committed: { vi: 'các cửa sổ đã nhận lệnh chuyển', en: 'windows told to switch' },
  aborted: { vi: 'đã huỷ', en: 'aborted' },
};

async function switchLayout(s: State, layout: string): Promise<void> {
  const name = layoutTitle(s, layout);
  s.busy = layout;
  renderLayouts(s);
  status(t(`Đang chuyển sang bố cục ${name}…`, `Switching to layout ${name}…`));
  try {
    const r = await s.api.json<{ command: LayoutCommand }>('POST', '/api/layout', { layout });
    s.current = r.command;
    status(t(`Đã gửi lệnh chuyển sang bố cục ${name} (lúc ${clock(r.command.at)}).`, `Switch to layout ${name} sent (at ${clock(r.command.at)}).`));
  } catch (e) {
    status(`${t(`Không chuyển được sang bố cục ${name}`, `Could not switch to layout ${name}`)}: ${message(e)}`);
  } finally {
    s.busy = null;
    renderLayouts(s);
  }
}

/**
 * What the connected windows say they show (their last health reports), most shown first: the
 * wall's layout when the hub has sent none yet (windows start on the project's default layout).
 */
export function reportedLayouts(walls: readonly { connected: boolean; health?: { layout: string | null } | null }[]): { layout: string; windows: number }[] {
  const counts = new Map<string, number>();
  for (const w of walls) if (w.connected && w.health?.layout) counts.set(w.health.layout, (counts.get(w.health.layout) ?? 0) + 1);
  return [...counts].map(([layout, windows]) => ({ layout, windows })).sort((a, b) => b.windows - a.windows || a.layout.localeCompare(b.layout));
}

/** The current-layout line when the hub has no command: what the windows report, said as such. */
function reportedText(s: State): string {
  const reported = reportedLayouts(s.walls);
  if (reported.length === 0) return '—';
  if (reported.length === 1) return `${layoutTitle(s, reported[0]!.layout)} ${t('(theo các cửa sổ)', '(as the windows report)')}`;
  return reported.map((r) => `${layoutTitle(s, r.layout)} × ${r.windows}`).join(' · ') + ` ${t('(các cửa sổ đang hiện khác nhau)', '(the windows differ)')}`;
}

export function renderLayouts(s: State): void {
  const current = s.current?.layout ?? null;
  const preset = s.current?.preset;
  const presetText = preset ? t(` · kịch bản ${preset.id} (phiên bản ${preset.version})`, ` · preset ${preset.id} (version ${preset.version})`) : '';
  byId('current-layout').textContent = current ? `${layoutTitle(s, current)}${presetText}` : reportedText(s);
  byId('current-layout').dataset.layout = current ?? '';
  byId('last-switch').textContent = switchText(s);
  const ids = s.layouts ?? (current ? [current] : []);
  byId('layouts').replaceChildren(
    ...ids.map((id) => {
      const previewing = s.preview?.kind === 'layout' && s.preview.id === id;
      const b = h('button', { type: 'button', 'data-layout': id, 'aria-pressed': String(id === current), 'data-previewing': String(previewing), disabled: s.busy !== null }, layoutTitle(s, id));
      b.addEventListener('click', () => previewLayout(s, id));
      return b;
    }),
  );
}

/** Chooses a layout as the source: the wall canvas previews it; its "Áp dụng" runs the switch. */
function previewLayout(s: State, id: string): void {
  s.preview = { kind: 'layout', id, title: layoutTitle(s, id), layout: id, apply: () => void switchLayout(s, id) };
  s.previewChanged();
}

/** The last switch: the hub's two-phase record when it keeps one, else what the walls reported. */
function switchText(s: State): string {
  const ls = s.lastSwitch;
  if (ls) {
    const state = Object.hasOwn(SWITCH_STATES, ls.state) ? SWITCH_STATES[ls.state]![LANG] : ls.state;
    const parts = [t(`lần chuyển gần nhất: ${layoutTitle(s, ls.layout)}, ${state}`, `last switch: ${layoutTitle(s, ls.layout)}, ${state}`)];
    if (ls.skewMs !== null) parts.push(t(`lệch ${ls.skewMs} ms`, `skew ${ls.skewMs} ms`));
    // The reason and a window's error are the hub's and the window's own words: the detail, as given.
    if (ls.reason) parts.push(t(`lý do: ${ls.reason}`, `reason: ${ls.reason}`));
    for (const f of ls.failed ?? []) parts.push(t(`${f.node}/${f.window} không chuẩn bị được: ${f.error}`, `${f.node}/${f.window} could not prepare: ${f.error}`));
    return `(${parts.join('; ')})`;
  }
  const cmd = s.current;
  if (!cmd) return '';
  const done = s.walls.filter((w) => w.lastSwitch?.commandId === cmd.commandId).map((w) => w.lastSwitch!.at);
  const connected = s.walls.filter((w) => w.connected).length;
  const skew = done.length >= 2 ? Math.max(...done) - Math.min(...done) : null;
  const skewText = skew !== null ? t(`, lệch ${skew} ms`, `, skew ${skew} ms`) : '';
  return `(${cmd.by}, ${clock(cmd.at)}; ${t(`${done.length}/${connected} cửa sổ đã chuyển`, `${done.length}/${connected} windows switched`)}${skewText})`;
}
