/** Plain-text tables for the terminal (the CLI prints what these return). */

/**
 * Columns padded to width. `align` has one letter per column, `l` or `r`; columns beyond it are
 * right-aligned (numbers), so the default suits a label followed by figures.
 */
export function alignColumns(rows: readonly (readonly string[])[], align = 'l'): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - [...cell].length);
          return (align[i] ?? 'r') === 'l' ? cell + pad : pad + cell;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
