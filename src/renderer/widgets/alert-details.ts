/**
 * The details panel an operator opens by touching an alert in an alert-list: every field as plain
 * text over the list. Touching the panel closes it.
 */
import { Container, Graphics } from 'pixi.js';
import type { Size, Theme } from '../../core/model.js';
import type { PageAlert } from '../../core/host-api.js';
import { colorNumber, makeText } from './text-style.js';
import { SEVERITY_NAMES, plainText, shortTime } from './alert-format.js';

export function alertDetails(
  alert: PageAlert,
  theme: Theme,
  lang: 'vi' | 'en',
  tz: string,
  size: Size,
  fontPx: number,
  onClose: () => void,
): Container {
  const panel = new Container({ label: `alert-details:${alert.id}` });
  const pad = Math.round(fontPx * 0.8);
  const color = theme.severity[alert.severity];
  const bg = new Graphics()
    .rect(0, 0, size.width, size.height)
    .fill({ color: colorNumber(theme.colors.background), alpha: 0.97 })
    .rect(0, 0, size.width, Math.max(6, fontPx / 4))
    .fill(colorNumber(color));
  panel.addChild(bg);
  const wrap = Math.max(10, size.width - pad * 2);
  const label = (k: { vi: string; en: string }): string => k[lang];
  const lines: [string, string | undefined, number, 400 | 600 | 700][] = [
    [`${SEVERITY_NAMES[alert.severity][lang]} · ${shortTime(alert.raisedAt, tz)}`, color, fontPx, 700],
    [plainText(alert.title, 400), undefined, Math.round(fontPx * 1.2), 700],
    [plainText(alert.message, 1000), undefined, fontPx, 400],
    [`${label({ vi: 'Khu vực', en: 'Area' })}: ${plainText(alert.area, 120)}`, theme.colors.textMuted, fontPx, 400],
    [`${label({ vi: 'Lĩnh vực', en: 'Sector' })}: ${plainText(alert.sector, 60)} · ${label({ vi: 'Nguồn', en: 'Source' })}: ${plainText(alert.source, 60)}`, theme.colors.textMuted, fontPx, 400],
    [label({ vi: 'Chạm để đóng', en: 'Touch to close' }), theme.colors.textMuted, Math.round(fontPx * 0.8), 400],
  ];
  let y = pad;
  for (const [text, c, px, weight] of lines) {
    if (!text) continue;
    const t = makeText(theme, text, { size: px, weight, wrapWidth: wrap, ...(c ? { color: c } : {}) });
    t.position.set(pad, y);
    y += t.height + pad * 0.5;
    panel.addChild(t);
  }
  panel.eventMode = 'static';
  panel.on('pointertap', onClose);
  return panel;
}
