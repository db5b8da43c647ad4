/**
 * The acknowledgement dialog, drawn in the overlay centred on the screen the operator touched:
 * the alert (plain text), a prompt, the typed credential as dots, an error line, a keypad for
 * touch screens (digits, erase, OK) and Cancel. Keys from a keyboard or a badge reader reach the
 * same entry through the controller. It draws what the entry says; it decides nothing.
 */
import { Container, Graphics, type FederatedPointerEvent, type Text } from 'pixi.js';
import type { Rect, Theme } from '../../core/wall/model.js';
import type { PageAlert } from '../../core/page/host-messages.js';
import { colorNumber, makeText } from '../widgets/text-style.js';
import { severityName } from '../../core/wall/vocabulary.js';
import { plainText, shortTime } from '../widgets/alert-format.js';
import type { EntryView } from './credential-entry.js';
import { formatTime } from '../../core/wall/format.js';

const T = {
  title: { vi: 'XÁC NHẬN CẢNH BÁO', en: 'ACKNOWLEDGE ALERT' },
  prompt: { vi: 'Nhập mã PIN, quẹt thẻ hoặc mã trực ban, rồi nhấn OK (Enter)', en: 'Enter your PIN, swipe your badge or type your operator token, then OK (Enter)' },
  wrong: { vi: 'Mã không đúng', en: 'Not recognised' },
  locked: { vi: 'Tạm khóa nhập mã đến', en: 'Entry locked until' },
  noDirectory: { vi: 'Chưa có danh sách trực ban từ trung tâm', en: 'No operator list from the hub yet' },
  erase: { vi: 'Xóa', en: 'Del' },
  cancel: { vi: 'Hủy (Esc)', en: 'Cancel (Esc)' },
} as const;

/** Keypad labels → the key each sends. */
const KEYS: [string, string][] = [
  ['1', '1'], ['2', '2'], ['3', '3'], ['4', '4'], ['5', '5'], ['6', '6'], ['7', '7'], ['8', '8'], ['9', '9'],
  ['erase', 'Backspace'], ['0', '0'], ['OK', 'Enter'],
];

export class AckDialog {
  public readonly view = new Container({ label: 'ack-dialog' });
  private readonly field: Text;
  private readonly error: Text;
  private readonly buttons: { name: string; view: Container }[] = [];
  private readonly clock: (ms: number) => string;

  public constructor(
    private readonly theme: Theme,
    private readonly lang: 'vi' | 'en',
    tz: string,
    screen: Rect,
    alert: PageAlert,
    onKey: (key: string) => void,
  ) {
    this.clock = (ms) => formatTime(ms, tz, { seconds: true });
    const px = Math.max(16, Math.round(screen.height * 0.03));
    const pad = Math.round(px * 0.7);
    const width = Math.round(Math.min(screen.width * 0.9, Math.max(screen.width * 0.45, px * 22)));
    const inner = width - pad * 2;
    const bg = new Graphics();
    this.view.addChild(bg);
    let y = pad;
    const line = (text: string, size: number, weight: 400 | 600 | 700, color?: string): Text => {
      const t = makeText(theme, text, { size, weight, wrapWidth: inner, ...(color ? { color } : {}) });
      t.position.set(pad, y);
      y += t.height + Math.round(pad * 0.5);
      this.view.addChild(t);
      return t;
    };
    line(T.title[lang], px, 700, theme.colors.textMuted);
    line(`${severityName(alert.severity, lang)} · ${shortTime(alert.raisedAt, tz)} · ${plainText(alert.area, 60)}`, px, 700, theme.severity[alert.severity]);
    line(plainText(alert.title, 200), Math.round(px * 1.1), 700);
    line(T.prompt[lang], Math.round(px * 0.8), 400, theme.colors.textMuted);
    const fieldH = Math.round(px * 1.8);
    const fieldBox = new Graphics().roundRect(pad, y, inner, fieldH, 8).fill(colorNumber(theme.colors.background)).stroke({ width: 2, color: colorNumber(theme.colors.accent) });
    this.view.addChild(fieldBox);
    this.field = makeText(theme, '', { size: Math.round(px * 1.2), weight: 700 });
    this.field.anchor.set(0, 0.5);
    this.field.position.set(pad * 2, y + fieldH / 2);
    this.view.addChild(this.field);
    y += fieldH + Math.round(pad * 0.4);
    this.error = makeText(theme, ' ', { size: Math.round(px * 0.8), weight: 600, color: theme.severity.critical });
    this.error.position.set(pad, y);
    this.view.addChild(this.error);
    y += this.error.height + Math.round(pad * 0.5);
    const gap = Math.round(pad * 0.4);
    const bw = Math.floor((inner - gap * 2) / 3);
    const bh = Math.round(px * 2);
    KEYS.forEach(([label, key], i) => {
      const text = label === 'erase' ? T.erase[lang] : label;
      const b = this.button(`key-${label.toLowerCase()}`, text, bw, bh, px, label === 'OK' ? theme.colors.accent : theme.colors.background, () => onKey(key));
      b.position.set(pad + (i % 3) * (bw + gap), y + Math.floor(i / 3) * (bh + gap));
    });
    y += 4 * (bh + gap);
    const cancel = this.button('cancel', T.cancel[lang], inner, Math.round(bh * 0.8), Math.round(px * 0.9), theme.colors.surface, () => onKey('Escape'));
    cancel.position.set(pad, y);
    y += cancel.height + pad;
    bg.roundRect(0, 0, width, y, 12)
      .fill({ color: colorNumber(theme.colors.surface), alpha: 0.98 })
      .stroke({ width: 3, color: colorNumber(theme.severity[alert.severity]) });
    bg.eventMode = 'static'; // taps on the panel stay on the panel
    bg.on('pointertap', (e: FederatedPointerEvent) => e.stopPropagation());
    this.view.position.set(Math.round(screen.x + (screen.width - width) / 2), Math.round(screen.y + Math.max(0, (screen.height - y) / 2)));
  }

  /** Shows the entry's state: dots for what was typed, and why it was refused. */
  public show(entry: EntryView): void {
    const dots = '•'.repeat(Math.min(entry.entered, 24));
    if (this.field.text !== dots) this.field.text = dots;
    const l = this.lang;
    const error =
      entry.error === 'locked' ? `${T.locked[l]} ${this.clock(entry.lockedUntil)}` : entry.error === 'wrong' ? T.wrong[l] : entry.error === 'no-directory' ? T.noDirectory[l] : ' ';
    if (this.error.text !== error) this.error.text = error;
  }

  /** The touch targets, for the debug state. */
  public targets(): { name: string; view: Container }[] {
    return this.buttons;
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }

  private button(name: string, label: string, w: number, h: number, px: number, fill: string, onTap: () => void): Container {
    const b = new Container({ label: name });
    const g = new Graphics().roundRect(0, 0, w, h, 8).fill(colorNumber(fill)).stroke({ width: 2, color: colorNumber(this.theme.colors.textMuted) });
    const t = makeText(this.theme, label, { size: px, weight: 700 });
    t.anchor.set(0.5);
    t.position.set(w / 2, h / 2);
    b.addChild(g, t);
    b.eventMode = 'static';
    b.cursor = 'pointer';
    b.on('pointertap', (e: FederatedPointerEvent) => {
      e.stopPropagation();
      onTap();
    });
    this.view.addChild(b);
    this.buttons.push({ name, view: b });
    return b;
  }
}
