/**
 * The "Tự động" panel's words (docs/console.md "Automation"): GET /api/schedule said as sentences,
 * times in the wall's zone. Pure (no DOM), so every sentence is tested in both languages against
 * a stand-in answer; automation-view.ts draws them and wires the buttons.
 */
import type { ScheduleAnswer, SwitchTarget } from '../core/protocol/automation.js';
import { formatDayMonth, formatTime, zoneParts } from '../core/wall/format.js';
import { alertStateName, automationSourceName, severityName, SEVERITY_TERMS, type Lang } from '../core/wall/vocabulary.js';

/** How the page names a layout or preset (their titles in its language). */
export interface TargetNames {
  layout(id: string): string;
  preset(id: string): string;
}

export interface PromptLine {
  id: string;
  severity: string;
  text: string;
}

/** What the panel shows, each part a sentence (or a list of them). */
export interface AutomationLines {
  source: ScheduleAnswer['now']['source'];
  now: string;
  hold: string | null;
  takeovers: string[];
  prompts: PromptLine[];
  rotation: string | null;
  next: string[];
  queue: string[];
  problems: string[];
}

/** Whether the hub has anything automatic to show; without it the panel stays hidden. */
export function hasAutomation(a: ScheduleAnswer): boolean {
  return (
    a.now.source !== 'none' && a.now.source !== 'hold'
    || a.next.length > 0
    || a.rotation !== null
    || a.takeovers.length > 0
    || a.prompts.length > 0
    || a.queue.length > 0
    || a.problems.length > 0
  );
}

const pick = (lang: Lang, vi: string, en: string): string => (lang === 'en' ? en : vi);

export function targetText(target: SwitchTarget | null, names: TargetNames): string {
  if (!target) return '—';
  return 'layout' in target ? names.layout(target.layout) : names.preset(target.preset);
}

/** "17:20", with the date ("08/12 17:20") when it is not the hub's today in the wall's zone. */
export function wallTime(ms: number, today: number, tz: string): string {
  const a = zoneParts(ms, tz);
  const b = zoneParts(today, tz);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  return sameDay ? formatTime(ms, tz) : `${formatDayMonth(ms, tz)} ${formatTime(ms, tz)}`;
}

function nowText(a: ScheduleAnswer, names: TargetNames, lang: Lang, time: (ms: number) => string): string {
  const { source, target, reason, since } = a.now;
  if (source === 'none') return pick(lang, 'Không có gì tự động: tường giữ bố cục đang hiện', 'Nothing automatic: the wall keeps what it shows');
  const why: Record<Exclude<typeof source, 'none'>, string> = {
    takeover: pick(lang, `quy tắc "${reason}"`, `rule "${reason}"`),
    hold: pick(lang, `${reason} chuyển tay`, `${reason} switched by hand`),
    schedule: pick(lang, `mục lịch "${reason}"`, `entry "${reason}"`),
    rotation: a.rotation ? pick(lang, `"${reason}", mục ${a.rotation.item + 1}`, `"${reason}", item ${a.rotation.item + 1}`) : `"${reason}"`,
  };
  const from = since === null ? '' : pick(lang, `, từ ${time(since)}`, `, since ${time(since)}`);
  return `${automationSourceName(source, lang)}: ${targetText(target, names)} (${why[source]}${from})`;
}

function holdText(a: ScheduleAnswer, names: TargetNames, lang: Lang, time: (ms: number) => string): string | null {
  const h = a.hold;
  if (!h) return null;
  const until = h.until === null ? pick(lang, 'cho đến khi thôi giữ', 'until released') : pick(lang, `đến ${time(h.until)}`, `until ${time(h.until)}`);
  return pick(
    lang,
    `Giữ ${targetText(h.target, names)} (${h.by} chuyển tay lúc ${time(h.since)}) ${until}; lịch và luân phiên chờ`,
    `Holding ${targetText(h.target, names)} (${h.by} switched at ${time(h.since)}) ${until}; schedule and rotation wait`,
  );
}

export function automationLines(a: ScheduleAnswer, names: TargetNames, lang: Lang): AutomationLines {
  const time = (ms: number): string => wallTime(ms, a.hubTime, a.timezone);
  const takeovers = a.takeovers.map((k) => {
    const back = alertStateName(k.returnOn === 'ack' ? 'acknowledged' : 'cleared', lang);
    const count = (k.alerts?.length ?? 1) > 1 ? pick(lang, ` (${k.alerts!.length} cảnh báo)`, ` (${k.alerts!.length} alerts)`) : '';
    const waiting = k.switched === false ? pick(lang, '; chờ giới hạn tần suất chuyển', '; waiting for the switch rate limit') : '';
    return pick(
      lang,
      `Quy tắc "${k.rule}": ${targetText(k.target, names)} từ ${time(k.since)}${count}, trở lại khi cảnh báo ${back}${waiting}`,
      `Rule "${k.rule}": ${targetText(k.target, names)} since ${time(k.since)}${count}, returns when the alert is ${back}${waiting}`,
    );
  });
  const prompts = a.prompts.map((p): PromptLine => {
    const glyph = (SEVERITY_TERMS as Record<string, { glyph: string } | undefined>)[p.severity]?.glyph ?? '';
    const head = `${glyph} ${severityName(p.severity, lang)}: ${p.title}`.trim();
    const text = pick(
      lang,
      `${head} — đề xuất chuyển sang ${targetText(p.target, names)} (quy tắc "${p.rule}"); không ai xác nhận thì bỏ lúc ${time(p.expiresAt)}`,
      `${head} — suggests switching to ${targetText(p.target, names)} (rule "${p.rule}"); dropped at ${time(p.expiresAt)} unless confirmed`,
    );
    return { id: p.id, severity: p.severity, text };
  });
  const r = a.rotation;
  return {
    source: a.now.source,
    now: nowText(a, names, lang, time),
    hold: holdText(a, names, lang, time),
    takeovers,
    prompts,
    rotation: r ? pick(lang, `Mục ${r.item + 1}: ${targetText(r.target, names)}, đến ${time(r.nextAt)}`, `Item ${r.item + 1}: ${targetText(r.target, names)}, until ${time(r.nextAt)}`) : null,
    next: a.next.map((n) => `${formatDayMonth(n.at, a.timezone)} ${formatTime(n.at, a.timezone)} — ${targetText(n.target, names)} (${n.entry})`),
    queue: a.queue.map((q) => pick(
      lang,
      `${targetText(q.target, names)} — ${automationSourceName(q.source, lang)}, ${q.reason}, chờ từ ${time(q.queuedAt)}`,
      `${targetText(q.target, names)} — ${automationSourceName(q.source, lang)}, ${q.reason}, waiting since ${time(q.queuedAt)}`,
    )),
    problems: [...a.problems],
  };
}
