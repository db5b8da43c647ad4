/**
 * The console's only way to make DOM: elements with attributes and children, where a string child
 * becomes a text node. Hub text (alert titles, operator names, areas) is therefore always text and
 * never markup; nothing in the console assigns innerHTML.
 */
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`console page: #${id} is missing`);
  return el as T;
}

/**
 * Replaces `parent`'s children and gives the focus back to the new twin of the element that had it
 * (same tag and id, or same first `data-` attribute): panels redraw on every live update, and a
 * keyboard user must not lose their place to a hub event.
 */
export function replaceKeepingFocus(parent: HTMLElement, ...children: Child[]): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && parent.contains(active) ? focusKey(active) : null;
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'number' ? String(c) : c)));
  if (!key) return;
  const twin = [...parent.querySelectorAll<HTMLElement>(key.tag)].find((el) => (key.id ? el.id === key.id : el.getAttribute(key.attr!) === key.value));
  twin?.focus({ preventScroll: true });
}

function focusKey(el: HTMLElement): { tag: string; id?: string; attr?: string; value?: string } | null {
  const tag = el.tagName.toLowerCase();
  if (el.id) return { tag, id: el.id };
  const data = [...el.attributes].find((a) => a.name.startsWith('data-'));
  return data ? { tag, attr: data.name, value: data.value } : null;
}
