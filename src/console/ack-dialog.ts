/**
 * Acknowledging is a deliberate act (DESIGN.md, EEMUA 191): "Xác nhận" opens this modal dialog,
 * which names the alert (title, severity, area, time; for a repeat, how many unacknowledged alerts
 * it acknowledges) and takes an optional comment that the hub keeps in its audit trail. Nothing is
 * sent from here: the promise says what the operator decided (the comment, or null for Huỷ / Esc).
 */
import { LIMITS } from '../core/protocol/limits.js';
import { SEVERITY_TERMS, sectorName, severityName } from '../core/wall/vocabulary.js';
import type { AlertGroup } from './alert-groups.js';
import { h } from './dom.js';
import { LANG, clock, t } from './i18n.js';

/** As long as the hub's ack body allows (docs/protocol.md, `comment`). */
export const COMMENT_MAX = LIMITS.ackComment;

export interface AckDecision {
  /** The comment as typed, trimmed; '' when none. */
  comment: string;
}

let open: HTMLDialogElement | null = null;

/** Opens the dialog for `group` in `host`; resolves on confirm, null on cancel. One at a time. */
export function confirmAck(host: HTMLElement, group: AlertGroup): Promise<AckDecision | null> {
  open?.close('cancel');
  const alert = group.newest;
  const term = SEVERITY_TERMS[alert.severity];
  const comment = h('textarea', { id: 'ack-comment', name: 'comment', maxlength: COMMENT_MAX, rows: 3 });
  const confirm = h('button', { type: 'submit', value: 'confirm', class: 'primary', id: 'ack-confirm' }, t('Xác nhận cảnh báo', 'Acknowledge alert'));
  const cancel = h('button', { type: 'button', id: 'ack-cancel' }, t('Huỷ', 'Cancel'));
  const times =
    group.members.length > 1
      ? t(`mới nhất ${clock(alert.raisedAt)} · lần đầu ${clock(group.firstAt)}`, `latest ${clock(alert.raisedAt)} · first ${clock(group.firstAt)}`)
      : clock(alert.raisedAt);
  const fact = (name: string, value: Node | string): HTMLElement[] => [h('dt', {}, name), h('dd', {}, value)];
  const dialog = h(
    'dialog',
    { id: 'ack-dialog', 'aria-labelledby': 'ack-dialog-title', 'data-alert-id': alert.id, 'data-count': group.active.length },
    h(
      'form',
      { method: 'dialog' },
      h('h3', { id: 'ack-dialog-title' }, t('Xác nhận cảnh báo này?', 'Acknowledge this alert?')),
      h(
        'dl',
        {},
        ...fact(t('Cảnh báo', 'Alert'), h('strong', { class: 'ack-title' }, alert.title)),
        ...fact(
          t('Mức độ', 'Severity'),
          h('span', { class: `sev sev-${term?.colorToken ?? alert.severity}` }, h('span', { class: 'sev-shape', 'aria-hidden': 'true' }, term?.glyph ?? ''), severityName(alert.severity, LANG)),
        ),
        ...fact(t('Khu vực', 'Area'), `${alert.area} · ${sectorName(alert.sector, LANG)}`),
        ...fact(t('Thời điểm', 'Time'), times),
      ),
      group.members.length > 1
        ? h('p', { class: 'ack-count' }, t(`Sẽ xác nhận ${group.active.length} cảnh báo chưa xác nhận của nhóm ${group.members.length} lần lặp lại này.`, `This acknowledges ${group.active.length} unacknowledged alerts of this group of ${group.members.length} repeats.`))
        : null,
      h('label', { for: 'ack-comment' }, t(`Ghi chú (không bắt buộc, tối đa ${COMMENT_MAX} ký tự)`, `Comment (optional, at most ${COMMENT_MAX} characters)`)),
      comment,
      h('div', { class: 'actions' }, confirm, cancel),
    ),
  );
  open = dialog;
  host.append(dialog);
  return new Promise((resolve) => {
    cancel.addEventListener('click', () => dialog.close('cancel'));
    // Esc fires `cancel` and closes with the previous returnValue: make it say so.
    dialog.addEventListener('cancel', () => (dialog.returnValue = 'cancel'));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (open === dialog) open = null;
      resolve(dialog.returnValue === 'confirm' ? { comment: comment.value.trim() } : null);
    });
    dialog.showModal();
    comment.focus();
  });
}
