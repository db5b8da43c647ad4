/**
 * How a Chromium the shell starts trusts the hub: the shell checks the hub's certificate itself
 * (src/node/hub-trust.ts: the configured CA or pinned fingerprint, the check Electron makes) and
 * pins the key it verified with Chromium's `--ignore-certificate-errors-spki-list`, so that
 * Chromium accepts exactly that key for the hub and nothing else. Chromium takes the list only at
 * start: the hub must be reachable when the shell starts, and a hub that changes its key needs the
 * shell started again (docs/security.md, "Encrypted hub links").
 */
import type { X509Certificate } from 'node:crypto';
import { probeHubCertificate, spkiHash, type HubTrust } from '../node/hub-trust.js';

/**
 * The hub as the shell checks it: probed at its URL and verified against `trust`; or, for a hub
 * whose certificate the caller made itself (`wallrun demo`, which starts Chromium beside its hub
 * rather than after it), that certificate, pinned as it is.
 */
export type ShellHubTrust =
  | {
      /** The hub's URL, as the pages connect to it. */
      url: string;
      trust: HubTrust;
    }
  | { ownCertificate: X509Certificate };

/** The Chromium flags that admit the verified hub; rejects with a HubTrustError saying why not. */
export async function hubPinFlags(hub: ShellHubTrust | undefined): Promise<string[]> {
  if (!hub) return [];
  const leaf = 'ownCertificate' in hub ? hub.ownCertificate : await probeHubCertificate(hub.url, hub.trust);
  return [`--ignore-certificate-errors-spki-list=${spkiHash(leaf)}`];
}
