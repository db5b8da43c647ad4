import { describe, expect, it } from 'vitest';
import { cameraConfig, hlsConfig, liveMaxLatencyDurationCount, resolveVideoPath } from './camera-config.js';

describe('hls.js settings from the camera slice', () => {
  it('with lowLatencyMode and the default sync count, leaves the target latency to an LL-HLS playlist\'s PART-HOLD-BACK', () => {
    const settings = hlsConfig(cameraConfig());
    expect(settings.lowLatencyMode).toBe(true);
    // hls.js lets a configured count override PART-HOLD-BACK, and refuses a max count without it.
    expect(settings).not.toHaveProperty('liveSyncDurationCount');
    expect(settings).not.toHaveProperty('liveMaxLatencyDurationCount');
    expect(liveMaxLatencyDurationCount(cameraConfig())).toBe(7);
  });

  it('passes a site\'s own sync count, and both counts without lowLatencyMode', () => {
    expect(hlsConfig(cameraConfig({ liveSyncDurationCount: 4 }))).toMatchObject({ liveSyncDurationCount: 4, liveMaxLatencyDurationCount: 8 });
    expect(hlsConfig(cameraConfig({ lowLatencyMode: false }))).toMatchObject({ lowLatencyMode: false, liveSyncDurationCount: 3, liveMaxLatencyDurationCount: 7 });
  });
});

describe('video path', () => {
  it('auto takes the element where compositing or WebGL is software, textures where a GPU does both; a set path stays', () => {
    const hardware = (): boolean => false;
    const software = (): boolean => true;
    expect(resolveVideoPath('auto', 'software', hardware)).toBe('element');
    expect(resolveVideoPath('auto', 'gpu', software)).toBe('element');
    expect(resolveVideoPath('auto', undefined, software)).toBe('element');
    expect(resolveVideoPath('auto', 'gpu', hardware)).toBe('texture');
    expect(resolveVideoPath('auto', undefined, hardware)).toBe('texture');
    expect(resolveVideoPath('texture', 'software', software)).toBe('texture');
    expect(resolveVideoPath('element', 'gpu', hardware)).toBe('element');
  });

  it('asks about WebGL only when it must decide', () => {
    let asked = 0;
    const probe = (): boolean => (asked++, false);
    resolveVideoPath('texture', 'gpu', probe);
    resolveVideoPath('auto', 'software', probe);
    expect(asked).toBe(0);
    resolveVideoPath('auto', 'gpu', probe);
    expect(asked).toBe(1);
  });

  it('refuses a path it does not know, naming the key', () => {
    expect(() => cameraConfig({ videoPath: 'dom' as never })).toThrow(/camera\.videoPath/);
    expect(cameraConfig().videoPath).toBe('auto');
  });
});
