import { describe, expect, it } from 'vitest';
import { compositingFromFeatureStatus, compositingFromStatus } from './compositing.js';

describe('compositing from Chromium’s GPU feature status', () => {
  it('reads GPU compositing as gpu, forced variants included', () => {
    expect(compositingFromStatus('enabled')).toBe('gpu');
    expect(compositingFromStatus('enabled_force')).toBe('gpu');
    expect(compositingFromStatus('enabled_on')).toBe('gpu');
  });

  it('reads the software compositor as software', () => {
    expect(compositingFromStatus('disabled_software')).toBe('software');
    expect(compositingFromStatus('unavailable_software')).toBe('software');
  });

  it('leaves anything else unknown', () => {
    expect(compositingFromStatus('disabled_off')).toBeUndefined();
    expect(compositingFromStatus('unavailable_off')).toBeUndefined();
    expect(compositingFromStatus('')).toBeUndefined();
    expect(compositingFromStatus(undefined)).toBeUndefined();
    expect(compositingFromStatus(1)).toBeUndefined();
  });

  it('picks gpu_compositing out of the whole status object', () => {
    const status = { '2d_canvas': 'unavailable_software', gpu_compositing: 'disabled_software', webgl: 'enabled' };
    expect(compositingFromFeatureStatus(status)).toBe('software');
    expect(compositingFromFeatureStatus({ ...status, gpu_compositing: 'enabled' })).toBe('gpu');
    expect(compositingFromFeatureStatus({ webgl: 'enabled' })).toBeUndefined();
    expect(compositingFromFeatureStatus(null)).toBeUndefined();
    expect(compositingFromFeatureStatus('enabled')).toBeUndefined();
  });
});
