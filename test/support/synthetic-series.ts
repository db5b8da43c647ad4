/** Seeded synthetic series for the baseline forecaster's tests (src/hub/forecaster/). */

/** A seeded generator (mulberry32) and a normal deviate (Box-Muller): the same series every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Hourly: a daily sine of amplitude 10 around 50, a trend of 0.05 per hour, noise σ = 1.5. */
export function seasonalSeries(days: number, seed = 7): number[] {
  const rand = random(seed);
  return Array.from({ length: days * 24 }, (_, t) => 50 + 0.05 * t + 10 * Math.sin((2 * Math.PI * t) / 24) + 1.5 * normal(rand));
}

