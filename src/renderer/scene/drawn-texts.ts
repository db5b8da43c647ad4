/**
 * What a tile draws, as words and marks, for the debug state (TileDebugState.texts and .marks):
 * tests read the scene's words instead of guessing them from pixels. The wall-wide measurement
 * of every text (sizes in wall px and mm, boxes, for `wallrun check`) is text-report.ts's.
 */
import type { Container } from 'pixi.js';
import type { TileText } from '../../core/page/debug-hook.js';
import { walkTexts } from './text-walk.js';

/** The visible texts under `root` in drawing order, and the labels of its `severity:` marks. */
export function drawnTexts(root: Container): { texts: TileText[]; marks: string[] } {
  const texts: TileText[] = [];
  const marks: string[] = [];
  walkTexts(root, {
    shown: (node) => node.visible,
    text: (node) => texts.push({ text: node.text, label: node.label ?? '', fontSizePx: Number(node.style.fontSize) * Math.abs(node.scale.y), width: node.width }),
    node: (node) => {
      if (node.label?.startsWith('severity:')) marks.push(node.label);
    },
  });
  return { texts, marks };
}
