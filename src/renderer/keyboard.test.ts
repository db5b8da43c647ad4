import { describe, expect, it } from 'vitest';
import { bindKeyboard, hotkeyOf } from './keyboard.js';
import type { Layout } from '../core/wall/model.js';

const layouts = ['a', 'b', 'c'].map((id, i) => ({ id, hotkey: i === 2 ? 'Ctrl+3' : undefined }) as unknown as Layout);

function fakeTarget(): { target: Pick<Window, 'addEventListener' | 'removeEventListener'>; press(k: Partial<KeyboardEvent>): void; count(): number } {
  const listeners = new Set<(e: KeyboardEvent) => void>();
  return {
    target: {
      addEventListener: ((_: string, l: (e: KeyboardEvent) => void) => listeners.add(l)) as never,
      removeEventListener: ((_: string, l: (e: KeyboardEvent) => void) => listeners.delete(l)) as never,
    },
    press: (k) => {
      for (const l of listeners) l({ ctrlKey: false, altKey: false, shiftKey: false, repeat: false, preventDefault: () => undefined, ...k } as KeyboardEvent);
    },
    count: () => listeners.size,
  };
}

describe('keyboard', () => {
  it('normalises hotkeys', () => {
    expect(hotkeyOf({ key: 'f', ctrlKey: true, altKey: false, shiftKey: true })).toBe('Ctrl+Shift+F');
    expect(hotkeyOf({ key: 'F2', ctrlKey: false, altKey: false, shiftKey: false })).toBe('F2');
  });

  it('steps with PageDown/PageUp, jumps with hotkeys, and unbinds', () => {
    const t = fakeTarget();
    let current = 'a';
    const seen: string[] = [];
    const off = bindKeyboard(t.target, layouts, () => current, (id) => {
      seen.push(id);
      current = id;
    });
    t.press({ key: 'PageDown' });
    t.press({ key: 'PageDown' });
    t.press({ key: 'PageDown' });
    t.press({ key: 'PageUp' });
    t.press({ key: '3', ctrlKey: true });
    t.press({ key: 'x' });
    expect(seen).toEqual(['b', 'c', 'a', 'c', 'c']);
    off();
    expect(t.count()).toBe(0);
  });
});
