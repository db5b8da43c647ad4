/**
 * Thumbnails that show web tiles: the WebGL canvas holds only a transparent hole where a web
 * tile's page shows (the frame lives under the canvas: src/renderer/README.md "Page layer"), so
 * while the shown layout has a web tile on this window the thumbnail is taken from the host's
 * picture of the whole window instead (`WallrunHost.capturePage`: the compositor's view), asked
 * at the thumbnail's size and decoded here into a bitmap the sender encodes like a canvas copy
 * (same size, same byte cap). Costs a screenshot per thumbnail (docs/console.md "Thumbnails"),
 * so only then; otherwise the cheap canvas copy.
 */
import type { PageCaptureRequest, PageCapture } from '../../core/page/host-api.js';

/** Quality the host encodes at: high, since the sender encodes the picture again within its cap. */
export const PAGE_CAPTURE_QUALITY = 0.9;

export interface PageCaptureSource {
  /** Whether the thumbnail should come from the host's picture now (a web tile is shown). */
  wanted(): boolean;
  /** The window's picture fitted by `fit` (given the window's size in device px), decoded. */
  take(fit: (source: { width: number; height: number }) => { width: number; height: number }): Promise<ImageBitmap>;
}

/**
 * The page capture of a wall window, when its host has one: `hasWebTiles` says whether the
 * layout shown has a visible web tile on this window. Null when the host cannot capture.
 */
export function hostPageCapture(
  capturePage: ((request: PageCaptureRequest) => Promise<PageCapture>) | undefined,
  hasWebTiles: () => boolean,
): PageCaptureSource | null {
  if (typeof capturePage !== 'function') return null;
  return {
    wanted: hasWebTiles,
    take: async (fit) => {
      const dpr = window.devicePixelRatio || 1;
      const size = fit({ width: Math.round(window.innerWidth * dpr), height: Math.round(window.innerHeight * dpr) });
      const picture = await capturePage({ ...size, quality: PAGE_CAPTURE_QUALITY });
      const bytes = Uint8Array.from(atob(picture.data), (c) => c.charCodeAt(0));
      return createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    },
  };
}
