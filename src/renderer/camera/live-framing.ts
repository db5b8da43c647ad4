/**
 * The words said on a low-latency socket before its fMP4 media (LiveFraming, mse-player.ts).
 *
 * - The hub gateway's (`/cameras/:id/live`, docs/cameras.md "Low-latency path"): the wall sends
 *   `{"token"}`; the hub answers `{"codec","width","height","transcoding"}`.
 * - go2rtc's MSE over WebSocket (`/api/ws?src=<stream>`, docs/cameras.md "Sites that already run
 *   go2rtc or mediamtx"): the client sends `{"type":"mse","value":"<codecs it can play, comma
 *   separated>"}`; go2rtc answers `{"type":"mse","value":"video/mp4; codecs=\"…\""}` (the MIME type
 *   of the stream it chose), or `{"type":"error","value":"…"}` when it cannot open the stream.
 *   Written from go2rtc's documented client behaviour; no go2rtc code is used.
 */
import type { LiveFailure, LiveFraming, LiveStreamInfo } from './mse-player.js';

export function hubFraming(token: string): LiveFraming {
  return {
    hello: () => JSON.stringify({ token }),
    describe: (text) => {
      try {
        return { info: JSON.parse(text) as LiveStreamInfo };
      } catch {
        return { failure: 'media', detail: 'stream description is not JSON' };
      }
    },
  };
}

/**
 * H.264 profiles offered to go2rtc, most capable first; only those this browser's MSE plays are
 * sent. Video only: the wall is muted, and an audio track would only cost decoding.
 */
const GO2RTC_VIDEO_CODECS = ['avc1.640029', 'avc1.64002A', 'avc1.640033', 'avc1.4D401F', 'avc1.42E01E', 'hvc1.1.6.L153.B0'];

export function go2rtcFraming(isTypeSupported: (type: string) => boolean): LiveFraming {
  return {
    hello: () => {
      const value = GO2RTC_VIDEO_CODECS.filter((c) => isTypeSupported(`video/mp4; codecs="${c}"`)).join(',');
      return JSON.stringify({ type: 'mse', value });
    },
    describe: (text) => {
      let msg: { type?: unknown; value?: unknown };
      try {
        msg = JSON.parse(text) as typeof msg;
      } catch {
        return { failure: 'media', detail: 'go2rtc message is not JSON' };
      }
      // go2rtc reports a stream it cannot open (camera down, unknown src) this way: an outage.
      if (msg.type === 'error') return { failure: 'unavailable' as LiveFailure, detail: `go2rtc: ${String(msg.value)}` };
      if (msg.type !== 'mse') return null;
      const codecs = /codecs="([^"]+)"/.exec(String(msg.value))?.[1];
      if (!codecs) return { failure: 'codec', detail: `go2rtc stream type without codecs: ${String(msg.value)}` };
      return { info: { codec: codecs } };
    },
  };
}
