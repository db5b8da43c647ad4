/**
 * `GET /api/report?from=&to=[&lang=en][&format=json]` (operator, editor): the shift handover report
 * of a time range (docs/timeline.md "Shift handover report") as a printable HTML page, or its
 * content as JSON. A range reversed or reaching into the future is refused naming the field.
 */
import { checkReportQuery } from '../../core/protocol/rest-validate.js';
import type { Role } from '../../core/protocol/rest-bodies.js';
import { HttpError, query, sendJson, type Router } from '../http.js';
import { CLOCK_SKEW_MS, DAY_MS, queryTimeMs } from '../query-time.js';
import type { AlertService } from '../alerts.js';
import type { HubStore } from '../storage/store.js';
import { alertsTouched } from '../timeline/alerts-touched.js';
import { buildShiftReport } from './shift-report.js';
import { REPORT_STYLE_HASH, renderReportHtml } from './report-html.js';

/** Kinds the report reads within the shift (values and pictures are not)… */
const KINDS = ['alert', 'ack', 'switch', 'automation'] as const;
/** …and from this long before it: a camera down or a topic late since before the shift counts. */
const STATE_KINDS = ['camera', 'late'] as const;
const LOOKBACK_MS = 2 * DAY_MS;

export interface ReportDeps {
  router: Router;
  store: HubStore;
  alerts: AlertService;
  timezone: string;
  now: () => number;
  roles: readonly Role[];
}

export function addReportRoute(d: ReportDeps): void {
  d.router.add('GET', '/api/report', d.roles, async (ctx) => {
    const q = query(ctx, checkReportQuery);
    const now = d.now();
    const from = queryTimeMs(q.from);
    const to = queryTimeMs(q.to);
    const errors: string[] = [];
    if (!Number.isFinite(from)) errors.push('from: is not a date');
    if (!Number.isFinite(to)) errors.push('to: is not a date');
    if (!errors.length && to < from) errors.push('to: is before from');
    if (!errors.length && to > now + CLOCK_SKEW_MS) errors.push('to: is in the future (hub time): a report covers a shift that has ended, or ends now');
    if (errors.length) throw new HttpError(400, 'invalid', 'the query does not match the API', errors);
    const events = [
      ...(await d.store.timeline.list({ from: from - LOOKBACK_MS, to, kinds: STATE_KINDS, limit: 100_000 })),
      ...(await d.store.timeline.list({ from, to, kinds: KINDS, limit: 100_000 })),
    ].sort((a, b) => a.at - b.at || a.seq - b.seq);
    const alerts = await alertsTouched(d.store.alerts, d.alerts, from, events);
    const report = buildShiftReport({ from, to, madeAt: now, events, alerts });
    if (q.format === 'json') return sendJson(ctx.res, 200, report);
    const html = renderReportHtml(report, { lang: q.lang ?? 'vi', tz: d.timezone });
    ctx.res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src '${REPORT_STYLE_HASH}'`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    ctx.res.end(html);
  });
}
