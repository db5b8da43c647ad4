/**
 * Which hub the wall's next connection attempt goes to, when it has several (an active/standby
 * group, docs/scaling.md): the URLs in order, a failed attempt moving to the next; a standby's
 * `not-leader` naming one of them sends the next attempt there at once, at most once per URL in a
 * row (two hubs naming each other during a takeover fall back to the backoff). A leader outside
 * the list is never followed: the wall's token goes only to the hubs it was given.
 */
import { distinctHubUrls, hubBaseUrl } from '../../core/page/hub-config.js';

/** What to do about a `not-leader` answer. */
export interface NotLeaderMove {
  follow: boolean;
  reason: string;
}

export class HubList {
  private readonly urls: readonly string[];
  private index = 0;
  /** `not-leader` answers followed at once since the last connect or failure. */
  private redirects = 0;
  /** A hub answered `not-leader` since the last connect: a takeover is under way. */
  private standbySeen = false;

  public constructor(url: string | readonly string[]) {
    this.urls = distinctHubUrls(typeof url === 'string' ? [url] : url);
    if (this.urls.length === 0) throw new Error('no hub URL');
  }

  /** The hub the current (or next) attempt goes to. */
  public get current(): string {
    return this.urls[this.index]!;
  }

  /** Whether a hub answered `not-leader` since the last connect (retries then stay short). */
  public get takeoverUnderWay(): boolean {
    return this.standbySeen;
  }

  public connected(): void {
    this.redirects = 0;
    this.standbySeen = false;
  }

  /** The attempt failed: the next one goes to the next hub. */
  public failed(): void {
    this.index = (this.index + 1) % this.urls.length;
    this.redirects = 0;
  }

  /** A standby answered naming `leader`: follow it (now the current hub) or not, and why. */
  public notLeader(leader: unknown): NotLeaderMove {
    this.standbySeen = true;
    const from = this.current;
    const named = typeof leader === 'string' ? this.urls.indexOf(hubBaseUrl(leader)) : -1;
    if (named >= 0 && named !== this.index && this.redirects < this.urls.length) {
      this.redirects += 1;
      this.index = named;
      return { follow: true, reason: `not-leader: ${from} is a standby; the leader is ${this.current}` };
    }
    const why = typeof leader !== 'string' ? 'no hub leads at the moment' : named < 0 ? `it names ${leader}, which is not one of this wall's hubs` : 'the hubs name each other';
    return { follow: false, reason: `not-leader: ${from} is a standby and ${why}` };
  }
}
