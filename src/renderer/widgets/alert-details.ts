/**
 * The details panel an operator opens by touching an alert in an alert-list: every field as plain
 * text over the list, the acknowledgement state (by whom and when, or "sending" while the hub has
 * not confirmed), and on a wall with a hub an "Acknowledge" button for an active alert, which asks
 * the wall to identify the operator. Touching the panel elsewhere closes it.
 */
import { Container, Graphics, type FederatedPointerEvent } from 'pixi.js';
import type { Size, Theme } from '../../core/wall/model.js';
import type { WallAlert } from '../store.js';
import type { AlertActions } from './widget.js';
import { colorNumber, makeText } from './text-style.js';
import { sectorName, severityName } from '../../core/wall/vocabulary.js';
import { ackStatus, plainText, shortTime } from './alert-format.js';
import { severityMark } from './severity-mark.js';

const ACK = { vi: 'Xác nhận', en: 'Acknowledge' } as const;

export function alertDetails(
  alert: WallAlert,
  theme: Theme,
  lang: 'vi' | 'en',
  tz: string,
  size: Size,
  fontPx: number,
  onClose: () => void,
  actions?: AlertActions,
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
  const canAck = actions?.enabled === true && alert.state === 'active' && !alert.pendingAck;
  const button = canAck ? ackButton(alert, theme, lang, fontPx, actions) : null;
  if (button) button.position.set(size.width - button.width - pad, pad);
  const wrap = Math.max(10, size.width - pad * 2);
  const label = (k: { vi: string; en: string }): string => k[lang];
  const status = ackStatus(alert, lang, tz);
  // The first line (severity and time) is led by the severity's shape.
  const markRoom = fontPx + Math.round(pad * 0.5);
  const mark = severityMark(theme, alert.severity, fontPx);
  mark.position.set(pad, pad + Math.round(fontPx * 0.1));
  panel.addChild(mark);
  // Every line at least the list's (legible) size, weight 600: light text on dark needs weight.
  const lines: [string, string | undefined, number, 400 | 600 | 700, number][] = [
    [`${severityName(alert.severity, lang)} · ${shortTime(alert.raisedAt, tz)}`, color, fontPx, 700, (button ? wrap - button.width - pad : wrap) - markRoom],
    [plainText(alert.title, 400), undefined, Math.round(fontPx * 1.2), 700, wrap],
    [plainText(alert.message, 1000), undefined, fontPx, 600, wrap],
    [`${label({ vi: 'Khu vực', en: 'Area' })}: ${plainText(alert.area, 120)}`, theme.colors.textMuted, fontPx, 600, wrap],
    [`${label({ vi: 'Lĩnh vực', en: 'Sector' })}: ${plainText(sectorName(alert.sector, lang), 60)} · ${label({ vi: 'Nguồn', en: 'Source' })}: ${plainText(alert.source, 60)}`, theme.colors.textMuted, fontPx, 600, wrap],
    [status, theme.colors.accent, fontPx, 600, wrap],
    [label({ vi: 'Chạm để đóng', en: 'Touch to close' }), theme.colors.textMuted, fontPx, 600, wrap],
  ];
  let y = pad;
  for (const [i, [text, c, px, weight, width]] of lines.entries()) {
    if (!text) continue;
    const t = makeText(theme, text, { size: px, weight, wrapWidth: width, ...(c ? { color: c } : {}) });
    t.position.set(i === 0 ? pad + markRoom : pad, y);
    y += t.height + pad * 0.5;
    panel.addChild(t);
  }
  if (button) panel.addChild(button);
  panel.eventMode = 'static';
  panel.on('pointertap', onClose);
  return panel;
}

function ackButton(alert: WallAlert, theme: Theme, lang: 'vi' | 'en', fontPx: number, actions: AlertActions): Container {
  const text = makeText(theme, ACK[lang], { size: fontPx, weight: 700, color: theme.colors.background });
  const padX = Math.round(fontPx * 0.8);
  const padY = Math.round(fontPx * 0.5);
  text.position.set(padX, padY);
  const button = new Container({ label: `ack-button:${alert.id}` });
  const bg = new Graphics().roundRect(0, 0, text.width + padX * 2, text.height + padY * 2, Math.round(fontPx * 0.3)).fill(colorNumber(theme.colors.accent));
  button.addChild(bg, text);
  button.eventMode = 'static';
  button.cursor = 'pointer';
  button.on('pointertap', (e: FederatedPointerEvent) => {
    e.stopPropagation(); // not the panel's "touch to close"
    actions.acknowledge(alert.id, { x: e.global.x, y: e.global.y });
  });
  actions.exposeTarget('ack-button', button);
  button.on('destroyed', () => actions.exposeTarget('ack-button', null));
  return button;
}
