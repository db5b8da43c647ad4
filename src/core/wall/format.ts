/**
 * Numbers, times and dates as the wall writes them (docs/formats.md "Numbers and dates"): through
 * Intl, in the wall's language and time zone. Vietnamese writes a decimal comma and a thousands
 * dot ("1.305 hộ", "1,12 m"), dates day first (07/12), a 24-hour clock. Dates are assembled from
 * Intl's parts, not its pattern, so the separators are the same in every ICU build (Node writes
 * vi-VN dates "07-12", Chromium "07/12"). Every widget formats through here.
 */
import type { Lang } from './vocabulary.js';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, f);
  }
  return f;
}

/** "1.305,5" (vi) / "1,305.5" (en) with exactly `decimals` decimals (0–6); "–" for no number. */
export function formatNumber(v: number, decimals: number, lang: Lang): string {
  if (!Number.isFinite(v)) return '–';
  const d = Math.max(0, Math.min(6, Math.round(decimals)));
  // -0 after rounding would read "-0".
  const s = numberFormat(lang, d).format(v);
  return /^-0([.,]0*)?$/.test(s) ? s.slice(1) : s;
}

/** A number with its unit: "12,5 mm", "87%" ("%" is written closed up, as the layouts do). */
export function formatValue(v: number, decimals: number, unit: string | undefined, lang: Lang): string {
  const s = formatNumber(v, decimals, lang);
  if (!unit || s === '–') return s;
  return unit === '%' ? `${s}%` : `${s} ${unit}`;
}

const looseFormats: Partial<Record<Lang, Intl.NumberFormat>> = {};

/**
 * Formats a value of unknown type (a `text` tile's topic): a number in the wall's conventions with
 * the decimals it has, at most 3 ("1,12", "12.000"; 0.1 + 0.2 reads "0,3"), anything else as text.
 */
export function formatAny(v: unknown, lang: Lang): string {
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return '–';
  const f = (looseFormats[lang] ??= new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 3 }));
  return f.format(v);
}

interface ZoneParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar fields of `ms` in zone `tz`. */
export function zoneParts(ms: number, tz: string): ZoneParts {
  let f = partFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partFormats.set(tz, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** How far zone `tz` is ahead of UTC at `ms`, in ms (+7 h for Asia/Ho_Chi_Minh). */
export function zoneOffsetMs(ms: number, tz: string): number {
  const p = zoneParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "14:05" (24-hour) in the wall's zone; with seconds "14:05:09". Same in both languages. */
export function formatTime(ms: number, tz: string, opts: { seconds?: boolean } = {}): string {
  const p = zoneParts(ms, tz);
  return opts.seconds ? `${two(p.hour)}:${two(p.minute)}:${two(p.second)}` : `${two(p.hour)}:${two(p.minute)}`;
}

/** "07/12" (day first in both languages: the wall's readers are in Vietnam). */
export function formatDayMonth(ms: number, tz: string): string {
  const p = zoneParts(ms, tz);
  return `${two(p.day)}/${two(p.month)}`;
}

/** "07/12/2026". */
export function formatDate(ms: number, tz: string): string {
  const p = zoneParts(ms, tz);
  return `${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** "Thứ Hai, 07/12/2026" / "Monday, 07/12/2026": the clock's date line. */
export function formatLongDate(ms: number, tz: string, lang: Lang): string {
  const weekday = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: tz, weekday: 'long' }).format(ms);
  return `${lang === 'vi' ? weekday.charAt(0).toLocaleUpperCase('vi') + weekday.slice(1) : weekday}, ${formatDate(ms, tz)}`;
}

/** "12/2026" (vi) / "Dec 2026" (en). */
export function formatMonth(ms: number, tz: string, lang: Lang): string {
  const p = zoneParts(ms, tz);
  if (lang === 'vi') return `${two(p.month)}/${p.year}`;
  return new Intl.DateTimeFormat(LOCALE.en, { timeZone: tz, month: 'short', year: 'numeric' }).format(ms);
}

/** "14:05" today, "14:05 06/12" on another day (an alert raised yesterday must not read as today's). */
export function formatMoment(ms: number, nowMs: number, tz: string): string {
  const a = zoneParts(ms, tz);
  const b = zoneParts(nowMs, tz);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  return sameDay ? formatTime(ms, tz) : `${formatTime(ms, tz)} ${formatDayMonth(ms, tz)}`;
}

/** "3 phút trước" / "3 min ago"; "chưa có dữ liệu" / "no data yet" for null. */
export function formatAge(ageMs: number | null, lang: Lang): string {
  if (ageMs === null) return lang === 'vi' ? 'chưa có dữ liệu' : 'no data yet';
  const s = Math.max(0, Math.floor(ageMs / 1000));
  const units: [number, string, string][] = [
    [86400, 'ngày', 'd'],
    [3600, 'giờ', 'h'],
    [60, 'phút', 'min'],
    [1, 'giây', 's'],
  ];
  for (const [size, vi, en] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return lang === 'vi' ? `${n} ${vi} trước` : `${n} ${en} ago`;
    }
  }
  return lang === 'vi' ? 'vừa xong' : 'just now';
}
