/**
 * The credential an operator types (or a badge reader types) to confirm an acknowledgement: keys
 * in, an operator's name out. Digits from the on-screen keypad and any printable key from a
 * keyboard or reader; Backspace erases, Enter checks, Escape cancels. After MAX_FAILURES wrong
 * entries in a row, entry is locked for LOCK_MS (across dialogs), so a PIN cannot be guessed at
 * the screen. What was typed is never shown (dots), logged or kept after the check. Pure state
 * over an injected lookup and clock, so it is tested without a page.
 */

export const MAX_FAILURES = 5;
export const LOCK_MS = 60_000;
/** An open dialog with no key for this long closes by itself. */
export const IDLE_MS = 60_000;
const MAX_LENGTH = 512;

export type EntryError = 'wrong' | 'locked' | 'no-directory';

export type EntryOutcome =
  | { kind: 'ignored' | 'typed' | 'erased' | 'cancelled' | 'wrong' | 'locked' | 'no-directory' }
  | { kind: 'identified'; operator: string };

export interface EntryView {
  alertId: string;
  screen: string;
  /** How many characters are typed (shown as dots). */
  entered: number;
  error: EntryError | null;
  locked: boolean;
  lockedUntil: number;
}

export class CredentialEntry {
  private target: { alertId: string; screen: string } | null = null;
  private typed = '';
  private error: EntryError | null = null;
  private failures = 0;
  private lockedUntil = 0;
  private lastKeyAt = 0;

  public constructor(
    /** The operator a credential names, or null; undefined when there is no directory at all. */
    private readonly identify: (secret: string) => string | null | undefined,
    private readonly now: () => number,
  ) {}

  public get open(): boolean {
    return this.target !== null;
  }

  /** Opens (or moves) the entry to `alertId` on `screen`; what was typed is dropped. */
  public start(alertId: string, screen: string): void {
    this.target = { alertId, screen };
    this.typed = '';
    this.error = this.now() < this.lockedUntil ? 'locked' : null;
    this.lastKeyAt = this.now();
  }

  public cancel(): void {
    this.target = null;
    this.typed = '';
    this.error = null;
  }

  /** Closes an entry left alone for IDLE_MS; returns whether it did. */
  public expire(): boolean {
    if (!this.target || this.now() - this.lastKeyAt < IDLE_MS) return false;
    this.cancel();
    return true;
  }

  /** One key: a printable character, 'Backspace', 'Enter' or 'Escape'. */
  public key(key: string): EntryOutcome {
    if (!this.target) return { kind: 'ignored' };
    const now = this.now();
    this.lastKeyAt = now;
    if (key === 'Escape') {
      this.cancel();
      return { kind: 'cancelled' };
    }
    if (now < this.lockedUntil) {
      this.typed = '';
      this.error = 'locked';
      return { kind: 'locked' };
    }
    if (key === 'Backspace') {
      this.typed = this.typed.slice(0, -1);
      return { kind: 'erased' };
    }
    if (key === 'Enter') return this.check(now);
    if ([...key].length !== 1 || this.typed.length >= MAX_LENGTH) return { kind: 'ignored' };
    if (this.error === 'wrong' || this.error === 'locked') this.error = null;
    this.typed += key;
    return { kind: 'typed' };
  }

  public view(): EntryView | null {
    if (!this.target) return null;
    const locked = this.now() < this.lockedUntil;
    return { ...this.target, entered: this.typed.length, error: locked ? 'locked' : this.error, locked, lockedUntil: this.lockedUntil };
  }

  private check(now: number): EntryOutcome {
    const secret = this.typed;
    this.typed = '';
    if (!secret.trim()) return { kind: 'ignored' };
    const operator = this.identify(secret);
    if (operator === undefined) {
      this.error = 'no-directory';
      return { kind: 'no-directory' };
    }
    if (operator === null) {
      this.failures += 1;
      if (this.failures >= MAX_FAILURES) {
        this.failures = 0;
        this.lockedUntil = now + LOCK_MS;
        this.error = 'locked';
        return { kind: 'locked' };
      }
      this.error = 'wrong';
      return { kind: 'wrong' };
    }
    this.failures = 0;
    this.target = null;
    this.error = null;
    return { kind: 'identified', operator };
  }
}
