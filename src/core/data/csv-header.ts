/** The header row: column names, made non-empty and unique, and the one-column check. */
import { delimiterName } from './csv-sniff';
import { InvalidDataError } from './errors';
import { quote } from './values';

/** Column names from the header cells, with a warning for each name that had to change. */
export function readHeader(
  cells: readonly string[],
  fileName: string,
  line: number,
  delimiter: string,
): { names: string[]; warnings: string[] } {
  if (cells.length < 2) {
    throw new InvalidDataError(
      `"${fileName}" line ${line}: found a single column ${quote(cells[0] ?? '')} with the ${delimiterName(delimiter)} delimiter. ` +
        'A CSV needs a header row and at least two columns (a target and a feature) separated by commas, semicolons or tabs.',
    );
  }
  const warnings: string[] = [];
  const used = new Set<string>();
  const names = cells.map((cell, i) => {
    let name = cell.trim();
    if (name === '') {
      name = `column_${i + 1}`;
      warnings.push(`column ${i + 1} has no name in the header; called it "${name}"`);
    }
    if (used.has(name)) {
      let k = 2;
      while (used.has(`${name}_${k}`)) k++;
      warnings.push(`column ${i + 1}: the name "${name}" appears twice in the header; called it "${name}_${k}"`);
      name = `${name}_${k}`;
    }
    used.add(name);
    return name;
  });
  return { names, warnings };
}
