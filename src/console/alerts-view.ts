/**
 * The console's alert list: open alerts, most severe first, each with a button that acknowledges
 * it (as the operator logged in). Severities (word, colour and shape), states and sectors are the
 * wall's words: core/wall/vocabulary.ts, the one table of them.
 */
import type { Alert } from '../core/protocol/alerts.js';
import { SEVERITY_TERMS, alertStateName, capitalise, sectorName, severityName, severityRank } from '../core/wall/vocabulary.js';
import { errorText as message } from './api.js';
import { byId, h } from './dom.js';
import { LANG, clock, t } from './i18n.js';
import { status, type State } from './state.js';

async function acknowledge(s: State, alert: Alert, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const r = await s.api.json<{ ok: true; alert: Alert }>('POST', `/api/alerts/${encodeURIComponent(alert.id)}/ack`, {});
    s.alerts.set(r.alert.id, r.alert);
    status(`${capitalise(alertStateName('acknowledged', LANG))}: ${r.alert.title}`);
  } catch (e) {
    status(`${t('Không xác nhận được', 'Could not acknowledge')}: ${message(e)}`);
  } finally {
    renderAlerts(s);
  }
}

export function renderAlerts(s: State): void {
  const alerts = [...s.alerts.values()].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || b.raisedAt - a.raisedAt,
  );
  byId('alerts').replaceChildren(
    ...alerts.map((a) => {
      const button = a.state === 'active' ? h('button', { type: 'button', class: 'ack', 'data-ack': a.id }, t('Xác nhận', 'Acknowledge')) : null;
      button?.addEventListener('click', () => void acknowledge(s, a, button));
      return h(
        'li',
        { 'data-alert-id': a.id, 'data-state': a.state, 'data-severity': a.severity },
        h(
          'span',
          { class: `sev sev-${SEVERITY_TERMS[a.severity]?.colorToken ?? a.severity}`, 'data-shape': SEVERITY_TERMS[a.severity]?.shape ?? '' },
          h('span', { class: 'sev-shape', 'aria-hidden': 'true' }, SEVERITY_TERMS[a.severity]?.glyph ?? ''),
          h('span', { class: 'sev-name' }, severityName(a.severity, LANG)),
        ),
        h(
          'div',
          {},
          h('div', { class: 'alert-title' }, a.title),
          h(
            'div',
            { class: 'alert-meta' },
            `${a.area} · ${sectorName(a.sector, LANG)} · ${clock(a.raisedAt)} · ${alertStateName(a.state, LANG)}`,
            a.acknowledgedBy ? h('span', { class: 'acked-by' }, ` · ${a.acknowledgedBy} (${clock(a.ackedAt)})`) : null,
          ),
          a.message ? h('div', { class: 'alert-message' }, a.message) : null,
        ),
        button ?? h('span', {}, ''),
      );
    }),
  );
}
