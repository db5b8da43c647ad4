/**
 * What a tile draws, as words and marks, for the debug state (TileDebugState.texts and .marks):
 * tests read the scene's words instead of guessing them from pixels. The wall-wide measurement
 * of every text (sizes in wall px and mm, boxes, for `wallrun check`) is text-report.ts's.
 */
import { Text, type Container } from 'pixi.js';
import type { TileText } from '../../core/page/debug-hook.js';
import { TabularText } from '../widgets/tabular-text.js';

/** The visible texts under `root` in drawing order, and the labels of its `severity:` marks. */
export function drawnTexts(root: Container): { texts: TileText[]; marks: string[] } {
  const texts: TileText[] = [];
  const marks: string[] = [];
  const walk = (node: Container): void => {
    if (!node.visible || node.destroyed) return;
    if (node instanceof Text || node instanceof TabularText) {
      if (node.text) texts.push({ text: node.text, label: node.label ?? '', fontSizePx: Number(node.style.fontSize) * Math.abs(node.scale.y), width: node.width });
      return;
    }
    if (node.label?.startsWith('severity:')) marks.push(node.label);
    for (const child of node.children) walk(child as Container);
  };
  walk(root);
  return { texts, marks };
}
