/**
 * The shift handover report as one self-contained HTML page (no script, no outside resource; its
 * one style block allowed by hash in the CSP the route sends), printable to A4 by the system
 * Chromium (`wallrun report`). Vietnamese by default, English with `lang: 'en'`; times in the
 * wall's zone; every text from the hub escaped as text.
 */
import { createHash } from 'node:crypto';
import type { Alert } from '../../core/protocol/alerts.js';
import { formatDate, formatNumber, formatTime } from '../../core/wall/format.js';
import { sectorName, severityName, type Lang } from '../../core/wall/vocabulary.js';
import type { ShiftReport } from './shift-report.js';

const STYLE = `
body { font-family: 'Be Vietnam Pro', 'DejaVu Sans', sans-serif; color: #111; margin: 24px; font-size: 12pt; }
h1 { font-size: 20pt; margin: 0 0 4px; } h2 { font-size: 14pt; margin: 20px 0 6px; border-bottom: 1px solid #999; }
p.range { margin: 0 0 12px; color: #333; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td:first-child { white-space: nowrap; }
p.none { color: #555; font-style: italic; }
@page { size: A4; margin: 14mm; }
`;

/** The style block's CSP hash, for the route's `style-src`. */
export const REPORT_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

const T = {
  vi: {
    title: 'Báo cáo giao ca', range: (a: string, b: string, tz: string) => `Ca từ ${a} đến ${b} (giờ ${tz})`, made: 'lập lúc',
    summary: 'Tóm tắt', raised: 'Cảnh báo phát sinh', acked: 'Đã xác nhận', cleared: 'Đã kết thúc', open: 'Còn mở cuối ca',
    ackTime: 'Thời gian đến khi xác nhận', p50: 'trung vị', p90: 'p90', switches: 'Chuyển bố cục', takeovers: 'Tiếp quản tự động',
    outages: 'Camera mất tín hiệu', late: 'Dữ liệu trễ hạn', bySector: 'Theo lĩnh vực', sector: 'Lĩnh vực',
    openList: 'Cảnh báo còn mở cuối ca', ackList: 'Xác nhận trong ca', raisedList: 'Cảnh báo phát sinh trong ca',
    time: 'Thời điểm', alert: 'Cảnh báo', severity: 'Mức độ', area: 'Khu vực', by: 'Người xác nhận', after: 'Sau',
    layout: 'Bố cục', who: 'Người/quy tắc', outcome: 'Kết quả', camera: 'Camera', state: 'Trạng thái', from: 'Từ', to: 'Đến',
    topic: 'Chủ đề dữ liệu', since: 'Trễ từ', arrived: 'Có dữ liệu lúc', none: 'Không có.', stillDown: 'chưa phục hồi', notYet: 'chưa có',
    switched: 'đã chuyển', failed: 'không thành công', minutes: 'phút', ackP50: 'Trung vị xác nhận',
  },
  en: {
    title: 'Shift handover report', range: (a: string, b: string, tz: string) => `Shift from ${a} to ${b} (${tz} time)`, made: 'made at',
    summary: 'Summary', raised: 'Alerts raised', acked: 'Acknowledged', cleared: 'Cleared', open: 'Still open at the end',
    ackTime: 'Time to acknowledge', p50: 'median', p90: 'p90', switches: 'Layout switches', takeovers: 'Automatic takeovers',
    outages: 'Camera outages', late: 'Late data', bySector: 'By sector', sector: 'Sector',
    openList: 'Alerts still open at the end', ackList: 'Acknowledgements in the shift', raisedList: 'Alerts raised in the shift',
    time: 'Time', alert: 'Alert', severity: 'Severity', area: 'Area', by: 'Acknowledged by', after: 'After',
    layout: 'Layout', who: 'Who/rule', outcome: 'Outcome', camera: 'Camera', state: 'State', from: 'From', to: 'To',
    topic: 'Data topic', since: 'Late since', arrived: 'Data at', none: 'None.', stillDown: 'not back yet', notYet: 'not yet',
    switched: 'switched', failed: 'failed', minutes: 'min', ackP50: 'Median to acknowledge',
  },
} as const;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderReportHtml(r: ShiftReport, o: { lang: Lang; tz: string }): string {
  const t = T[o.lang];
  const when = (ms: number): string => `${formatDate(ms, o.tz)} ${formatTime(ms, o.tz)}`;
  const mins = (ms: number | null): string => (ms === null ? '–' : `${formatNumber(ms / 60_000, 1, o.lang)} ${t.minutes}`);
  const table = (head: string[], rows: string[][], numeric: number[] = []): string =>
    rows.length === 0
      ? `<p class="none">${t.none}</p>`
      : `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
          .map((row) => `<tr>${row.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
          .join('')}</table>`;
  const alertRow = (a: Alert): string[] => [when(a.raisedAt), a.title, severityName(a.severity, o.lang), sectorName(a.sector, o.lang), a.area];
  const summary: string[][] = [
    [t.raised, String(r.raised.length)],
    [t.acked, String(r.acks.length)],
    [t.ackTime, `${t.p50} ${mins(r.ackP50Ms)} · ${t.p90} ${mins(r.ackP90Ms)}`],
    [t.cleared, String(r.cleared)],
    [t.open, String(r.stillOpen.length)],
    [t.switches, String(r.switches.length)],
    [t.takeovers, String(r.takeovers.filter((x) => x.what === 'takeover').length)],
    [t.outages, String(r.cameraOutages.length)],
    [t.late, String(r.late.length)],
  ];
  return `<!doctype html>
<html lang="${o.lang}"><head><meta charset="utf-8"><title>${esc(`${t.title} ${when(r.from)} – ${when(r.to)}`)}</title><style>${STYLE}</style></head>
<body>
<h1>${t.title}</h1>
<p class="range">${esc(t.range(when(r.from), when(r.to), o.tz))} · ${t.made} ${esc(when(r.madeAt))}</p>
<h2>${t.summary}</h2>${table(['', ''], summary, [1])}
<h2>${t.bySector}</h2>${table([t.sector, t.raised, t.acked, t.ackP50, t.open, t.late], r.sectors.map((s) => [sectorName(s.sector, o.lang), String(s.raised), String(s.acknowledged), mins(s.ackP50Ms), String(s.open), String(s.late)]), [1, 2, 3, 4, 5])}
<h2>${t.openList}</h2>${table([t.time, t.alert, t.severity, t.sector, t.area], r.stillOpen.map(alertRow))}
<h2>${t.ackList}</h2>${table([t.time, t.alert, t.by, t.after], r.acks.map((a) => [when(a.at), a.alert.title, a.by, mins(a.afterMs)]), [3])}
<h2>${t.raisedList}</h2>${table([t.time, t.alert, t.severity, t.sector, t.area], r.raised.map(alertRow))}
<h2>${t.switches} · ${t.takeovers}</h2>${table(
    [t.time, t.layout, t.who, t.outcome],
    [...r.switches.map((s) => ({ at: s.at, row: [when(s.at), s.layout, s.by ?? '', s.outcome === 'switched' ? t.switched : t.failed] })), ...r.takeovers.map((x) => ({ at: x.at, row: [when(x.at), x.subject, x.by ?? '', x.what] }))]
      .sort((a, b) => a.at - b.at)
      .map((x) => x.row),
  )}
<h2>${t.outages}</h2>${table([t.camera, t.state, t.from, t.to], r.cameraOutages.map((c) => [c.camera, c.state, when(c.from), c.to === null ? t.stillDown : when(c.to)]))}
<h2>${t.late}</h2>${table([t.topic, t.sector, t.since, t.arrived], r.late.map((l) => [l.topic, sectorName(l.sector, o.lang), when(l.lateSince), l.arrivedAt === null ? t.notYet : when(l.arrivedAt)]))}
</body></html>
`;
}
