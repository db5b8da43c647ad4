/**
 * The hub connection badge: a small plate in the bottom-right corner of the window's first screen
 * (wall px, in the overlay). Quiet while connected, in the critical colour when the link is lost,
 * so the duty staff know the wall may be showing old data.
 */
import { Container, Graphics, type Text } from 'pixi.js';
import type { Rect, Theme } from '../../core/wall/model.js';
import { colorNumber, makeText } from '../widgets/text-style.js';
import type { BadgeState } from './connection-status.js';

export class ConnectionBadge {
  public readonly view = new Container({ label: 'connection-badge' });
  private readonly bg = new Graphics();
  private readonly dot = new Graphics();
  private readonly text: Text;
  private readonly fontPx: number;
  private shown = '';

  public constructor(
    private readonly theme: Theme,
    /** The screen it sits on, in wall px. */
    private readonly screen: Rect,
  ) {
    this.fontPx = Math.max(14, Math.round(screen.height * 0.02));
    this.text = makeText(theme, '', { size: this.fontPx, weight: 600 });
    this.view.addChild(this.bg, this.dot, this.text);
    this.view.eventMode = 'none';
  }

  public show(state: BadgeState): void {
    const key = `${state.kind}|${state.text}`;
    if (key === this.shown) return;
    this.shown = key;
    const ok = state.kind === 'connected';
    const px = this.fontPx;
    const pad = Math.round(px * 0.5);
    const r = Math.round(px * 0.3);
    this.text.text = state.text;
    this.text.style.fill = ok ? this.theme.colors.textMuted : '#ffffff';
    this.text.position.set(pad * 2 + r * 2, pad);
    const w = this.text.width + pad * 3 + r * 2;
    const h = this.text.height + pad * 2;
    const alarm = state.kind === 'refused' ? this.theme.severity.major : this.theme.severity.critical;
    this.bg.clear().roundRect(0, 0, w, h, r).fill({ color: colorNumber(ok ? this.theme.colors.surface : alarm), alpha: ok ? 0.7 : 0.92 });
    const dotColor = ok ? '#34c759' : state.kind === 'connecting' || state.kind === 'reconnecting' ? this.theme.severity.minor : '#ffffff';
    this.dot.clear().circle(pad + r, h / 2, r).fill(colorNumber(dotColor));
    const margin = Math.round(px * 0.6);
    this.view.position.set(this.screen.x + this.screen.width - w - margin, this.screen.y + this.screen.height - h - margin);
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}
