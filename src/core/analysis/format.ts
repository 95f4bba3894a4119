/** Plain-text and JSON faces of an importance result, shared by the CLI and the page. */
import type { ImportanceResult } from './importance';

/** Name of the method, as importance.json and the page state it. */
export const IMPORTANCE_METHOD = 'fANOVA on a random forest (Hutter et al. 2014), as Optuna';

/** A share as a percentage with one decimal: 0.4321 -> "43.2%". */
export function shareText(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

/** One line: the `top` most important parameters with their shares, or why there are none. */
export function importanceLine(result: ImportanceResult, metric: string, top = 3): string {
  if (result.kind === 'unavailable') return `parameter importance for ${metric}: unavailable, ${result.reason}`;
  const shown = result.parameters.slice(0, top).map((p) => `${p.name} ${shareText(p.share)}`);
  const more = result.parameters.length > top ? `, ${result.parameters.length - top} more` : '';
  return `parameter importance for ${metric} (${result.runs} runs): ${shown.join(', ')}${more}`;
}

/** The content of importance.json. */
export function importanceJson(result: ImportanceResult, metric: string): Record<string, unknown> {
  const base = { primaryMetricName: metric, method: IMPORTANCE_METHOD, runs: result.runs };
  if (result.kind === 'unavailable') return { ...base, available: false, reason: result.reason, parameters: [] };
  return { ...base, available: true, trees: result.trees, parameters: result.parameters };
}
