/**
 * What the soak counts inside each wall page (installed through the DevTools protocol once the
 * page is up, before it ever shows a camera; self-contained functions serialised by playwright):
 *  - WebGL textures: createTexture − deleteTexture since installation (a net count, so the same
 *    layout must come back to the same number);
 *  - WebSockets: opened − closed since installation (the hub link was opened before: a reconnect
 *    opens one and closes one, net 0; a leaked socket stays +1);
 *  - media elements: every <video>/<audio> created since installation, and how many of them are
 *    live (networkState not EMPTY: a source is attached) with their decoded frames
 *    (getVideoPlaybackQuality().totalVideoFrames);
 *  - frame times: requestAnimationFrame deltas since the last sample.
 * The JavaScript heap comes from CDP (Runtime.getHeapUsage, after HeapProfiler.collectGarbage when
 * asked), which is exact where performance.memory is bucketed.
 */

export async function installProbes(page) {
  await page.evaluate(() => {
    const g = globalThis;
    const s = { textures: 0, socketsOpened: 0, socketsClosed: 0, media: new Set(), deltas: [], last: 0 };
    for (const C of [g.WebGLRenderingContext, g.WebGL2RenderingContext]) {
      if (!C) continue;
      const create = C.prototype.createTexture;
      const del = C.prototype.deleteTexture;
      C.prototype.createTexture = function (...a) {
        const t = create.apply(this, a);
        if (t) s.textures++;
        return t;
      };
      C.prototype.deleteTexture = function (t, ...a) {
        if (t && !t.__soakDeleted) {
          t.__soakDeleted = true;
          s.textures--;
        }
        return del.call(this, t, ...a);
      };
    }
    const WS = g.WebSocket;
    g.WebSocket = class extends WS {
      constructor(...a) {
        super(...a);
        s.socketsOpened++;
        this.addEventListener('close', () => s.socketsClosed++, { once: true });
      }
    };
    const createElement = g.document.createElement;
    g.document.createElement = function (tag, ...a) {
      const el = createElement.call(this, tag, ...a);
      if (/^(video|audio)$/i.test(String(tag))) s.media.add(el);
      return el;
    };
    const step = (t) => {
      if (s.last) s.deltas.push(t - s.last);
      s.last = t;
      g.requestAnimationFrame(step);
    };
    g.requestAnimationFrame(step);
    g.__soak = s;
  });
}

/** One sample of the page's counts; the frame deltas since the previous sample are taken. */
export async function pageSample(page) {
  return page.evaluate(() => {
    const s = globalThis.__soak;
    const live = [...s.media].filter((m) => m.networkState !== 0);
    const deltas = s.deltas.splice(0).sort((a, b) => a - b);
    const q = (p) => (deltas.length ? deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))] : null);
    const dbg = globalThis.wallrunDebug?.state();
    const cams = globalThis.wallrunCameras?.();
    return {
      textures: s.textures,
      sockets: s.socketsOpened - s.socketsClosed,
      mediaCreated: s.media.size,
      mediaLive: live.length,
      decodedFrames: live.reduce((n, m) => n + (m.getVideoPlaybackQuality?.().totalVideoFrames ?? 0), 0),
      frames: deltas.length,
      frameMs: { p50: q(0.5), p99: q(0.99), max: deltas.at(-1) ?? null },
      layout: dbg?.layout ?? null,
      hub: dbg?.hub?.connection ?? null,
      snapshots: dbg?.hub?.snapshots ?? null,
      cameras: (cams?.tiles ?? []).map((t) => ({ tile: t.tile, state: t.state })),
      cameraTextures: (cams?.tiles ?? []).filter((t) => t.textured).length,
    };
  });
}

/** The page's JavaScript heap in MiB (after a full GC when `gc`). */
export async function heapMiB(cdp, gc) {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return Math.round((usedSize / 1048576) * 100) / 100;
}

/** The page's camera tiles and their states (wallrunCameras), without taking a sample. */
export async function cameraStates(page) {
  return page.evaluate(() => (globalThis.wallrunCameras?.().tiles ?? []).map((t) => ({ tile: t.tile, state: t.state })));
}
