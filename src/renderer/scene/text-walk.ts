/**
 * The one walk over the texts a pixi subtree draws, shared by the tile's debug texts
 * (drawn-texts.ts) and the legibility report (text-report.ts): visible nodes only, in drawing
 * order, a TabularText (a KPI value, the clock) as one text though each digit is its own Text,
 * and the masks inside the subtree that clip each text.
 */
import { Container, Text } from 'pixi.js';
import { TabularText } from '../widgets/tabular-text.js';

export interface TextWalk {
  /** Whether a node and its subtree are drawn (the caller's notion: visible, renderable, alpha…). */
  shown(node: Container): boolean;
  /** Called for every text with characters, with the masks between `root` and it. */
  text(node: Text | TabularText, masks: readonly Container[]): void;
  /** Called for every other shown node before its children (e.g. to collect labelled marks). */
  node?(node: Container): void;
  /** A child not to enter (the root's own clip mask, drawn as a mask, not as content). */
  skip?: Container | null;
}

export function walkTexts(root: Container, walk: TextWalk): void {
  const visit = (node: Container, masks: readonly Container[]): void => {
    if (node.destroyed || !walk.shown(node)) return;
    // The root's own clip is the tile's (container.mask on the root): not an inner mask.
    const inner = node !== root && node.mask instanceof Container ? [...masks, node.mask] : masks;
    if (node instanceof Text || node instanceof TabularText) {
      if (node.text.trim()) walk.text(node, inner);
      return;
    }
    walk.node?.(node);
    for (const child of node.children) if (child !== walk.skip) visit(child as Container, inner);
  };
  visit(root, []);
}
