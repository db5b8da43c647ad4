/**
 * What the console says about a layout switch (issue 13, "switches that tell the truth"): preparing,
 * done on N of M windows, or failed with the reason in the page's language. M counts every window
 * the hub knows, connected or not: a switch that a disconnected window never received is done on
 * N of M, never "done". Only what the windows reported (`layout:switched`) counts as switched.
 * Pure: the record and wall list in, words out (layouts-view.ts draws them).
 */
import type { SwitchRecord, SwitchWindow, WallInfo } from '../core/protocol/walls.js';
import type { Lang } from '../core/wall/vocabulary.js';

export type SwitchPhase = 'preparing' | 'partial' | 'done' | 'failed';

export interface SwitchReport {
  phase: SwitchPhase;
  /** Windows that reported the new layout on screen, of every window the hub knows. */
  done: number;
  total: number;
  /** One sentence per point: the headline first, then each window not switched and why. */
  lines: string[];
}

type Words = { vi: string; en: string };
const say = (lang: Lang, w: Words): string => w[lang];
const key = (w: { node: string; window: string }): string => `${w.node}/${w.window}`;

/** A window's own refusal (src/renderer/scene/scene-manager.ts prepare), by its leading words. */
const WINDOW_ERRORS: readonly [RegExp, Words][] = [
  [/^switch-busy\b/, { vi: 'cửa sổ đang bận một lần chuyển khác', en: 'the window was busy with another switch' }],
  [/^cannot build layout\b/, { vi: 'cửa sổ không dựng được bố cục này', en: 'the window cannot build this layout' }],
  [/^aborted while preparing\b/, { vi: 'đã huỷ khi đang chuẩn bị', en: 'aborted while preparing' }],
];

/** The hub's own reasons for an abort without a failing window (src/hub/switch-coordinator.ts). */
const HUB_REASONS: readonly [RegExp, Words][] = [
  [/^the hub is shutting down/, { vi: 'hub đang tắt', en: 'the hub is shutting down' }],
  [/^the hub restarted while/, { vi: 'hub khởi động lại khi đang chuẩn bị', en: 'the hub restarted while preparing' }],
];

/** Why one window did not prepare, in the page's language; the window's own words follow as detail. */
export function windowFailure(w: Pick<SwitchWindow, 'prepare' | 'error'>, lang: Lang): string {
  if (w.prepare === 'disconnected') return say(lang, { vi: 'mất kết nối khi đang chuẩn bị', en: 'disconnected while preparing' });
  if (w.prepare === 'timeout') {
    const ms = /(\d+) ms/.exec(w.error ?? '')?.[1];
    const s = ms ? Math.round(Number(ms) / 1000) : null;
    return s !== null ? say(lang, { vi: `không trả lời trong ${s} giây`, en: `no answer within ${s} s` }) : say(lang, { vi: 'không trả lời kịp', en: 'no answer in time' });
  }
  const error = w.error ?? '';
  const known = WINDOW_ERRORS.find(([re]) => re.test(error));
  if (known) return say(lang, known[1]);
  return error ? say(lang, { vi: `cửa sổ báo lỗi (${error})`, en: `the window reported an error (${error})` }) : say(lang, { vi: 'không chuẩn bị được', en: 'could not prepare' });
}

/** A hub reason with no failing window behind it, translated where known. */
export function hubReason(reason: string | undefined, lang: Lang): string {
  const known = HUB_REASONS.find(([re]) => re.test(reason ?? ''));
  if (known) return say(lang, known[1]);
  return reason ?? say(lang, { vi: 'không rõ lý do', en: 'no reason given' });
}

/** True when every window that refused was only busy (a retry once the other switch ends can work). */
export function onlyBusy(record: SwitchRecord): boolean {
  const failed = record.windows.filter((w) => w.prepare === 'failed' || w.prepare === 'timeout' || w.prepare === 'disconnected');
  return failed.length > 0 && failed.every((w) => w.prepare === 'failed' && /^switch-busy\b/.test(w.error ?? ''));
}

/**
 * The report of `record` against the hub's wall list: M is every window either knows (a window the
 * hub remembers but is disconnected counts, as it shows the old layout or nothing).
 */
export function switchReport(record: SwitchRecord, walls: readonly WallInfo[], lang: Lang): SwitchReport {
  const inRecord = new Map(record.windows.map((w) => [key(w), w]));
  const all = new Map<string, { node: string; window: string; connected: boolean; shows: string | null }>();
  for (const w of walls) all.set(key(w), { node: w.node, window: w.window, connected: w.connected, shows: w.health?.layout ?? null });
  for (const w of record.windows) if (!all.has(key(w))) all.set(key(w), { node: w.node, window: w.window, connected: false, shows: null });
  const total = all.size;
  // A window that connected after the commit got the layout in its snapshot: it counts once its health report shows it.
  const lateShowing = (k: string, w: { connected: boolean; shows: string | null }): boolean => !inRecord.has(k) && w.connected && w.shows === record.layout;
  const done = record.windows.filter((w) => w.switchedAt !== undefined).length + [...all].filter(([k, w]) => lateShowing(k, w)).length;

  if (record.state === 'preparing') {
    const ready = record.windows.filter((w) => w.prepare === 'ok').length;
    const asked = record.windows.filter((w) => w.prepare !== 'one-phase').length;
    return { phase: 'preparing', done: 0, total, lines: [say(lang, { vi: `đang chuẩn bị: ${ready}/${asked} cửa sổ sẵn sàng`, en: `preparing: ${ready}/${asked} windows ready` })] };
  }
  if (record.state === 'aborted') {
    const failures = record.windows.filter((w) => w.prepare === 'failed' || w.prepare === 'timeout' || w.prepare === 'disconnected');
    const lines = [say(lang, { vi: 'không chuyển được, tường giữ bố cục cũ', en: 'not switched; the wall keeps the previous layout' })];
    if (failures.length === 0) lines.push(hubReason(record.reason, lang));
    for (const w of failures) lines.push(`${key(w)}: ${windowFailure(w, lang)}`);
    return { phase: 'failed', done: 0, total, lines };
  }
  // Committed: switched only where a window reported it.
  const lines = [
    done === total && total > 0
      ? say(lang, { vi: `đã chuyển trên cả ${total}/${total} cửa sổ`, en: `switched on all ${total}/${total} windows` })
      : say(lang, { vi: `đã chuyển trên ${done}/${total} cửa sổ`, en: `switched on ${done}/${total} windows` }),
  ];
  for (const [k, w] of [...all].sort(([a], [b]) => a.localeCompare(b))) {
    if (inRecord.get(k)?.switchedAt !== undefined || lateShowing(k, w)) continue;
    if (!w.connected) lines.push(`${k}: ${say(lang, { vi: 'mất kết nối, chưa nhận lệnh', en: 'disconnected, has not received it' })}`);
    else if (!inRecord.has(k)) lines.push(`${k}: ${say(lang, { vi: 'kết nối sau lần chuyển, chưa báo đang hiện bố cục này', en: 'connected after the switch; has not reported showing this layout' })}`);
    else lines.push(`${k}: ${say(lang, { vi: 'chưa báo đã chuyển', en: 'has not reported the switch yet' })}`);
  }
  return { phase: done === total && total > 0 ? 'done' : 'partial', done, total, lines };
}
