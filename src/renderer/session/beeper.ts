/**
 * The escalation sound: three short 880 Hz tones made with WebAudio in the page (no asset, nothing
 * fetched). Counted whether or not sound is on, so tests (muted) can see that it would have
 * played. The wall's Chromium and Electron windows allow audio without a user gesture.
 */
import type { Sounder } from './escalation.js';

export class Beeper implements Sounder {
  public beeps = 0;
  private context: AudioContext | null = null;

  public constructor(private readonly enabled: boolean) {}

  public beep(): void {
    this.beeps += 1;
    if (!this.enabled || typeof AudioContext === 'undefined') return;
    try {
      this.context ??= new AudioContext();
      const ctx = this.context;
      if (ctx.state === 'suspended') void ctx.resume();
      const gain = ctx.createGain();
      gain.connect(ctx.destination);
      const t0 = ctx.currentTime + 0.02;
      gain.gain.setValueAtTime(0, t0);
      for (let i = 0; i < 3; i++) {
        const start = t0 + i * 0.25;
        const osc = ctx.createOscillator();
        osc.type = 'square';
        osc.frequency.value = 880;
        osc.connect(gain);
        gain.gain.setValueAtTime(0, start);
        gain.gain.linearRampToValueAtTime(0.25, start + 0.01);
        gain.gain.setValueAtTime(0.25, start + 0.14);
        gain.gain.linearRampToValueAtTime(0, start + 0.15);
        osc.start(start);
        osc.stop(start + 0.16);
      }
    } catch {
      // No audio device: the flashing still tells.
    }
  }

  public destroy(): void {
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
