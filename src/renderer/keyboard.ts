/**
 * Wall keyboard: PageDown / PageUp step through the layouts in file order, and each layout's
 * `hotkey` ("F2", "Ctrl+3", "Alt+Shift+K") jumps to it. Returns a disposer.
 */
import type { Layout } from '../core/wall/model.js';

/** Normalises a KeyboardEvent to the layout file's hotkey notation. */
export function hotkeyOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'shiftKey'>): string {
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', key].filter(Boolean).join('+');
}

function normalise(hotkey: string): string {
  const parts = hotkey.split('+').map((p) => p.trim());
  const key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return hotkeyOf({
    key: key.length === 1 ? key : key,
    ctrlKey: mods.has('ctrl'),
    altKey: mods.has('alt'),
    shiftKey: mods.has('shift'),
  });
}

export function bindKeyboard(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  layouts: readonly Layout[],
  current: () => string | null,
  switchTo: (id: string) => void,
): () => void {
  const hotkeys = new Map(layouts.filter((l) => l.hotkey).map((l) => [normalise(l.hotkey!), l.id]));
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.repeat) return;
    const ids = layouts.filter((l) => !l.generated).map((l) => l.id); // identify: by hotkey only
    const i = ids.indexOf(current() ?? '');
    let target: string | undefined;
    if (e.key === 'PageDown') target = ids[(i + 1) % ids.length];
    else if (e.key === 'PageUp') target = ids[(i - 1 + ids.length) % ids.length];
    else target = hotkeys.get(hotkeyOf(e));
    if (target === undefined) return;
    e.preventDefault();
    switchTo(target);
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
