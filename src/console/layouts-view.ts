/**
 * The console's layout panel: the current layout (and preset), the last switch's outcome, and one
 * button per layout of the project: a source that, chosen, is previewed on the wall canvas
 * (wall-preview.ts), whose "Áp dụng" switches the whole wall to it.
 */
import type { LayoutCommand } from '../core/protocol/layout-commands.js';
import { layoutName } from '../core/wall/vocabulary.js';
import { byId, h, replaceKeepingFocus } from './dom.js';
import { LANG, clock, t } from './i18n.js';
import { status, type State } from './state.js';
import { requestSwitch } from './switch-request.js';
import { switchReport } from './switch-report.js';

/** A layout as the wall names it: its title in the page's language, its id when the hub gave none. */
export function layoutTitle(s: State, id: string): string {
  const title = s.layoutTitles.get(id);
  return layoutName({ id, ...(title ? { title } : {}) }, LANG);
}

async function switchLayout(s: State, layout: string): Promise<void> {
  s.busy = layout;
  renderLayouts(s);
  try {
    const command = await requestSwitch(s, () => s.api.json<{ command: LayoutCommand }>('POST', '/api/layout', { layout }), {
      name: t(`bố cục ${layoutTitle(s, layout)}`, `layout ${layoutTitle(s, layout)}`),
      say: status,
    });
    if (command) s.current = command;
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
  const last = switchText(s);
  const line = byId('last-switch');
  line.textContent = last.text;
  Object.assign(line.dataset, { phase: last.phase, done: String(last.done), total: String(last.total) });
  const ids = s.layouts ?? (current ? [current] : []);
  replaceKeepingFocus(
    byId('layouts'),
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

/**
 * The last switch: the hub's two-phase record when it keeps one (switch-report.ts: done on N of M
 * windows, every window the hub knows counted), else what the windows reported for the command.
 */
function switchText(s: State): { text: string; phase: string; done: number; total: number } {
  const ls = s.lastSwitch;
  if (ls) {
    const report = switchReport(ls, s.walls, LANG);
    const parts = [t(`lần chuyển gần nhất: ${layoutTitle(s, ls.layout)} (${ls.by}, ${clock(ls.requestedAt)})`, `last switch: ${layoutTitle(s, ls.layout)} (${ls.by}, ${clock(ls.requestedAt)})`), ...report.lines];
    if (ls.skewMs !== null) parts.push(t(`lệch ${ls.skewMs} ms`, `skew ${ls.skewMs} ms`));
    return { text: `(${parts.join('; ')})`, phase: report.phase, done: report.done, total: report.total };
  }
  const cmd = s.current;
  if (!cmd) return { text: '', phase: '', done: 0, total: 0 };
  // One-phase hub: a window counts once it reported this command; every known window counts in M.
  const done = s.walls.filter((w) => w.lastSwitch?.commandId === cmd.commandId).map((w) => w.lastSwitch!.at);
  const total = s.walls.length;
  const skew = done.length >= 2 ? Math.max(...done) - Math.min(...done) : null;
  const skewText = skew !== null ? t(`, lệch ${skew} ms`, `, skew ${skew} ms`) : '';
  const phase = done.length === total && total > 0 ? 'done' : 'partial';
  return { text: `(${cmd.by}, ${clock(cmd.at)}; ${t(`đã chuyển trên ${done.length}/${total} cửa sổ`, `switched on ${done.length}/${total} windows`)}${skewText})`, phase, done: done.length, total };
}
