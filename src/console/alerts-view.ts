/**
 * The console's alert list (docs/console.md "Alerts"): the open alerts filtered, searched and sorted
 * as the bar above asks (alert-toolbar.ts, rules in alert-filter.ts), repeats of one alarm as one
 * row with a count that expands to each of them (alert-groups.ts), and "Xác nhận" through a
 * confirmation dialog with an optional comment (ack-dialog.ts). Severities (word, colour and
 * shape), states and sectors are the wall's words: core/wall/vocabulary.ts. The criteria, the rows
 * opened and the focused control survive the re-render each live update makes.
 */
import type { Alert } from '../core/protocol/alerts.js';
import { SEVERITY_TERMS, alertStateName, capitalise, sectorName, severityName } from '../core/wall/vocabulary.js';
import { confirmAck } from './ack-dialog.js';
import { allAlerts, filterAlerts, sortGroups } from './alert-filter.js';
import { groupRepeats, type AlertGroup } from './alert-groups.js';
import { AlertToolbar } from './alert-toolbar.js';
import { errorText } from './api.js';
import { byId, h } from './dom.js';
import { LANG, clock, t } from './i18n.js';
import { status, type State } from './state.js';

const criteria = allAlerts();
/** Repeat keys whose members are listed. */
const expanded = new Set<string>();
/** Repeat keys with an acknowledgement on its way (their button stays disabled across re-renders). */
const pending = new Set<string>();
let toolbar: AlertToolbar | null = null;

async function acknowledge(s: State, group: AlertGroup): Promise<void> {
  const decision = await confirmAck(byId('alerts-section'), group);
  if (!decision) return refocus(group.key); // Huỷ or Esc: nothing was sent
  const title = group.newest.title;
  const body = decision.comment ? { comment: decision.comment } : {};
  const targets = group.active;
  pending.add(group.key);
  renderAlerts(s);
  const failures: string[] = [];
  const earlier: string[] = [];
  for (const alert of targets) {
    try {
      const r = await s.api.json<{ ok: true; duplicate: boolean; alert: Alert }>('POST', `/api/alerts/${encodeURIComponent(alert.id)}/ack`, body);
      // Resolved meanwhile: it leaves the list as the socket's `cleared` would make it.
      if (r.alert.state === 'cleared') s.alerts.delete(r.alert.id);
      else s.alerts.set(r.alert.id, r.alert);
      // Someone acknowledged it first: theirs is the record (and the comment typed here is not kept).
      if (r.duplicate && r.alert.acknowledgedBy) earlier.push(r.alert.acknowledgedBy);
    } catch (e) {
      failures.push(`"${alert.title}" (${alert.area}, ${clock(alert.raisedAt)}): ${errorText(e)}`);
    }
  }
  pending.delete(group.key);
  const done = targets.length - failures.length;
  const acked = capitalise(alertStateName('acknowledged', LANG));
  const count = targets.length > 1 ? ` (${done}/${targets.length})` : '';
  const failed = failures.length ? `${t('Không xác nhận được', 'Could not acknowledge')} ${failures.join('; ')}` : '';
  const first = earlier.length ? ` · ${t('đã được xác nhận trước bởi', 'already acknowledged by')} ${[...new Set(earlier)].join(', ')}` : '';
  status(done > 0 ? `${acked}: ${title}${count}${first}${failed ? ` · ${failed}` : ''}` : failed);
  renderAlerts(s);
  refocus(group.key);
}

/**
 * Keyboard focus after the dialog: the row's "Xác nhận" if it is still there (cancelled, or failed),
 * else the next unacknowledged row's (the usual next step); the dialog's own return of focus would
 * land on a button the re-render replaced.
 */
function refocus(key: string): void {
  const list = byId('alerts');
  const buttons = [...list.querySelectorAll<HTMLButtonElement>('button.ack:not(:disabled)')];
  (buttons.find((b) => b.dataset.focus === `ack ${key}`) ?? buttons[0])?.focus();
}

function severityBadge(alert: Alert): HTMLElement {
  const term = SEVERITY_TERMS[alert.severity];
  return h(
    'span',
    { class: `sev sev-${term?.colorToken ?? alert.severity}`, 'data-shape': term?.shape ?? '' },
    h('span', { class: 'sev-shape', 'aria-hidden': 'true' }, term?.glyph ?? ''),
    h('span', { class: 'sev-name' }, severityName(alert.severity, LANG)),
  );
}

