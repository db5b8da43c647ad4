import { describe, expect, it } from 'vitest';
import { resolveRenderBackend } from './render-backend.js';

describe('resolveRenderBackend', () => {
  it('auto (and unset) takes the 2D canvas only where the shell found software compositing', () => {
    expect(resolveRenderBackend({ compositing: 'software' })).toBe('canvas');
    expect(resolveRenderBackend({ compositing: 'software', render: { backend: 'auto' } })).toBe('canvas');
    expect(resolveRenderBackend({ compositing: 'gpu' })).toBe('webgl');
    expect(resolveRenderBackend({}), 'compositing unknown: WebGL, as before the shell told').toBe('webgl');
  });

  it('a backend set by hand wins over compositing', () => {
    expect(resolveRenderBackend({ compositing: 'software', render: { backend: 'webgl' } })).toBe('webgl');
    expect(resolveRenderBackend({ compositing: 'gpu', render: { backend: 'canvas' } })).toBe('canvas');
  });
});
