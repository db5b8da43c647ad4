/**
 * The `federation` section of a hub's `GET /healthz` (docs/protocol.md, docs/federation.md): a
 * province's per sub-centre link, backlog and lag, or a sub-centre's link to the province and its
 * local stream. Read by the operator console's federation card.
 */

/** A leaf link's state and since when (hub ms). */
export interface LinkState {
  up: boolean;
  since: number;
}

export interface SubCentreLink {
  id: string;
  link: LinkState;
  /** Messages forwarded but not applied at the province yet: known source lag plus the consumer's pending. */
  backlog: number;
  /** 0 when caught up (link up, no backlog); otherwise ms since the newest applied message's origin time. */
  lagMs: number;
  applied: { seq: number; originAt: number; appliedAt: number } | null;
  /** Messages applied since the province hub started. */
  appliedCount: number;
}

export interface ProvinceHealth {
  role: 'province';
  id: string;
  subCentres: SubCentreLink[];
}

export interface SubCentreHealth {
  role: 'sub-centre';
  id: string;
  /** The leaf link to the province (its JetStream answers across it). */
  province: LinkState;
  /** The local stream: messages and bytes kept, and the last forwarded sequence. */
  stream: { name: string; messages: number; bytes: number; lastSeq: number };
}

export type FederationHealth = ProvinceHealth | SubCentreHealth;
