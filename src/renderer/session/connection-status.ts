/**
 * What the connection badge says, from the wall client's state changes: connected; connecting
 * (never connected yet); disconnected since hh:mm:ss while the next attempt waits; reconnecting
 * while an attempt is under way after a loss; refused (token, role, protocol or identity). Pure:
 * fed state events, read as { kind, text, since }.
 */
import type { ConnectionBadgeKind } from '../../core/page/hub-config.js';
import type { ConnectionStateEvent } from '../net/events.js';
import { formatTime } from '../../core/wall/format.js';

export interface BadgeState {
  kind: ConnectionBadgeKind;
  text: string;
  /** Local time the link was lost (null while connected or before the first attempt ended). */
  since: number | null;
}

const TEXT = {
  connected: { vi: 'Đã kết nối', en: 'Connected' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  disconnected: { vi: 'Mất kết nối từ', en: 'Disconnected since' },
  reconnecting: { vi: 'Đang kết nối lại… · mất kết nối từ', en: 'Reconnecting… · disconnected since' },
  refused: { vi: 'Trung tâm từ chối kết nối', en: 'Hub refused the connection' },
} as const;

export class ConnectionStatus {
  private kind: ConnectionBadgeKind = 'connecting';
  private lostAt: number | null = null;
  private refusal = '';
  private readonly clock: (ms: number) => string;

  public constructor(
    private readonly lang: 'vi' | 'en',
    timezone: string,
  ) {
    this.clock = (ms) => formatTime(ms, timezone, { seconds: true });
  }

  /** Applies one state change; returns whether the badge changed. */
  public apply(e: ConnectionStateEvent): boolean {
    const before = this.read().text;
    switch (e.state) {
      case 'connected':
        this.kind = 'connected';
        this.lostAt = null;
        break;
      case 'connecting':
        this.kind = this.lostAt === null ? 'connecting' : 'reconnecting';
        break;
      case 'reconnecting':
        this.lostAt ??= e.at;
        this.kind = 'disconnected';
        break;
      case 'refused':
        this.lostAt ??= e.at;
        this.kind = 'refused';
        this.refusal = e.refusal ?? e.reason ?? '';
        break;
      case 'closed':
        this.lostAt ??= e.at;
        this.kind = 'disconnected';
        break;
    }
    return this.read().text !== before;
  }

  public read(): BadgeState {
    const lang = this.lang;
    const since = this.lostAt === null ? '' : ` ${this.clock(this.lostAt)}`;
    let text: string;
    if (this.kind === 'connected' || this.kind === 'connecting') text = TEXT[this.kind][lang];
    else if (this.kind === 'refused') text = `${TEXT.refused[lang]}${this.refusal ? ` (${this.refusal})` : ''}`;
    else text = `${TEXT[this.kind][lang]}${since}`;
    return { kind: this.kind, text, since: this.lostAt };
  }
}
