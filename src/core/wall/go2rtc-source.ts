/**
 * go2rtc's MSE over WebSocket as a camera tile's `props.source` (docs/cameras.md, "Sites that
 * already run go2rtc or mediamtx"): `ws(s)://host[:port][/prefix]/api/ws?src=<stream>`, the URL
 * go2rtc's own page opens. One home for the rule: the layout validator refuses any other ws(s)
 * source, the wall plays this one with go2rtc's framing, and the page's CSP lets its origin connect.
 */
const GO2RTC_WS = /^wss?:\/\/[^/?#\s]+(\/[^?#\s]*)?\/api\/ws\?(?:[^#\s]*&)?src=[^&#\s]+/i;

/** A WebSocket URL (ws: or wss:), go2rtc's or not. */
export function isWebSocketSource(source: string): boolean {
  return /^wss?:/i.test(source.trim());
}

export function isGo2rtcSource(source: string): boolean {
  return GO2RTC_WS.test(source.trim());
}
