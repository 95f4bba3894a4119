/**
 * Runs in flight join the model by extending the Cholesky factor of the observations' posterior
 * (gp.ts, `extendPosterior`; linalg.ts, `choleskyRows`): the numbers must be exactly those of a
 * factorisation from scratch, jitter included.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { createPosterior, extendPosterior, type Posterior } from '../../../src/core/sampling/bayesian/gp';
import { cholesky, choleskyRows } from '../../../src/core/sampling/bayesian/linalg';

const D = 3;
const theta = (noise: number) => Float64Array.from([Math.log(0.3), Math.log(0.5), Math.log(0.2), 0, Math.log(noise)]);

function rows(count: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count * D }, () => rng.next());
}

/** Predictions of `p` at 40 random points, and its training means, as plain numbers. */
function readings(p: Posterior): number[] {
  const rng = createRng(99);
  const out = new Float64Array(2);
  const values: number[] = [...p.trainingMeans];
  for (let c = 0; c < 40; c++) {
    p.predict(Float64Array.from({ length: D }, () => rng.next()), out);
    values.push(out[0], out[1]);
  }
  return values;
}

/** The posterior of `base` rows, extended by `extra` rows, beside the one made from scratch. */
function both(base: number[], extra: number[], t: Float64Array): { extended: Posterior; scratch: Posterior } {
  const n = base.length / D;
  const m = n + extra.length / D;
  const rng = createRng(7);
  const y = Float64Array.from({ length: m }, () => rng.normal());
  const first = createPosterior(Float64Array.from(base), y.slice(0, n), n, D, t);
  const x = Float64Array.from([...base, ...extra]);
  return { extended: extendPosterior(first, x, y, m, t), scratch: createPosterior(x, y, m, D, t) };
}

describe('a posterior extended by runs in flight', () => {
  it('factors new rows to exactly the numbers of a whole factorisation (choleskyRows)', () => {
    const n = 9;
    const rng = createRng(4);
    const a = Array.from({ length: n * n }, () => rng.normal());
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let m = 0; m < n; m++) k[i * n + j] += a[i * n + m] * a[j * n + m];
    const whole = cholesky(k, n) as Float64Array;
    const lead = 5;
    const leading = cholesky(k.filter((_, i) => Math.floor(i / n) < lead && i % n < lead), lead) as Float64Array;
    const l = new Float64Array(n * n);
    for (let i = 0; i < lead; i++) for (let j = 0; j <= i; j++) l[i * n + j] = leading[i * lead + j];
    expect(choleskyRows(k, l, n, lead)).toBe(true);
    expect([...l]).toEqual([...whole]);
  });

  it('predicts exactly as the posterior made from scratch', () => {
    const { extended, scratch } = both(rows(30, 1), rows(8, 2), theta(1e-6));
    expect(extended.n).toBe(38);
    expect(readings(extended)).toEqual(readings(scratch));
  });

  it('takes the base rows from its factor, not refactorised (what makes it cheaper)', () => {
    // The contract says x's leading rows are base's. Breaking it shows which path ran: the
    // extension keeps base's factor of the original rows, a factorisation from scratch would not.
    const base = rows(12, 1);
    const n = 12;
    const t = theta(1e-4);
    const y = Float64Array.from({ length: n + 2 }, (_, i) => Math.sin(i));
    const first = createPosterior(Float64Array.from(base), y.slice(0, n), n, D, t);
    const moved = [...base];
    moved[0] = 1 - moved[0];
    const x = Float64Array.from([...moved, ...rows(2, 2)]);
    expect(readings(extendPosterior(first, x, y, n + 2, t))).not.toEqual(readings(createPosterior(x, y, n + 2, D, t)));
  });

  it('gives the numbers of a factorisation from scratch when that needs jitter', () => {
    const base = rows(10, 3);
    // A new row equal to a base row, without noise: the extension is singular, so jitter decides.
    const duplicate = base.slice(3 * D, 4 * D);
    const noiseFree = theta(1e-300);
    const { extended, scratch } = both(base, [...rows(1, 5), ...duplicate], noiseFree);
    expect(readings(extended)).toEqual(readings(scratch));
    // And when the base itself needed jitter.
    const singularBase = [...base, ...duplicate];
    const again = both(singularBase, rows(3, 6), noiseFree);
    expect(readings(again.extended)).toEqual(readings(again.scratch));
  });

  it('factorises from scratch under other hyperparameters than the base had', () => {
    const base = rows(15, 8);
    const y = Float64Array.from({ length: 18 }, (_, i) => Math.cos(i));
    const first = createPosterior(Float64Array.from(base), y.slice(0, 15), 15, D, theta(1e-3));
    const x = Float64Array.from([...base, ...rows(3, 9)]);
    const other = theta(1e-2);
    expect(readings(extendPosterior(first, x, y, 18, other))).toEqual(readings(createPosterior(x, y, 18, D, other)));
  });
});
