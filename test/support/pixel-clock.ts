/**
 * Decodes the pixel time code of the RTSP test cameras (src/hub/demo/cameras/rtsp-camera-server.py): the
 * source's wall-clock time in ms when the frame was made, so a capture of the wall tells how old the
 * frame on the glass is (glass-to-glass latency = capture time − decoded time; both clocks are this
 * machine's).
 *
 * Layout, in fractions of the camera frame (320×180 at the source; any scale on the wall): the band
 * is the bottom 48/180 of the frame, a grid of 16 columns × 4 rows of cells (20×12 source px), read
 * row by row, left to right, white = 1, black = 0:
 *   cells 0..3 start marker 1010 · cells 4..51 the time in ms, 48 bits, most significant first ·
 *   cells 52..59 check byte (sum of the time's six bytes mod 256) · cells 60..63 end marker 0101.
 * Each cell is read as the mean luma of its central half, against a threshold halfway between the
 * markers' white and black, so scaling, H.264 ringing and limited/full-range levels do not matter.
 */
import type { Image } from './png.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const PIXEL_CLOCK = {
  sourceWidth: 320,
  sourceHeight: 180,
  columns: 16,
  rows: 4,
  cellWidth: 20,
  cellHeight: 12,
  startMarker: [1, 0, 1, 0],
  endMarker: [0, 1, 0, 1],
} as const;

const CELLS = PIXEL_CLOCK.columns * PIXEL_CLOCK.rows;

/** Mean luma of a cell's central half; `rect` is where the whole camera frame is on the image. */
function cellLuma(image: Image, rect: Rect, cell: number): number {
  const { sourceWidth, sourceHeight, columns, rows, cellWidth, cellHeight } = PIXEL_CLOCK;
  const sx = rect.width / sourceWidth;
  const sy = rect.height / sourceHeight;
  const bandTop = sourceHeight - rows * cellHeight;
  const cx = (cell % columns) * cellWidth;
  const cy = bandTop + Math.floor(cell / columns) * cellHeight;
  const x0 = Math.round(rect.x + (cx + cellWidth / 4) * sx);
  const x1 = Math.max(x0 + 1, Math.round(rect.x + (cx + (cellWidth * 3) / 4) * sx));
  const y0 = Math.round(rect.y + (cy + cellHeight / 4) * sy);
  const y1 = Math.max(y0 + 1, Math.round(rect.y + (cy + (cellHeight * 3) / 4) * sy));
  let sum = 0;
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(image.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x++) {
      const i = (y * image.width + x) * 4;
      sum += 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

/**
 * The time code (ms since the epoch) in `rect` (the camera frame's rectangle on `image`, in image
 * px), or null when there is none: markers or check byte wrong (no video, a frame half-decoded, a
 * placeholder), or the contrast too low to tell white from black.
 */
export function readPixelClock(image: Image, rect: Rect): number | null {
  const luma = Array.from({ length: CELLS }, (_, cell) => cellLuma(image, rect, cell));
  const markerCells = [0, 1, 2, 3, CELLS - 4, CELLS - 3, CELLS - 2, CELLS - 1];
  const markerBits = [...PIXEL_CLOCK.startMarker, ...PIXEL_CLOCK.endMarker];
  const whites = markerCells.filter((_, i) => markerBits[i] === 1).map((c) => luma[c]!);
  const blacks = markerCells.filter((_, i) => markerBits[i] === 0).map((c) => luma[c]!);
  const white = Math.min(...whites);
  const black = Math.max(...blacks);
  if (!(white - black > 60)) return null;
  const threshold = (white + black) / 2;
  const bits = luma.map((l) => (l > threshold ? 1 : 0));
  let ms = 0;
  for (let i = 4; i < 52; i++) ms = ms * 2 + bits[i]!;
  let check = 0;
  for (let i = 52; i < 60; i++) check = check * 2 + bits[i]!;
  let sum = 0;
  for (let b = 0; b < 6; b++) sum += Math.floor(ms / 2 ** (8 * (5 - b))) % 256;
  return (sum & 0xff) === check ? ms : null;
}
