/**
 * The "Tự động" panel (docs/console.md "Automation"): what runs the wall now and why, the
 * operator's hold with its end and "Thôi giữ", takeovers in force, takeover prompts with
 * "Xác nhận" / "Bỏ qua", the rotation, the next schedule entries and the switch queue, from
 * GET /api/schedule; re-read on the console event `automation:changed`. Hidden while the hub has
 * nothing automatic to show. The sentences are automation-text.ts's.
 */
import type { ScheduleAnswer } from '../core/protocol/automation.js';
import { errorText } from './api.js';
import { automationLines, hasAutomation, type TargetNames } from './automation-text.js';
import { byId, h, replaceKeepingFocus } from './dom.js';
import { LANG, t } from './i18n.js';
import { layoutTitle } from './layouts-view.js';
import { guarded, status, type State } from './state.js';

function names(s: State): TargetNames {
  return {
    layout: (id) => layoutTitle(s, id),
    preset: (id) => s.presetTitles.get(id) ?? t(`kịch bản ${id}`, `preset ${id}`),
  };
}

/** A list under a small heading; an empty list says "—" so the heading never dangles. */
function list(id: string, heading: string, items: readonly (string | HTMLElement)[]): HTMLElement[] {
  return [h('h3', {}, heading), h('ul', { id }, ...(items.length ? items.map((i) => (typeof i === 'string' ? h('li', {}, i) : i)) : [h('li', {}, '—')]))];
}

/** Runs an automation action (release, confirm, dismiss): its answer is the new ScheduleAnswer. */
async function act(s: State, path: string, done: string): Promise<void> {
  s.automationBusy = true;
  renderAutomation(s);
  try {
    s.schedule = await s.api.json<ScheduleAnswer>('POST', path);
    status(done);
  } catch (e) {
    status(`${t('Tự động', 'Automation')}: ${errorText(e)}`);
    await refreshAutomation(s); // a prompt gone meanwhile: show what is open now
  } finally {
    s.automationBusy = false;
    renderAutomation(s);
  }
}

export function renderAutomation(s: State): void {
  const section = byId('automation-section');
  const answer = s.schedule;
  section.hidden = !answer || !hasAutomation(answer);
  if (!answer || section.hidden) return;
  const lines = automationLines(answer, names(s), LANG);
  const disabled = s.automationBusy;
  let hold: HTMLElement | null = null;
  if (lines.hold) {
    const release = h('button', { type: 'button', id: 'hold-release', disabled }, t('Thôi giữ', 'Release'));
    release.addEventListener('click', () => void act(s, '/api/hold/release', t('Đã thôi giữ: lịch và luân phiên chạy lại.', 'Hold released: schedule and rotation resume.')));
    hold = h('div', { id: 'automation-hold' }, h('span', {}, lines.hold), ' ', release);
  }
  const prompts = answer.prompts.map((p, i) => {
    const line = lines.prompts[i]!;
    const button = (action: 'confirm' | 'dismiss', label: string, done: string): HTMLButtonElement => {
      const b = h('button', { type: 'button', 'data-action': action, disabled }, label);
      b.addEventListener('click', () => void act(s, `/api/prompts/${encodeURIComponent(p.id)}/${action}`, done));
      return b;
    };
    return h(
      'li',
      { 'data-prompt': p.id, class: `prompt sev-${p.severity}` },
      h('span', {}, line.text),
      h(
        'div',
        { class: 'actions' },
        button('confirm', t('Xác nhận', 'Confirm'), t('Đã xác nhận: tường đang chuyển.', 'Confirmed: the wall is switching.')),
        ' ',
        button('dismiss', t('Bỏ qua', 'Dismiss'), t('Đã bỏ qua đề xuất: không chuyển.', 'Suggestion dismissed: nothing switches.')),
      ),
    );
  });
  replaceKeepingFocus(
    byId('automation'),
    h('p', { id: 'automation-now', 'data-source': lines.source }, lines.now),
    hold,
    ...(prompts.length ? list('automation-prompts', t('Đề xuất tiếp quản', 'Takeover suggestions'), prompts) : []),
    ...(lines.takeovers.length ? list('automation-takeovers', t('Tiếp quản đang có', 'Takeovers in force'), lines.takeovers) : []),
    lines.rotation ? h('p', { id: 'automation-rotation' }, lines.rotation) : null,
    ...list('automation-next', t('Sắp tới', 'Next'), lines.next),
    ...list('automation-queue', t('Hàng đợi chuyển', 'Switch queue'), lines.queue),
    ...(lines.problems.length ? list('automation-problems', t('Không chạy được', 'Cannot run'), lines.problems) : []),
  );
}

export const refreshAutomation = (s: State): Promise<void> =>
  guarded(t('Tự động', 'Automation'), async () => {
    s.schedule = await s.api.json<ScheduleAnswer>('GET', '/api/schedule');
    renderAutomation(s);
  });
