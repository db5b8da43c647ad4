/**
 * Daily deadlines in the wall's time zone, shared by the hub (which topics are late: the
 * `topics:late` list) and the page (which tiles are stale). Pure functions of the clock, with no
 * DOM or Node: `Intl` is all they need, so tests pass any instant and any zone.
 */

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Local date ("YYYY-MM-DD") and minutes since local midnight of `ms` in time zone `tz`. */
export function zonedDayAndMinutes(ms: number, tz: string): { day: string; minutes: number } {
  const parts = formatter(tz).formatToParts(ms);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** Minutes since midnight of "HH:MM". */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * When a topic with daily deadline "HH:MM" became late, or null when it is not late at `now`:
 * it is late once today's deadline (wall time zone) has passed and its last update (null: never)
 * was not today. The result is today's deadline instant.
 */
export function dailyDeadlineMissedAt(deadline: string, lastAt: number | null, now: number, tz: string): number | null {
  const today = zonedDayAndMinutes(now, tz);
  const dl = minutesOfDay(deadline);
  if (today.minutes < dl) return null;
  if (lastAt !== null && zonedDayAndMinutes(lastAt, tz).day === today.day) return null;
  // Offsets of real time zones are whole minutes, so the seconds within the minute are those of `now`.
  return now - (today.minutes - dl) * 60_000 - (now % 60_000);
}
