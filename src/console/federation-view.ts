/**
 * The federation card below the wall's windows (docs/federation.md, its section on health): on a
 * province hub one card per sub-centre (its link, messages waiting, lag, last applied), on a
 * sub-centre hub its link to the province and its local stream; nothing on a hub without
 * federation. Read from GET /healthz with the wall list (refresh.ts).
 */
import type { FederationHealth, LinkState } from '../core/protocol/federation-health.js';
import { formatAge } from '../core/wall/format.js';
import type { Lang } from '../core/wall/vocabulary.js';
import { byId, h } from './dom.js';
import { LANG, clock, t } from './i18n.js';

export interface FederationCard {
  title: string;
  up: boolean;
  rows: [string, string][];
}

const say = (lang: Lang, vi: string, en: string): string => (lang === 'en' ? en : vi);

function linkText(link: LinkState, lang: Lang, clockOf: (ms: number) => string): string {
  return link.up ? say(lang, `đang kết nối từ ${clockOf(link.since)}`, `connected since ${clockOf(link.since)}`) : say(lang, `mất kết nối từ ${clockOf(link.since)}`, `disconnected since ${clockOf(link.since)}`);
}

/** "chậm 3 phút" / "3 min behind": the wall's own words for a duration (core/wall/format.ts formatAge). */
function lagText(ms: number, lang: Lang): string {
  if (ms === 0) return say(lang, 'đã cập nhật', 'up to date');
  const span = formatAge(ms, lang).replace(/ (trước|ago)$/, '');
  return say(lang, `chậm ${span}`, `${span} behind`);
}

/** The cards of a hub's `federation` health, in `lang` (times as `clockOf` writes them). */
export function federationCards(f: FederationHealth, lang: Lang, clockOf: (ms: number) => string): FederationCard[] {
  if (f.role === 'sub-centre') {
    return [{
      title: say(lang, `Trung tâm ${f.id} → tỉnh`, `Sub-centre ${f.id} → province`),
      up: f.province.up,
      rows: [
        [say(lang, 'Liên kết lên tỉnh', 'Link to the province'), linkText(f.province, lang, clockOf)],
        [say(lang, 'Tin lưu chờ gửi', 'Messages kept'), `${f.stream.messages} (${Math.round(f.stream.bytes / 1024)} KB)`],
        [say(lang, 'Tin cuối', 'Last message'), `#${f.stream.lastSeq}`],
      ],
    }];
  }
  return f.subCentres.map((c) => ({
    title: say(lang, `Trung tâm ${c.id}`, `Sub-centre ${c.id}`),
    up: c.link.up,
    rows: [
      [say(lang, 'Liên kết', 'Link'), linkText(c.link, lang, clockOf)],
      [say(lang, 'Tin chờ áp dụng', 'Messages waiting'), String(c.backlog)],
      [say(lang, 'Độ trễ', 'Lag'), lagText(c.lagMs, lang)],
      [say(lang, 'Áp dụng lần cuối', 'Last applied'), c.applied ? `#${c.applied.seq}, ${clockOf(c.applied.appliedAt)}` : '—'],
    ],
  }));
}

/** Draws the cards (or hides the part on a hub without federation). */
export function renderFederation(f: FederationHealth | undefined): void {
  const heading = byId('federation-heading');
  const box = byId('federation');
  heading.hidden = box.hidden = !f;
  box.dataset.read = 'true'; // the hub was asked (tests wait on it, federation or not)
  if (!f) return box.replaceChildren();
  heading.textContent = f.role === 'province' ? t('Liên kết tuyến dưới', 'Sub-centre links') : t('Liên kết lên tỉnh', 'Link to the province');
  box.replaceChildren(
    ...federationCards(f, LANG, clock).map((c) =>
      h(
        'article',
        { class: 'wall federation-card', 'data-up': String(c.up) },
        h('h3', {}, c.title),
        h('dl', {}, ...c.rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      ),
    ),
  );
}
