/**
 * The L-BFGS minimiser of the GP's hyperparameter fit (lbfgs.ts): it converges within its box, and
 * takes gradients only where its line search accepts a step (a rejected step costs only the value).
 */
import { describe, expect, it } from 'vitest';
import { minimize, type Objective } from '../../../src/core/sampling/bayesian/lbfgs';

/** Rosenbrock in 2-D, counting evaluations, gradients, and points where a gradient was taken. */
function rosenbrock() {
  const counts = { values: 0, gradients: 0 };
  const gradientAt: number[][] = [];
  const f: Objective = (x) => {
    counts.values++;
    const [a, b] = x;
    return {
      value: (1 - a) ** 2 + 100 * (b - a * a) ** 2,
      gradient(grad) {
        counts.gradients++;
        gradientAt.push([a, b]);
        grad[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        grad[1] = 200 * (b - a * a);
      },
    };
  };
  return { f, counts, gradientAt };
}

describe('L-BFGS (the hyperparameter fit)', () => {
  it('finds the minimum of Rosenbrock inside its box', () => {
    const { f } = rosenbrock();
    const result = minimize(f, Float64Array.of(-1.2, 1), Float64Array.of(-2, -2), Float64Array.of(2, 2), 200);
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
    expect(result.value).toBeLessThan(1e-6);
  });

  it('stays in the box when the minimum lies outside it', () => {
    const { f } = rosenbrock();
    const result = minimize(f, Float64Array.of(-1.2, 0.5), Float64Array.of(-2, -2), Float64Array.of(0.5, 2), 200);
    // The constrained minimum is (0.5, 0.25); projection gets near it, never past the bound.
    expect(result.x[0]).toBe(0.5);
    expect(result.x[1]).toBeCloseTo(0.25, 1);
  });

  it('takes a gradient only at the start and at accepted steps', () => {
    const { f, counts, gradientAt } = rosenbrock();
    const result = minimize(f, Float64Array.of(-1.2, 1), Float64Array.of(-2, -2), Float64Array.of(2, 2), 200);
    // Rosenbrock's curved valley makes the line search reject steps (10 of 53 here): those cost
    // no gradient.
    expect(counts.values - counts.gradients).toBeGreaterThanOrEqual(5);
    // Every gradient was taken where the search went: the last one at the result.
    expect(gradientAt.at(-1)).toEqual([result.x[0], result.x[1]]);
  });

  it('returns at once from a start where the objective is not finite, taking no gradient', () => {
    const counts = { gradients: 0 };
    const f: Objective = () => ({ value: Number.NaN, gradient: () => void counts.gradients++ });
    const result = minimize(f, Float64Array.of(0.5), Float64Array.of(0), Float64Array.of(1));
    expect(Number.isNaN(result.value)).toBe(true);
    expect(counts.gradients).toBe(0);
  });
});
