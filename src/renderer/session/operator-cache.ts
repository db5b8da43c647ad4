/**
 * The operator directory this wall holds: the last one a snapshot brought, kept in local storage
 * too, so an operator can still be identified after a reload while the hub is away. It holds
 * names and salted digests only (docs/protocol.md, "Operator directory"); never logged.
 */
import { findOperator } from '../../core/protocol/operators.js';
import { checkOperatorDirectory } from '../../core/protocol/protocol-validate.js';
import type { OperatorDirectory } from '../../core/protocol/protocol.js';
import type { AckStorage } from '../net/ack-queue.js';

export const OPERATORS_STORAGE_KEY = 'wallrun.operators.v1';

export class OperatorCache {
  private directory: OperatorDirectory | null = null;

  public constructor(private readonly storage: AckStorage) {}

  /** Reads the stored directory (dropped if it does not check out). */
  public load(): void {
    try {
      const text = this.storage.getItem(OPERATORS_STORAGE_KEY);
      const checked = text === null ? null : checkOperatorDirectory(JSON.parse(text));
      this.directory = checked?.ok ? checked.value : null;
    } catch {
      this.directory = null;
    }
  }

  /** A snapshot's directory replaces the one held (and the stored one). */
  public set(directory: OperatorDirectory): void {
    this.directory = directory;
    try {
      this.storage.setItem(OPERATORS_STORAGE_KEY, JSON.stringify(directory));
    } catch {
      // Storage full or off: the directory still works until the page reloads.
    }
  }

  /** The operator `secret` identifies; null when none; undefined when there is no directory at all. */
  public identify(secret: string): string | null | undefined {
    return this.directory ? findOperator(this.directory, secret) : undefined;
  }

  public get size(): number {
    return this.directory?.operators.length ?? 0;
  }
}
