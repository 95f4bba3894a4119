/**
 * The benchmark's printed report: regret tables, in-flight ratios, suggest times and the targets
 * of the sampling issue, each marked met or not.
 */

export interface Cell {
  readonly regret: number;
}

/** Cells keyed by `sampler|inFlight|function`. */
export type Results = Record<string, Cell[]>;

export interface ReportInput {
  readonly results: Results;
  readonly seeds: number;
  readonly runs: number;
  readonly inFlight: readonly number[];
  readonly functions: readonly string[];
  readonly times: { tabtune100: number[]; tabtune1000: number[]; optuna100: number[]; optuna1000: number[] };
  readonly seconds: number;
}

/** The q-quantile (linear interpolation) of `values`. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const fmt = (v: number) => (Number.isNaN(v) ? '-' : v === 0 ? '0' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(2));

const OPTUNA = ['optuna tpe', 'optuna random', 'optuna cmaes'];
const COLUMNS = ['tabtune bayesian', 'tabtune random', ...OPTUNA];

function regrets(input: ReportInput, sampler: string, inFlight: number, fn: string): number[] {
  return (input.results[`${sampler}|${inFlight}|${fn}`] ?? []).map((c) => c.regret);
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const rule = '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|';
  return [row(header, widths), rule, ...rows.map((r) => row(r, widths))].join('\n');
}

/**
 * A target's line: MET, NOT MET, or (null) not measured, e.g. one against Optuna under `--no-optuna`,
 * which would otherwise read as missed (or, against the best of no samplers, as met).
 */
export function targetLine(ok: boolean | null, text: string): string {
  return `${ok === null ? 'not measured' : ok ? 'MET         ' : 'NOT MET     '} ${text}`;
}

const medianMax = (v: number[]) => (v.length === 0 ? '-' : `${fmt(quantile(v, 0.5))} [${fmt(Math.max(...v))}]`);
export const medianQuartiles = (v: number[]) => `${fmt(quantile(v, 0.5))} [${fmt(quantile(v, 0.25))}, ${fmt(quantile(v, 0.75))}]`;

export function renderReport(input: ReportInput): string {
  const out: string[] = [];
  const med = (s: string, k: number, f: string) => quantile(regrets(input, s, k, f), 0.5);
  out.push(`Median final regret after ${input.runs} runs over ${input.seeds} seeds [quartiles], sequential`);
  let beatsTpe = 0;
  let beatsBest = 0;
  const rows = input.functions.map((f) => {
    const bestOptuna = Math.min(...OPTUNA.map((s) => med(s, 1, f)));
    const ours = med('tabtune bayesian', 1, f);
    if (ours <= med('optuna tpe', 1, f)) beatsTpe++;
    if (ours <= bestOptuna) beatsBest++;
    const ratio = bestOptuna > 0 ? ours / bestOptuna : NaN;
    return [f, ...COLUMNS.map((s) => medianQuartiles(regrets(input, s, 1, f))), fmt(ratio)];
  });
  out.push(table(['function', ...COLUMNS, 'tabtune / best optuna'], rows), '');

  let flightOk = true;
  if (input.inFlight.length > 1) {
    out.push('Median final regret with runs in flight (ratio to sequential)');
    const flightRows = input.functions.map((f) => {
      const cells = [f];
      for (const s of ['tabtune bayesian', 'optuna tpe']) {
        const base = med(s, 1, f);
        for (const k of input.inFlight) {
          const v = med(s, k, f);
          const ratio = base > 0 ? v / base : v === 0 ? 1 : Infinity;
          if (s === 'tabtune bayesian' && k > 1 && ratio > (k <= 4 ? 1.2 : 1.5)) flightOk = false;
          cells.push(k === 1 ? fmt(v) : `${fmt(v)} (${fmt(ratio)}x)`);
        }
      }
      return cells;
    });
    const header = ['function', ...['tabtune bayesian', 'optuna tpe'].flatMap((s) => input.inFlight.map((k) => `${s} x${k}`))];
    out.push(table(header, flightRows), '');
  }

  const t = input.times;
  out.push('Suggest time in ms: median [max] (tabtune: calls at history 90..99 of the sequential runs, and 20 calls at 1000..1019)');
  out.push(table(['sampler', `at ${input.runs} runs`, 'at 1000 runs'], [
    ['tabtune bayesian', medianMax(t.tabtune100), medianMax(t.tabtune1000)],
    ['optuna tpe', medianMax(t.optuna100), medianMax(t.optuna1000)],
  ]), '');

  const n = input.functions.length;
  const optuna = input.functions.some((f) => regrets(input, 'optuna tpe', 1, f).length > 0);
  out.push('Targets');
  out.push(targetLine(optuna ? beatsTpe === n : null, `median regret <= Optuna TPE on all functions (${beatsTpe}/${n})`));
  out.push(targetLine(optuna ? beatsBest >= Math.min(5, n) : null, `median regret <= best Optuna sampler on >= 5 of 7 (${beatsBest}/${n})`));
  if (input.inFlight.length > 1) out.push(targetLine(flightOk, 'regret with 4 in flight <= 1.2x sequential, with 8 <= 1.5x (every function)'));
  if (t.tabtune1000.length > 0) {
    out.push(targetLine(quantile(t.tabtune100, 0.5) <= 5, `median suggest time <= 5 ms at ${input.runs} runs`));
    out.push(targetLine(quantile(t.tabtune1000, 0.5) <= 20, 'median suggest time <= 20 ms at 1000 runs'));
  }
  out.push(`(finished in ${input.seconds.toFixed(0)} s)`, '');
  return out.join('\n');
}
