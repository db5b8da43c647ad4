/**
 * The alert list's filter bar: a toggle chip per severity (the wall's colour, shape and word), a
 * sector, state and area choice, a search box and the sort. Built once; on each live update only
 * the sector and area choices follow the alerts present (a chosen value stays offered even when
 * its alerts have gone, so the filter the operator set is never dropped by an update).
 */
import type { Alert } from '../core/protocol/alerts.js';
import { SEVERITIES } from '../core/wall/model.js';
import { SEVERITY_TERMS, alertStateName, capitalise, sectorName, severityName } from '../core/wall/vocabulary.js';
import { ALERT_SORTS, STATE_CHOICES, presentValues, type AlertCriteria, type AlertSort, type StateChoice } from './alert-filter.js';
import { h } from './dom.js';
import { LANG, t } from './i18n.js';

const SORT_WORDS: Record<AlertSort, () => string> = {
  severity: () => t('Mức độ, mới nhất trước', 'Severity, newest first'),
  newest: () => t('Mới nhất trước', 'Newest first'),
  oldest: () => t('Cũ nhất trước', 'Oldest first'),
  area: () => t('Khu vực', 'Area'),
};

const STATE_WORDS: Record<StateChoice, () => string> = {
  open: () => t('Tất cả', 'All'),
  active: () => capitalise(alertStateName('active', LANG)),
  acknowledged: () => capitalise(alertStateName('acknowledged', LANG)),
};

export class AlertToolbar {
  public readonly element: HTMLElement;
  private readonly sector: HTMLSelectElement;
  private readonly area: HTMLSelectElement;
  private readonly count: HTMLElement;

  /** `changed` runs after the operator changes any control (criteria already updated). */
  public constructor(
    private readonly criteria: AlertCriteria,
    changed: () => void,
  ) {
    const label = (text: string, control: HTMLElement): HTMLLabelElement => h('label', {}, text, control);
    const chips = SEVERITIES.map((sev) => {
      const term = SEVERITY_TERMS[sev];
      const chip = h(
        'button',
        { type: 'button', class: `chip sev-${term.colorToken}`, 'data-severity': sev, 'aria-pressed': String(criteria.severities.has(sev)) },
        h('span', { class: 'sev-shape', 'aria-hidden': 'true' }, term.glyph),
        severityName(sev, LANG),
      );
      chip.addEventListener('click', () => {
        if (criteria.severities.has(sev)) criteria.severities.delete(sev);
        else criteria.severities.add(sev);
        chip.setAttribute('aria-pressed', String(criteria.severities.has(sev)));
        changed();
      });
      return chip;
    });
    this.sector = h('select', { id: 'alert-sector', name: 'sector' });
    this.area = h('select', { id: 'alert-area', name: 'area' });
    const state = h('select', { id: 'alert-state', name: 'state' }, ...STATE_CHOICES.map((s) => h('option', { value: s }, STATE_WORDS[s]())));
    const sort = h('select', { id: 'alert-sort', name: 'sort' }, ...ALERT_SORTS.map((s) => h('option', { value: s }, SORT_WORDS[s]())));
    state.value = criteria.state;
    sort.value = criteria.sort;
    const search = h('input', {
      id: 'alert-search', name: 'search', type: 'search', autocomplete: 'off', spellcheck: 'false',
      placeholder: t('Tiêu đề, nội dung, khu vực', 'Title, message, area'),
    });
    search.value = criteria.search;
    this.count = h('p', { id: 'alert-count', 'aria-live': 'polite' });
    this.element = h(
      'div',
      { id: 'alert-filter', role: 'search' },
      h('div', { class: 'chips', role: 'group', 'aria-label': t('Mức độ', 'Severity') }, ...chips),
      label(t('Lĩnh vực', 'Sector'), this.sector),
      label(t('Trạng thái', 'State'), state),
      label(t('Khu vực', 'Area'), this.area),
      label(t('Tìm', 'Search'), search),
      label(t('Sắp xếp', 'Sort'), sort),
      this.count,
    );
    this.sector.addEventListener('change', () => ((criteria.sector = this.sector.value), changed()));
    this.area.addEventListener('change', () => ((criteria.area = this.area.value), changed()));
    state.addEventListener('change', () => ((criteria.state = state.value as StateChoice), changed()));
    sort.addEventListener('change', () => ((criteria.sort = sort.value as AlertSort), changed()));
    search.addEventListener('input', () => ((criteria.search = search.value), changed()));
  }

  /** Offers the sectors and areas of `alerts` (plus the chosen ones) and says how many are shown. */
  public update(alerts: readonly Alert[], shown: number): void {
    const sectors = withChosen(presentValues(alerts, 'sector'), this.criteria.sector);
    sectors.sort((a, b) => sectorName(a, LANG).localeCompare(sectorName(b, LANG), 'vi'));
    offer(this.sector, t('Tất cả lĩnh vực', 'All sectors'), sectors, (s) => sectorName(s, LANG), this.criteria.sector);
    offer(this.area, t('Tất cả khu vực', 'All areas'), withChosen(presentValues(alerts, 'area'), this.criteria.area), (a) => a, this.criteria.area);
    this.count.textContent = t(`Hiện ${shown}/${alerts.length} cảnh báo`, `Showing ${shown} of ${alerts.length} alerts`);
  }
}

const withChosen = (values: string[], chosen: string): string[] => (chosen && !values.includes(chosen) ? [...values, chosen] : values);

/** Replaces a select's options only when they differ, so an open choice is not disturbed by an update. */
function offer(select: HTMLSelectElement, all: string, values: string[], name: (v: string) => string, chosen: string): void {
  const now = [...select.options].map((o) => o.value);
  const wanted = ['', ...values];
  if (now.length === wanted.length && now.every((v, i) => v === wanted[i])) return;
  select.replaceChildren(h('option', { value: '' }, all), ...values.map((v) => h('option', { value: v }, name(v))));
  select.value = chosen;
}