const ackedBy = (a: Alert): HTMLElement | null => (a.acknowledgedBy ? h('span', { class: 'acked-by' }, ` · ${a.acknowledgedBy} (${clock(a.ackedAt)})`) : null);

/** The group's state: its members' when they agree, else how many are still unacknowledged. */
function groupState(g: AlertGroup): string {
  if (g.active.length === 0) return alertStateName('acknowledged', LANG);
  const word = alertStateName('active', LANG);
  return g.active.length === g.members.length ? word : `${word} (${g.active.length}/${g.members.length})`;
}

function memberList(g: AlertGroup, id: string): HTMLElement {
  return h(
    'ul',
    { class: 'members', id },
    ...g.members.map((m) =>
      h(
        'li',
        { 'data-member-id': m.id, 'data-state': m.state },
        h('span', { class: 'member-at' }, clock(m.raisedAt)),
        ` · ${alertStateName(m.state, LANG)}`,
        ackedBy(m),
        m.message ? h('span', { class: 'alert-message' }, ` · ${m.message}`) : null,
      ),
    ),
  );
}

function row(s: State, g: AlertGroup, index: number): HTMLLIElement {
  const a = g.newest;
  const repeats = g.members.length;
  const open = expanded.has(g.key);
  const membersId = `alert-members-${index}`;
  const ack = g.active.length
    ? h('button', { type: 'button', class: 'ack', 'data-ack': g.active[0]!.id, 'data-focus': `ack ${g.key}`, disabled: pending.has(g.key) }, t('Xác nhận', 'Acknowledge'))
    : null;
  ack?.addEventListener('click', () => void acknowledge(s, g));
  const more =
    repeats > 1
      ? h('button', { type: 'button', class: 'expand', 'aria-expanded': String(open), 'aria-controls': membersId, 'data-focus': `expand ${g.key}` }, open ? t('Thu gọn', 'Hide') : t('Từng lần', 'Each one'))
      : null;
  // The raise time opens the replay at the (first) raise: the wall and the events of that moment.
  const replay = h('button', { type: 'button', class: 'replay-link', 'data-replay': a.id, title: t('Xem lại tường lúc này', 'Replay the wall at this moment') }, clock(a.raisedAt));
  replay.addEventListener('click', () => s.replayAt(g.firstAt));
  more?.addEventListener('click', () => {
    if (expanded.has(g.key)) expanded.delete(g.key);
    else expanded.add(g.key);
    renderAlerts(s);
  });
  return h(
    'li',
    { 'data-alert-id': a.id, 'data-state': g.active.length ? 'active' : 'acknowledged', 'data-severity': a.severity, 'data-count': repeats },
    severityBadge(a),
    h(
      'div',
      {},
      h('div', { class: 'alert-title' }, h('span', {}, a.title), repeats > 1 ? h('span', { class: 'repeat-count' }, `× ${repeats}`) : null),
      h(
        'div',
        { class: 'alert-meta' },
        `${a.area} · ${sectorName(a.sector, LANG)} · `,
        replay,
        ` · ${groupState(g)}`,
        repeats > 1 ? h('span', { class: 'first-at' }, ` · ${t('lần đầu', 'first')} ${clock(g.firstAt)}`) : null,
        g.active.length === 0 ? ackedBy(a) : null,
      ),
      a.message ? h('div', { class: 'alert-message' }, a.message) : null,
      open ? memberList(g, membersId) : null,
    ),
    h('div', { class: 'actions' }, more, ack),
  );
}

export function renderAlerts(s: State): void {
  if (!toolbar) {
    toolbar = new AlertToolbar(criteria, () => renderAlerts(s));
    byId('alerts-toolbar').replaceChildren(toolbar.element);
  }
  const open = [...s.alerts.values()].filter((a) => a.state !== 'cleared');
  const shown = filterAlerts(open, criteria);
  const groups = sortGroups(groupRepeats(shown), criteria.sort);
  toolbar.update(open, shown.length);
  const list = byId('alerts');
  const focus = list.contains(document.activeElement) ? document.activeElement?.getAttribute('data-focus') : null;
  list.replaceChildren(...groups.map((g, i) => row(s, g, i)));
  if (focus) [...list.querySelectorAll<HTMLElement>('[data-focus]')].find((el) => el.dataset.focus === focus)?.focus();
  const empty = byId('alerts-empty');
  empty.hidden = groups.length > 0;
  empty.textContent = open.length === 0 ? t('Không có cảnh báo', 'No alerts') : t('Không có cảnh báo nào khớp bộ lọc.', 'No alert matches the filter.');
}
