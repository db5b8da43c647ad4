// Types of overview-measures.mjs's render block, for its test (test/bench/overview-table.test.ts).
export interface RenderState {
  backend: 'webgl' | 'canvas' | null;
  partial: number | null;
}
export function renderBlock(a: RenderState, b: RenderState, seconds: number): { backend: RenderState['backend']; partialFrames: number | null; partialFps: number | null };
