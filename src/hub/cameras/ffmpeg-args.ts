/**
 * The ffmpeg command line of one camera pull: RTSP over TCP, video only (G.711 audio cannot go into
 * MSE), H.264 copied, H.265 transcoded to H.264 at the camera's size; one encode feeds both outputs
 * through the tee muxer: fragmented MP4 on stdout (a fragment per frame, for the WebSocket path) and
 * an HLS playlist in a temporary folder (the fallback).
 */

export interface PullArgs {
  /** The URL with its credential (only ever in this argument list). */
  url: string;
  /** Transcode to H.264 at this size (the source is H.265); absent: copy. */
  transcode?: { width: number; height: number };
  /** Folder of the HLS output (index.m3u8 and its segments). */
  hlsDir: string;
  /** Socket I/O timeout of the RTSP input, ms. */
  timeoutMs: number;
}

export const FMP4_FLAGS = 'empty_moov+default_base_moof+frag_keyframe+frag_every_frame';

export function pullArgs(a: PullArgs): string[] {
  const rtsp = /^rtsps?:/i.test(a.url);
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
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    // RTSP over TCP. Only for an RTSP input: ffmpeg refuses an option its input does not take, and
    // the demo without GStreamer points its cameras at ffmpeg HLS streams (src/hub/demo/demo-cameras.ts).
    ...(rtsp ? ['-rtsp_transport', 'tcp'] : []),
    '-timeout', String(a.timeoutMs * 1000),
    '-fflags', 'nobuffer', '-i', a.url,
    '-an', '-sn', '-dn', '-map', '0:v:0',
    ...video,
    '-f', 'tee', `${mp4}|${hls}`,
  ];
}
