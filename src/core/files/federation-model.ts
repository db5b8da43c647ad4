/**
 * A project's federation.yaml as the hub uses it (docs/federation.md): a sub-centre forwards to its
 * province over NATS JetStream; a province applies what its sub-centres forwarded. Credentials are
 * never in the file (the hub reads them from its data directory or the environment).
 */
export interface FederationRetention {
  /** Messages a sub-centre's stream keeps at most (the oldest go first). */
  maxMessages: number;
  /** How long it keeps them, in seconds. */
  maxAgeS: number;
}

export type FederationConfig =
  | {
      role: 'sub-centre';
      /** Lowercase id (`son-la-city`): the province's topic prefix and JetStream domain `sub-<id>`. */
      id: string;
      /** This sub-centre's own nats-server (a leaf node of the province's). */
      nats: string;
      forward: { topics: string[]; alerts: boolean };
      retention: FederationRetention;
    }
  | {
      role: 'province';
      id: string;
      /** The province's nats-server (JetStream domain `province`). */
      nats: string;
      subCentres: string[];
      retention: FederationRetention;
    };

/**
 * 48 h at 100 updates/s: 17.28 M messages. One message is one accepted REST publish or alert change
 * (about 200 bytes to 1 KB on disk with its headers): up to ~17 GB for a stream at 1 KB each.
 */
export const DEFAULT_RETENTION: FederationRetention = { maxMessages: 17_280_000, maxAgeS: 48 * 3600 };

/** Whether `topic` matches a forward glob: `*` one segment, a final `**` any further segments. */
export function topicMatches(glob: string, topic: string): boolean {
  const g = glob.split('.');
  const t = topic.split('.');
  for (let i = 0; i < g.length; i++) {
    if (g[i] === '**' && i === g.length - 1) return t.length > i;
    if (i >= t.length) return false;
    if (g[i] !== '*' && g[i] !== t[i]) return false;
  }
  return g.length === t.length;
}
