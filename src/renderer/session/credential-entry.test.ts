import { describe, expect, it } from 'vitest';
import { CredentialEntry, IDLE_MS, LOCK_MS, MAX_FAILURES } from './credential-entry.js';

function setup(directory: Record<string, string> | null = { '4827': 'Nguyễn Văn An' }) {
  let t = 1_000;
  const entry = new CredentialEntry((s) => (directory ? (directory[s.trim()] ?? null) : undefined), () => t);
  const type = (keys: string) => [...keys].map((k) => entry.key(k));
  return { entry, type, advance: (ms: number) => (t += ms) };
}

describe('credential entry', () => {
  it('types, erases and identifies the operator on Enter; the dialog closes', () => {
    const { entry, type } = setup();
    entry.start('a-1', 'r1c1');
    type('48279');
    expect(entry.key('Backspace')).toEqual({ kind: 'erased' });
    expect(entry.view()).toMatchObject({ alertId: 'a-1', screen: 'r1c1', entered: 4, error: null });
    expect(entry.key('Enter')).toEqual({ kind: 'identified', operator: 'Nguyễn Văn An' });
    expect(entry.open).toBe(false);
  });

  it('says wrong, then locks after repeated failures, across dialogs, until the lock ends', () => {
    const { entry, type, advance } = setup();
    entry.start('a-1', 'r1c1');
    for (let i = 1; i < MAX_FAILURES; i++) {
      type('0000');
      expect(entry.key('Enter')).toEqual({ kind: 'wrong' });
      expect(entry.view()).toMatchObject({ entered: 0, error: 'wrong' });
    }
    type('0000');
    expect(entry.key('Enter')).toEqual({ kind: 'locked' });
    entry.cancel();
    entry.start('a-2', 'r1c1');
    expect(entry.view()).toMatchObject({ locked: true, error: 'locked' });
    type('4827');
    expect(entry.key('Enter')).toEqual({ kind: 'locked' });
    advance(LOCK_MS);
    type('4827');
    expect(entry.key('Enter')).toEqual({ kind: 'identified', operator: 'Nguyễn Văn An' });
  });

  it('cancels on Escape, ignores keys when closed and empty Enter, expires when left alone', () => {
    const { entry, advance } = setup();
    expect(entry.key('1')).toEqual({ kind: 'ignored' });
    entry.start('a-1', 'r1c1');
    expect(entry.key('Enter')).toEqual({ kind: 'ignored' });
    expect(entry.key('Shift')).toEqual({ kind: 'ignored' });
    expect(entry.key('Escape')).toEqual({ kind: 'cancelled' });
    entry.start('a-1', 'r1c1');
    advance(IDLE_MS - 1);
    expect(entry.expire()).toBe(false);
    advance(1);
    expect(entry.expire()).toBe(true);
    expect(entry.open).toBe(false);
  });

  it('tells when the wall has no operator directory yet', () => {
    const { entry, type } = setup(null);
    entry.start('a-1', 'r1c1');
    type('4827');
    expect(entry.key('Enter')).toEqual({ kind: 'no-directory' });
    expect(entry.view()?.error).toBe('no-directory');
  });
});
