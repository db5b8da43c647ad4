/**
 * Registers the bundled faces with the document and waits until every one has loaded. pixi's Text
 * rasterises through a 2D canvas, which silently falls back to another font if the face is not
 * loaded yet, so the scene creates no Text before this resolves.
 */
import { FONT_FAMILY, FONT_FILES } from '../core/page/font-faces.js';

/** Loads every face from `fontBase` (a URL ending in '/'); rejects naming the faces that failed. */
export async function loadFonts(fontBase: string): Promise<void> {
  const results = await Promise.allSettled(
    FONT_FILES.map(async (f) => {
      const face = new FontFace(FONT_FAMILY, `url(${new URL(f.file, fontBase).href}) format('woff2')`, {
        weight: String(f.weight),
        style: 'normal',
        unicodeRange: f.unicodeRange,
        display: 'block',
      });
      await face.load();
      document.fonts.add(face);
    }),
  );
  const failed = FONT_FILES.filter((_, i) => results[i]?.status === 'rejected').map((f) => f.file);
  if (failed.length > 0) throw new Error(`fonts failed to load: ${failed.join(', ')}`);
  await document.fonts.ready;
}
