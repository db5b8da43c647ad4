/**
 * The console in a group of hubs (docs/scaling.md, "Active and standby hubs"): a console whose
 * hub turns out to be a standby (it restarted as one after losing the lease, or the operator opened
 * a standby's address) is refused `not-leader` with the leader's URL, and moves there. Only an
 * http(s) URL is followed. The access token stays behind (it is kept per site, in sessionStorage):
 * the operator signs in again on the leader.
 */

/** The leader's console address named by a `connect_error` refusal, or null when it names none. */
export function leaderConsoleUrl(err: { message: string; data?: unknown }): string | null {
  if (err.message !== 'not-leader') return null;
  const leader = (err.data as { leader?: unknown } | undefined)?.leader;
  if (typeof leader !== 'string') return null;
  try {
    const url = new URL('/console/', leader);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
