/**
 * The console's alert list: open alerts, most severe first, each with a button that acknowledges
 * it (as the operator logged in). Severities and states are shown in Vietnamese.
 */
import type { Alert } from '../core/protocol/alerts.js';
import { errorText as message } from './api.js';
import { byId, clock, h } from './dom.js';
import { status, type State } from './state.js';

const SEVERITY_ORDER = ['critical', 'major', 'minor', 'warning', 'info'];
const SEVERITY_VI: Record<string, string> = { critical: 'Nghiêm trọng', major: 'Cao', minor: 'Trung bình', warning: 'Cảnh báo', info: 'Thông tin' };
const STATE_VI: Record<string, string> = { active: 'Chưa xác nhận', acknowledged: 'Đã xác nhận', cleared: 'Đã đóng' };

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

export function renderAlerts(s: State): void {
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
