/**
 * Files of the built wall page (dist/renderer) that code on both sides names: the build writes
 * them, the page loads them.
 */

/** The hub link's worker, beside the page's bundle (src/renderer/net/socket-worker.ts). */
export const LINK_WORKER_FILE = 'hub-link-worker.js';
