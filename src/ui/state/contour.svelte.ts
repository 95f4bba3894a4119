/**
 * The contour plot's state: which two parameters it shows (by default the two most important, else
 * the first two of the space) and the latest contour from the analysis worker.
 */
import type { ContourInput, ContourResult, ImportanceResult } from '../../core/analysis';
import { formatValue } from '../../core/scheduler';
import type { Space } from '../../core/space';
import { LatestAnalysis, type AnalysisRequest, type ContourCompute } from './importance.svelte';

export class ContourState extends LatestAnalysis<ContourInput, ContourResult> {
  /** The user's choice of axes (null: the default pair). */
  chosen = $state<{ x: string; y: string } | null>(null);

  constructor(compute: ContourCompute) {
    super(compute);
  }

  /** The two parameters shown: the user's, else the two most important, else the space's first two; null with fewer than two. */
  axes(space: Space, importance: ImportanceResult | null): { x: string; y: string } | null {
    const names = space.parameters.map((p) => p.name);
    if (names.length < 2) return null;
    if (this.chosen && names.includes(this.chosen.x) && names.includes(this.chosen.y) && this.chosen.x !== this.chosen.y) return this.chosen;
    const ranked = importance?.kind === 'ok' ? importance.parameters.map((p) => p.name).filter((n) => names.includes(n)) : names;
    return { x: ranked[0], y: ranked[1] };
  }

  /** The request for `runs` of experiment `id` (a new key as runs end or the axes change). */
  requestFor(id: string, metric: string, space: Space, runs: ContourInput['runs'], importance: ImportanceResult | null): AnalysisRequest<ContourInput> | null {
    const axes = this.axes(space, importance);
    if (!axes) return null;
    return { key: `${id}|${metric}|${runs.length}|${axes.x}|${axes.y}`, input: { space, runs, ...axes }, series: `${id}|${metric}|${axes.x}|${axes.y}` };
  }
}

/** The best cell of a contour in words (the chart's text alternative). */
export function contourText(result: Extract<ContourResult, { kind: 'ok' }>, metric: string, maximize: boolean): string {
  let best = { i: 0, j: 0, v: result.values[0][0] };
  result.values.forEach((row, j) => row.forEach((v, i) => {
    if (maximize ? v > best.v : v < best.v) best = { i, j, v };
  }));
  const at = (axis: typeof result.x, k: number): string => (axis.labels ? axis.labels[k] : String(Number(axis.centers[k].toPrecision(3))));
  return `The surrogate predicts the ${maximize ? 'highest' : 'lowest'} ${metric}, ${formatValue(best.v)}, near ${result.x.name} = ${at(result.x, best.i)} and ${result.y.name} = ${at(result.y, best.j)} (averaged over the other parameters; ${result.runs.length} runs shown).`;
}
