/**
 * How the browser composites a wall page, as the host finds it (the page cannot: WebGL reports
 * SwiftShader both with GPU compositing on SwiftShader and with software compositing). Chromium
 * reports it as the `gpu_compositing` entry of its GPU feature status: over the DevTools protocol
 * (`SystemInfo.getInfo`: `gpu.featureStatus.gpu_compositing`) in the browser shell, and from
 * `app.getGPUFeatureStatus().gpu_compositing` in Electron. The result is the page config's
 * `compositing` (host-api.ts WallPageConfig).
 */
import type { WallPageConfig } from './host-api.js';

export type Compositing = NonNullable<WallPageConfig['compositing']>;

/**
 * Chromium's status string → 'gpu' ("enabled", and its forced variants "enabled_force",
 * "enabled_on", …) or 'software' ("disabled_software", "unavailable_software": the compositor
 * runs on the CPU); anything else, or no string, is unknown (undefined).
 */
export function compositingFromStatus(status: unknown): Compositing | undefined {
  if (typeof status !== 'string') return undefined;
  if (status === 'enabled' || status.startsWith('enabled_')) return 'gpu';
  if (status === 'disabled_software' || status === 'unavailable_software') return 'software';
  return undefined;
}

/** The same from a whole feature status object (`{ gpu_compositing: "…", … }`), as both hosts get it. */
export function compositingFromFeatureStatus(featureStatus: unknown): Compositing | undefined {
  if (typeof featureStatus !== 'object' || featureStatus === null) return undefined;
  return compositingFromStatus((featureStatus as Record<string, unknown>)['gpu_compositing']);
}
