/**
 * The soak's memory over time as a small standalone SVG (no library): one polyline per series on
 * its own y-scale band, time in minutes along x, each band labelled with its series' first, last
 * and largest value. Written beside the run's JSON in bench/results/.
 */

const W = 900;
const BAND = 130;
const PAD = { left: 70, right: 20, top: 30, bottom: 30 };
const COLOURS = ['#3fa7ff', '#ff9500', '#34c759', '#ff3b30', '#af52de'];

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** `series`: [{ name, unit, points: [[minutes, value], …] }]; `title`: one line above the plot. */
export function memorySvg(title, series) {
  const height = PAD.top + series.length * BAND + PAD.bottom;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const xMax = Math.max(1e-9, ...xs);
  const plotW = W - PAD.left - PAD.right;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="18" font-weight="bold">${esc(title)}</text>`,
  ];
  series.forEach((s, i) => {
    const top = PAD.top + i * BAND;
    const h = BAND - 30;
    const values = s.points.map((p) => p[1]).filter(Number.isFinite);
    const lo = Math.min(0, ...values);
    const hi = Math.max(lo + 1e-9, ...values) * 1.05;
    const x = (m) => PAD.left + (m / xMax) * plotW;
    const y = (v) => top + h - ((v - lo) / (hi - lo)) * h;
    const colour = COLOURS[i % COLOURS.length];
    const first = values[0];
    const last = values.at(-1);
    const max = values.length ? Math.max(...values) : NaN;
    parts.push(
      `<rect x="${PAD.left}" y="${top}" width="${plotW}" height="${h}" fill="none" stroke="#cccccc"/>`,
      `<text x="${PAD.left - 6}" y="${top + 10}" text-anchor="end">${hi.toFixed(0)}</text>`,
      `<text x="${PAD.left - 6}" y="${top + h}" text-anchor="end">${lo.toFixed(0)}</text>`,
      `<text x="${PAD.left + 4}" y="${top + h + 16}" fill="${colour}">${esc(s.name)} (${esc(s.unit)}): first ${first?.toFixed(1)}, last ${last?.toFixed(1)}, max ${max.toFixed(1)}</text>`,
      `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${s.points.filter((p) => Number.isFinite(p[1])).map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ')}"/>`,
    );
  });
  parts.push(`<text x="${W - PAD.right}" y="${height - 8}" text-anchor="end">minutes</text>`, `<text x="${PAD.left}" y="${height - 8}">0</text>`, `<text x="${W - PAD.right - 60}" y="${height - 8}" text-anchor="end">${xMax.toFixed(1)}</text>`, '</svg>');
  return `${parts.join('\n')}\n`;
}
