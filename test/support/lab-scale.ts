/**
 * An independent CIE L*a*b* interpolation for tests that check colours the map widget draws
 * (test/e2e/map.test.ts): written from the textbook formulas (sRGB companding, the sRGB → XYZ
 * matrix, D65 white), sharing no code with the product's colour scale (d3's interpolateLab in
 * src/renderer/widgets/map/colors.ts), so a wrong stop, order or interpolation there shows up
 * as a wrong pixel here instead of being computed the same wrong way twice.
 */
import { rgb } from './png.js';

type Triple = [number, number, number];

const WHITE_D65: Triple = [0.95047, 1, 1.08883];

function toLinear(c: number): number {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function fromLinear(v: number): number {
  const c = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, Math.round(c * 255)));
}

function labOf(hex: string): Triple {
  const [r, g, b] = rgb(hex).map(toLinear) as Triple;
  const xyz: Triple = [
    0.4124 * r + 0.3576 * g + 0.1805 * b,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    0.0193 * r + 0.1192 * g + 0.9505 * b,
  ];
  const f = (t: number): number => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  const [fx, fy, fz] = xyz.map((v, i) => f(v / WHITE_D65[i]!)) as Triple;
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

function hexOf([l, a, bb]: Triple): string {
  const fy = (l + 16) / 116;
  const inv = (t: number): number => (t > 6 / 29 ? t ** 3 : 3 * (6 / 29) ** 2 * (t - 4 / 29));
  const [x, y, z] = [inv(fy + a / 500), inv(fy), inv(fy - bb / 200)].map((v, i) => v * WHITE_D65[i]!) as Triple;
  const lin: Triple = [
    3.2406 * x - 1.5372 * y - 0.4986 * z,
    -0.9689 * x + 1.8758 * y + 0.0415 * z,
    0.0557 * x - 0.204 * y + 1.057 * z,
  ];
  return `#${lin.map((v) => fromLinear(v).toString(16).padStart(2, '0')).join('')}`;
}

/** The colour `t` (0..1) of the way from `from` to `to`, interpolated in L*a*b*. */
export function mixLab(from: string, to: string, t: number): string {
  const p = labOf(from);
  const q = labOf(to);
  return hexOf([0, 1, 2].map((i) => p[i]! + (q[i]! - p[i]!) * t) as Triple);
}

/**
 * The colour of `value` on evenly spaced `stops` over `[min, max]` (clamped), each segment
 * interpolated in L*a*b*.
 */
export function stopsColor(stops: string[], [min, max]: [number, number], value: number): string {
  const t = Math.max(0, Math.min(1, (value - min) / (max - min))) * (stops.length - 1);
  const i = Math.min(Math.floor(t), stops.length - 2);
  return mixLab(stops[i]!, stops[i + 1]!, t - i);
}
