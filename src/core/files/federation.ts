/**
 * `federation.yaml` (optional, beside wall.yaml; docs/federation.md): schema, then what the schema
 * cannot say — a sub-centre needs `forward` and no `subCentres`, a province the reverse — and the
 * model with its defaults (federation-model.ts). Errors name the file, line and field.
 */
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { DEFAULT_RETENTION, type FederationConfig } from './federation-model.js';
import type { SourceFile } from './load-result.js';
import { runSchema, validators } from './schema-parts.js';
import { diagnosticAt } from './yaml-position.js';
import { parseYamlSource } from './yaml-source.js';

export interface FederationAnalysis {
  file: string;
  diagnostics: Diagnostic[];
  /** The config, only when the file has no errors. */
  value?: FederationConfig;
}

const SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `48h` → 172 800 (the schema checked the form). */
export function durationSeconds(text: string): number {
  return Number(text.slice(0, -1)) * SECONDS[text.slice(-1) as keyof typeof SECONDS];
}

export function analyseFederation(source: SourceFile): FederationAnalysis {
  const { parsed: yaml, diagnostics } = parseYamlSource(source);
  if (!yaml) return { file: source.path, diagnostics };
  runSchema(validators().federation, yaml, diagnostics);
  const raw = (yaml.data ?? {}) as Record<string, unknown>;
  const misplaced = (field: string, role: string): void =>
    void diagnostics.push(diagnosticAt(yaml, [field], 'federation-role-field', `"${field}" is not used by a ${role}: remove it`, { key: true }));
  const missing = (field: string, role: string): void =>
    void diagnostics.push(diagnosticAt(yaml, ['role'], 'federation-missing-field', `a ${role} needs "${field}"`));
  if (raw.role === 'sub-centre') {
    if (raw.subCentres !== undefined) misplaced('subCentres', 'sub-centre');
    if (raw.forward === undefined) missing('forward', 'sub-centre');
  } else if (raw.role === 'province') {
    if (raw.forward !== undefined) misplaced('forward', 'province');
    if (raw.subCentres === undefined) missing('subCentres', 'province');
  }
  if (hasErrors(diagnostics)) return { file: source.path, diagnostics: sortDiagnostics(diagnostics) };
  const r = (raw.retention ?? {}) as { maxMessages?: number; maxAge?: string };
  const retention = {
    maxMessages: r.maxMessages ?? DEFAULT_RETENTION.maxMessages,
    maxAgeS: r.maxAge !== undefined ? durationSeconds(r.maxAge) : DEFAULT_RETENTION.maxAgeS,
  };
  const common = { id: raw.id as string, nats: raw.nats as string, retention };
  const value: FederationConfig =
    raw.role === 'sub-centre'
      ? (() => {
          const f = raw.forward as { topics: string[]; alerts?: boolean };
          return { role: 'sub-centre' as const, ...common, forward: { topics: f.topics, alerts: f.alerts ?? true } };
        })()
      : { role: 'province', ...common, subCentres: raw.subCentres as string[] };
  return { file: source.path, diagnostics, value };
}
