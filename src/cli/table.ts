/** Plain-text table with columns padded to their widest cell; CJK/Vietnamese width is per code point. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// Vietnamese in NFC is one code point per letter, so code points measure terminal width well enough.
function width(s: string): number {
  return [...s.normalize('NFC')].length;
}
