// Types of overview-table.mjs, for its test (test/bench/overview-table.test.ts).
export type VariantResult = Record<string, unknown>;
export const ROWS: [string, string | ((r: VariantResult) => unknown)][];
export const PAIRS: [string, string][];
export function table(result: { variants: Record<string, VariantResult> }): string;
export function ratiosOf(variants: Record<string, VariantResult>): Record<string, unknown>;
