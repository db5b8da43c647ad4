/**
 * The ffmpeg command line of one camera pull: RTSP over TCP, video only (G.711 audio cannot go into
 * MSE), H.264 copied, H.265 transcoded to H.264 at the camera's size; one encode feeds both outputs
 * through the tee muxer: fragmented MP4 on stdout (a fragment per frame, for the WebSocket path) and
 * an HLS playlist in a temporary folder (the fallback).
 *
 * A URL with a credential never goes on the command line, which every user of the machine can read
 * (`ps`, /proc/<pid>/cmdline): ffmpeg reads it from its stdin instead, as a one-entry ffconcat
 * script (the concat demuxer, whose `option` lines give the RTSP input its options). ffmpeg 5.1 has
 * no `-/option file` syntax; the concat demuxer passes packets through, adding no delay.
 */

export interface PullArgs {
  /** The URL, its credential inside when `secret` (then only ever in the stdin script). */
  url: string;
  /** The URL holds a credential: read it from stdin (`PullCommand.stdin`), not the argument list. */
  secret?: boolean;
  /** Transcode to H.264 at this size (the source is H.265); absent: copy. */
  transcode?: { width: number; height: number };
  /** Folder of the HLS output (index.m3u8 and its segments). */
  hlsDir: string;
  /** Socket I/O timeout of the RTSP input, ms. */
  timeoutMs: number;
}

export const FMP4_FLAGS = 'empty_moov+default_base_moof+frag_keyframe+frag_every_frame';

export interface PullCommand {
  args: string[];
  /** What ffmpeg must read on its stdin (then close it): the ffconcat script of a secret URL; null: nothing. */
  stdin: string | null;
}

/** Protocols the concat script's single entry may open (RTSP, RTSP over TLS, their transports). */
const SECRET_INPUT_PROTOCOLS = 'pipe,rtsp,rtsps,rtp,srtp,tcp,udp,tls';

/** A quoted ffconcat token: `'…'`, a quote inside as `'\''` (av_get_token's rules). */
function concatQuoted(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** The one-entry ffconcat script of a secret input: the URL, then the options its RTSP input gets. */
export function secretInputScript(url: string, timeoutMs: number): string {
  if (/[\r\n]/.test(url)) throw new Error('camera URL with a line break');
  return ['ffconcat version 1.0', `file ${concatQuoted(url)}`, 'option rtsp_transport tcp', `option timeout ${timeoutMs * 1000}`, 'option fflags nobuffer', ''].join('\n');
}

export function pullCommand(a: PullArgs): PullCommand {
  const rtsp = /^rtsps?:/i.test(a.url);
  const input = a.secret
    ? ['-f', 'concat', '-safe', '0', '-protocol_whitelist', SECRET_INPUT_PROTOCOLS, '-i', 'pipe:0']
    : [
        // RTSP over TCP. Only for an RTSP input: ffmpeg refuses an option its input does not take, and
        // the demo without GStreamer points its cameras at ffmpeg HLS streams (src/hub/demo/demo-cameras.ts).
        ...(rtsp ? ['-rtsp_transport', 'tcp'] : []),
        '-timeout', String(a.timeoutMs * 1000),
        '-fflags', 'nobuffer', '-i', a.url,
      ];
  const video = a.transcode
    ? [
        '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
        // At most the configured size, never larger than the source (no upscaling), aspect kept, even sides.
        '-vf', `scale=w=min(${a.transcode.width}\\,iw):h=min(${a.transcode.height}\\,ih):force_original_aspect_ratio=decrease,pad=ceil(iw/2)*2:ceil(ih/2)*2`,
        // A keyframe every second: a new viewer waits at most that long, HLS segments cut at 1 s.
        '-force_key_frames', 'expr:gte(t,n_forced*1)', '-sc_threshold', '0',
        // The mp4 muxer behind tee needs the SPS/PPS in the codec's extradata.
        '-flags', '+global_header',
      ]
    : // An MPEG-TS input (the demo's HLS fallback) carries its own tag, which mp4 refuses: give
      // mp4's. Not for RTSP: an H.265 source is copied until ffmpeg names its codec, and avc1 on it
      // would fail the header first.
      ['-c:v', 'copy', ...(rtsp ? [] : ['-tag:v', 'avc1'])];
  const mp4 = `[f=mp4:movflags=${FMP4_FLAGS}:flush_packets=1]pipe:1`;
  const hls = `[f=hls:hls_time=1:hls_list_size=6:hls_flags=delete_segments+omit_endlist]${a.hlsDir}/index.m3u8`;
  const args = [
    // -nostdin: no keyboard interaction; a pipe:0 input still reads stdin.
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    ...input,
    '-an', '-sn', '-dn', '-map', '0:v:0',
    ...video,
    '-f', 'tee', `${mp4}|${hls}`,
  ];
  return { args, stdin: a.secret ? secretInputScript(a.url, a.timeoutMs) : null };
}
