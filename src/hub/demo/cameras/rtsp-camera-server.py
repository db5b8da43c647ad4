#!/usr/bin/python3
"""RTSP test cameras for wallrun's tests, demo and benches (GStreamer's RTSP server, python3-gi).

    /usr/bin/python3 rtsp-camera-server.py --port 8554 [--mounts h264,h265] [--user U --password P] [--exit-with-stdin]

Mounts /h264 (x264enc) and /h265 (x265enc): 320x180 at 25 fps, low-latency settings (no B-frames,
a key frame every 25 frames = 1 s). A mount may be named, `name:codec` (the demo's `cam-01:h264`);
each mount's bar starts elsewhere, so the demo's cameras do not look alike. Prints
`READY rtsp://127.0.0.1:<port>` once listening.

Each frame is made here (appsrc, I420) so that it carries an exact pixel time code: the source's
wall-clock time in milliseconds when the frame was made. Layout (see test/support/pixel-clock.ts,
which decodes it, and docs/cameras.md): the bottom band of the frame, rows 132..179 (48 of 180 rows),
is a grid of 16 columns x 4 rows of cells, 20x12 px each, read row by row, left to right:
  cells 0..3    start marker 1 0 1 0   (1 = white, 0 = black)
  cells 4..51   the time in ms, 48 bits, most significant first
  cells 52..59  check byte: the sum of the time's six bytes, mod 256, most significant bit first
  cells 60..63  end marker 0 1 0 1
Above the band the picture moves (a bar sweeping across a grey ramp) so that freezes show.
The frames are shared by every client of a mount (one pipeline per mount).
"""
import argparse
import os
import sys
import threading
import time

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

WIDTH, HEIGHT, FPS = 320, 180, 25
COLS, ROWS, CELL_W, CELL_H = 16, 4, 20, 12
BAND_TOP = HEIGHT - ROWS * CELL_H
START, END = [1, 0, 1, 0], [0, 1, 0, 1]

ENCODERS = {
    'h264': 'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bframes=0 bitrate=800 '
            '! video/x-h264,profile=constrained-baseline ! rtph264pay name=pay0 pt=96 config-interval=1',
    'h265': 'x265enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=800 '
            '! video/x-h265,profile=main ! rtph265pay name=pay0 pt=96 config-interval=1',
}


def time_code_bits(ms):
    data = [(ms >> (8 * (5 - i))) & 0xFF for i in range(6)]
    bits = [(ms >> (47 - i)) & 1 for i in range(48)]
    check = sum(data) & 0xFF
    return START + bits + [(check >> (7 - i)) & 1 for i in range(8)] + END


def make_frame(index, ms):
    """One I420 frame: luma with a moving bar and the time code band; neutral chroma except the bar.
    `index` is the frame number plus the mount's offset."""
    y_plane = bytearray(WIDTH * HEIGHT)
    ramp = bytes(40 + (x * 150) // WIDTH for x in range(WIDTH))
    for row in range(BAND_TOP):
        y_plane[row * WIDTH:(row + 1) * WIDTH] = ramp
    bar_x = (index * 6) % (WIDTH - 24)
    bar_row = bytes([235]) * 24
    for row in range(16, BAND_TOP - 16):
        o = row * WIDTH + bar_x
        y_plane[o:o + 24] = bar_row
    for cell, bit in enumerate(time_code_bits(ms)):
        value = bytes([235 if bit else 16]) * CELL_W
        cx, cy = (cell % COLS) * CELL_W, BAND_TOP + (cell // COLS) * CELL_H
        for row in range(cy, cy + CELL_H):
            y_plane[row * WIDTH + cx:row * WIDTH + cx + CELL_W] = value
    u_plane = bytearray([128]) * ((WIDTH // 2) * (HEIGHT // 2))
    v_plane = bytearray(u_plane)
    # a coloured tint that follows the bar, so chroma moves too
    for row in range(8, BAND_TOP // 2 - 8):
        o = row * (WIDTH // 2) + bar_x // 2
        u_plane[o:o + 12] = bytes([90]) * 12
        v_plane[o:o + 12] = bytes([200]) * 12
    return bytes(y_plane + u_plane + v_plane)


class FrameSource:
    """Pushes frames into one media's appsrc at 25 fps until the media goes away."""

    def __init__(self, appsrc, offset):
        self.appsrc = appsrc
        self.offset = offset
        self.stopped = threading.Event()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        period = 1.0 / FPS
        next_at = time.monotonic()
        index = self.offset
        started = False
        while not self.stopped.is_set():
            frame = make_frame(index, int(time.time() * 1000))
            buf = Gst.Buffer.new_wrapped(frame)
            buf.duration = Gst.SECOND // FPS
            flow = self.appsrc.emit('push-buffer', buf)
            # FLUSHING until the media's pipeline has started (a race with media-configure): wait;
            # once it has taken frames, a refusal means the media was shut down.
            if flow == Gst.FlowReturn.OK:
                started = True
            elif started:
                return
            index += 1
            next_at += period
            delay = next_at - time.monotonic()
            if delay <= 0:
                # Late (a loaded machine): start the schedule again from now rather than make frames
                # back to back, which would carry the same millisecond.
                next_at = time.monotonic() + period
                delay = period
            time.sleep(delay)


class CameraFactory(GstRtspServer.RTSPMediaFactory):
    def __init__(self, codec, offset):
        super().__init__()
        self.offset = offset
        caps = f'video/x-raw,format=I420,width={WIDTH},height={HEIGHT},framerate={FPS}/1'
        self.set_launch(f'( appsrc name=src is-live=true do-timestamp=true format=time caps="{caps}" '
                        f'! queue max-size-buffers=2 leaky=downstream ! {ENCODERS[codec]} )')
        self.set_shared(True)
        self.connect('media-configure', self.on_media_configure)

    def on_media_configure(self, _factory, media):
        appsrc = media.get_element().get_by_name('src')
        source = FrameSource(appsrc, self.offset)
        media.connect('unprepared', lambda *_: source.stopped.set())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--mounts', default='h264,h265')
    parser.add_argument('--user')
    parser.add_argument('--password')
    parser.add_argument('--exit-with-stdin', action='store_true',
                        help='exit when stdin closes: the parent died (a crashed test run leaves no server behind)')
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True).start()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address('127.0.0.1')
    server.set_service(str(args.port))
    mounts = server.get_mount_points()
    for number, mount in enumerate(args.mounts.split(',')):
        name, _, codec = mount.partition(':')
        codec = codec or name
        if codec not in ENCODERS:
            print(f'mount {mount}: the codec is h264 or h265', file=sys.stderr, flush=True)
            sys.exit(2)
        factory = CameraFactory(codec, number * 17)
        if args.user is not None:
            factory.add_role_from_structure(Gst.Structure.new_from_string(
                'camera-user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true'))
        mounts.add_factory(f'/{name}', factory)
    if args.user is not None:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string('media.factory.role', 'camera-user')
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password or ''), token)
        server.set_auth(auth)
    if server.attach(None) == 0:
        print(f'cannot listen on 127.0.0.1:{args.port}', file=sys.stderr, flush=True)
        sys.exit(1)
    print(f'READY rtsp://127.0.0.1:{args.port}', flush=True)
    GLib.MainLoop().run()


if __name__ == '__main__':
    main()
