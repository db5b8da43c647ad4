# A small RTSP server for the gateway's tests (GStreamer's rtsp-server through python3-gi):
# mounts /h264 and /h265 (320x180 @ 25 fps, moving pattern), optional basic auth.
# argv: port [username password]. Prints "READY <port>" once listening.
import sys
import gi
gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import Gst, GstRtspServer, GLib

Gst.init(None)
port = sys.argv[1]
server = GstRtspServer.RTSPServer()
server.set_address('127.0.0.1')
server.set_service(port)
mounts = server.get_mount_points()
src = 'videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=180,framerate=25/1'
pipes = {
    '/h264': f'( {src} ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 ! rtph264pay name=pay0 pt=96 config-interval=1 )',
    '/h265': f'( {src} ! x265enc tune=zerolatency speed-preset=ultrafast key-int-max=25 ! rtph265pay name=pay0 pt=96 config-interval=1 )',
}
for path, launch in pipes.items():
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    factory.set_shared(True)
    if len(sys.argv) > 3:
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_permission_for_role('user', 'media.factory.access', True)
        permissions.add_permission_for_role('user', 'media.factory.construct', True)
        factory.set_permissions(permissions)
    mounts.add_factory(path, factory)
if len(sys.argv) > 3:
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string('media.factory.role', 'user')
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(sys.argv[2], sys.argv[3]), token)
    server.set_auth(auth)
server.attach(None)
print('READY', port, flush=True)
GLib.MainLoop().run()
