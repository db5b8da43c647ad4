/**
 * How a camera frame reaches its GL texture: `texImage2D(video)` every time, never pixi's
 * `texSubImage2D` path. Registered with pixi as a WebGL texture uploader (`uploadMethodId`
 * `camera-frame`), so the renderer still owns binding, the unpack state and context restores.
 *
 * Why: in Chromium, `texSubImage2D(video)` takes the slow path, converting the frame on the page's
 * main thread and copying it synchronously, while `texImage2D(video)` hands the frame to the GPU
 * process, which converts and copies it there without blocking the page. Measured under SwiftShader
 * with one 640×360 H.264 video (median of 30 calls, each in its frame callback): texSubImage2D
 * 13.4 ms of main thread; texImage2D 2.5 ms (11.6 ms once the GPU process has finished, so the work
 * itself is no larger). On a GPU both are copies on the GPU; texImage2D also follows a change of the
 * variant's size by itself. docs/cameras.md, "Upload cost", has the figures.
 *
 * Only ever called when the element has a decoded frame: the source creates its texture and asks
 * for uploads from requestVideoFrameCallback, and drops pending uploads when its element is emptied.
 */
import { extensions, ExtensionType, type GLTextureUploader } from 'pixi.js';

export const CAMERA_FRAME_UPLOAD = 'camera-frame';

export const glUploadCameraFrame: GLTextureUploader & { extension: { type: ExtensionType; name: string } } = {
  extension: { type: ExtensionType.TextureUploaderWebGL, name: CAMERA_FRAME_UPLOAD },
  id: CAMERA_FRAME_UPLOAD,
  upload(source, glTexture, gl) {
    const video = source.resource as HTMLVideoElement;
    gl.texImage2D(glTexture.target, 0, glTexture.internalFormat, glTexture.format, glTexture.type, video);
    glTexture.width = source.pixelWidth;
    glTexture.height = source.pixelHeight;
  },
};

// Before any renderer exists: pixi copies the uploaders into each GlTextureSystem it constructs.
extensions.add(glUploadCameraFrame);
