/**
 * The NATS names federation uses (docs/federation.md): one JetStream domain and one stream per
 * sub-centre, the province's stream that sources them all, and its durable consumer. A sub-centre id
 * is a lowercase topic segment (`son-la-city`), so it may prefix topics (`son-la-city.flood.level`).
 */
export const PROVINCE_DOMAIN = 'province';
export const PROVINCE_STREAM = 'WALLRUN_PROVINCE';
export const PROVINCE_CONSUMER = 'wallrun-province';

/** `sub-<id>`: the JetStream domain of a sub-centre's nats-server. */
export const subCentreDomain = (id: string): string => `sub-${id}`;
/** `WALLRUN_FWD_<ID>`: a sub-centre's local stream (stream names: letters, digits, `_` and `-`). */
export const forwardStream = (id: string): string => `WALLRUN_FWD_${id.toUpperCase().replace(/-/g, '_')}`;
/** The subject a sub-centre hub publishes to; its stream holds only it. */
export const forwardSubject = (id: string): string => `wallrun.fwd.${id}`;
/** The JetStream API of a domain, as another domain reaches it across the leaf link. */
export const domainApi = (domain: string): string => `$JS.${domain}.API`;
/** A forwarded message's id (Nats-Msg-Id): JetStream drops a second one within the duplicate window. */
export const messageId = (subCentre: string, seq: number): string => `${subCentre}:${seq}`;

/** A sub-centre's topic as the province shows it. */
export const provinceTopic = (subCentre: string, topic: string): string => `${subCentre}.${topic}`;
/** A sub-centre's alert id as the province keeps it (ids allow `:`; the sub-centre's own id follows). */
export const provinceAlertId = (subCentre: string, id: string): string => `${subCentre}:${id}`;

export const NS_PER_MS = 1_000_000;
