/**
 * What draws a window's scene: pixi's WebGL renderer, or pixi's 2D canvas renderer. The widgets
 * are the same pixi objects either way; only the renderer under them differs.
 *
 * Why two: where Chromium composites in software (a GPU-less PC, a VM, remote review: the shell
 * tells, page config `compositing`), every WebGL frame is drawn by SwiftShader in the GPU process
 * and then read back whole for the software compositor, and the page's main thread waits for that
 * read-back (82 % of its time in one trace, docs/bench.md "Where a default-flags frame goes"). A 2D
 * canvas there is drawn by Skia on the page's own CPU into memory the compositor reads directly:
 * no read-back, no GPU process. Measured on the 2-core box, the overview scene at 180 updates/s,
 * Chromium's defaults: 30 changed frames/s at 47 % of a core against WebGL's 13 at 172 %
 * (docs/bench.md "Render backend: figures on a quiet machine"). Where the browser composites on a GPU, WebGL stays: camera
 * frames are GPU-to-GPU copies there and the canvas needs no read-back.
 */
import type { WallPageConfig } from '../core/page/host-api.js';

export type RenderBackend = 'webgl' | 'canvas';

/** `render.backend` as set, or for `auto` (and unset) the backend the shell's compositing calls for. */
export function resolveRenderBackend(config: Pick<WallPageConfig, 'render' | 'compositing'>): RenderBackend {
  const wanted = config.render?.backend ?? 'auto';
  if (wanted !== 'auto') return wanted;
  return config.compositing === 'software' ? 'canvas' : 'webgl';
}

/**
 * Whether this page's WebGL is drawn in software (SwiftShader: no GPU, a GPU blocked by Chromium,
 * or the GL forced to it), which the page can tell itself (what it cannot tell is how the browser
 * composites: the shell says that). Read from a throwaway context's unmasked renderer string,
 * released at once. False where WebGL or the renderer string is unavailable.
 */
export function webglIsSoftware(): boolean {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return false;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return typeof renderer === 'string' && /swiftshader|llvmpipe|software/i.test(renderer);
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
