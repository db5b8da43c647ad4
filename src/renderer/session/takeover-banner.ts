/**
 * The takeover prompt banner (docs/automation.md "Takeover"): while a `confirm` rule waits for an
 * operator, a plate across the top of the window's first screen says "Đề xuất chuyển sang …: xác
 * nhận trên bàn điều khiển" with the alert's title, so the people in the room know the console is
 * asked. The newest prompt is shown, with the count of the others; it goes when the hub closes
 * the prompt. Text the hub pushed (the alert's title) is drawn as text, never as markup.
 */
import { Container, Graphics, type Text } from 'pixi.js';
import type { TakeoverPrompt } from '../../core/protocol/automation.js';
import type { Layout, Rect, Theme } from '../../core/wall/model.js';
import { layoutName, presetName, takeoverPromptText, type Lang } from '../../core/wall/vocabulary.js';
import { colorNumber, makeText } from '../widgets/text-style.js';

export class TakeoverBanner {
  public readonly view = new Container({ label: 'takeover-banner' });
  private readonly bg = new Graphics();
  private readonly text: Text;
  private readonly fontPx: number;
  private readonly prompts = new Map<string, TakeoverPrompt>();

  public constructor(
    private readonly theme: Theme,
    /** The screen it sits on, in wall px. */
    private readonly screen: Rect,
    private readonly layouts: readonly Pick<Layout, 'id' | 'title'>[],
    private readonly lang: Lang,
  ) {
    this.fontPx = Math.max(16, Math.round(screen.height * 0.026));
    this.text = makeText(theme, '', { size: this.fontPx, weight: 700 });
    this.view.addChild(this.bg, this.text);
    this.view.eventMode = 'none';
    this.view.visible = false;
  }

  /** What the banner says now ('' when hidden): for the page's debug state. */
  public get shown(): string {
    return this.view.visible ? this.text.text : '';
  }

  public open(prompt: TakeoverPrompt): void {
    this.prompts.delete(prompt.id);
    this.prompts.set(prompt.id, prompt);
    this.draw();
  }

  public close(id: string): void {
    if (this.prompts.delete(id)) this.draw();
  }

  /** The hub's prompts are gone with the link's state: a new connection sends the open ones again. */
  public clear(): void {
    this.prompts.clear();
    this.draw();
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }

  private draw(): void {
    const newest = [...this.prompts.values()].at(-1);
    this.view.visible = newest !== undefined;
    if (!newest) return;
    const t = newest.target;
    const layout = 'layout' in t ? this.layouts.find((l) => l.id === t.layout) : undefined;
    const target = 'layout' in t ? (layout ? layoutName(layout, this.lang) : t.layout) : presetName(t.preset, this.lang);
    this.text.text = takeoverPromptText(target, newest.title, this.prompts.size - 1, this.lang);
    const px = this.fontPx;
    const pad = Math.round(px * 0.6);
    const maxWidth = this.screen.width - pad * 4;
    this.text.style.wordWrap = true;
    this.text.style.wordWrapWidth = maxWidth;
    this.text.style.fill = '#ffffff';
    this.text.position.set(pad, pad);
    const w = Math.min(this.text.width, maxWidth) + pad * 2;
    const h = this.text.height + pad * 2;
    this.bg.clear().roundRect(0, 0, w, h, Math.round(px * 0.3)).fill({ color: colorNumber(this.theme.severity.major), alpha: 0.94 });
    this.view.position.set(this.screen.x + (this.screen.width - w) / 2, this.screen.y + pad);
  }
}
