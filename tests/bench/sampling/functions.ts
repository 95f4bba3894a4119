/**
 * Test functions of the sampling benchmark, all minimised, with their known minima and
 * minimisers (Surjanovic & Bingham, "Virtual Library of Simulation Experiments", SFU). The same
 * definitions are repeated in optuna_bench.py; `npm run bench:sampling` checks both agree.
 */

export interface TestFunction {
  readonly name: string;
  readonly dim: number;
  /** Per-dimension [low, high] of the standard domain. */
  readonly bounds: readonly (readonly [number, number])[];
  /** Global minimum value. */
  readonly minimum: number;
  /** Global minimisers (at least one). */
  readonly minimizers: readonly (readonly number[])[];
  evaluate(x: readonly number[]): number;
}

const box = (dim: number, low: number, high: number): [number, number][] =>
  Array.from({ length: dim }, () => [low, high] as [number, number]);

const branin: TestFunction = {
  name: 'Branin',
  dim: 2,
  bounds: [
    [-5, 10],
    [0, 15],
  ],
  minimum: 0.397887357729739,
  minimizers: [
    [-Math.PI, 12.275],
    [Math.PI, 2.275],
    [9.42478, 2.475],
  ],
  evaluate: ([x1, x2]) => {
    const b = 5.1 / (4 * Math.PI ** 2);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  },
};

const H_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H3_A = [
  [3.0, 10, 30],
  [0.1, 10, 35],
  [3.0, 10, 30],
  [0.1, 10, 35],
];
const H3_P = [
  [0.3689, 0.117, 0.2673],
  [0.4699, 0.4387, 0.747],
  [0.1091, 0.8732, 0.5547],
  [0.03815, 0.5743, 0.8828],
];
const H6_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H6_P = [
  [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
  [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
  [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665],
  [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
];

function hartmann(a: number[][], p: number[][], x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < x.length; j++) inner += a[i][j] * (x[j] - p[i][j]) ** 2;
    sum += H_ALPHA[i] * Math.exp(-inner);
  }
  return -sum;
}

const hartmann3: TestFunction = {
  name: 'Hartmann3',
  dim: 3,
  bounds: box(3, 0, 1),
  minimum: -3.86278214782076,
  minimizers: [[0.114614, 0.555649, 0.852547]],
  evaluate: (x) => hartmann(H3_A, H3_P, x),
};

const hartmann6: TestFunction = {
  name: 'Hartmann6',
  dim: 6,
  bounds: box(6, 0, 1),
  minimum: -3.32236801141551,
  minimizers: [[0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573]],
  evaluate: (x) => hartmann(H6_A, H6_P, x),
};

const rosenbrock4: TestFunction = {
  name: 'Rosenbrock4',
  dim: 4,
  bounds: box(4, -5, 10),
  minimum: 0,
  minimizers: [[1, 1, 1, 1]],
  evaluate: (x) => {
    let sum = 0;
    for (let i = 0; i < x.length - 1; i++) sum += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
    return sum;
  },
};

const ackley5: TestFunction = {
  name: 'Ackley5',
  dim: 5,
  bounds: box(5, -32.768, 32.768),
  minimum: 0,
  minimizers: [[0, 0, 0, 0, 0]],
  evaluate: (x) => {
    const d = x.length;
    const s1 = x.reduce((s, v) => s + v * v, 0);
    const s2 = x.reduce((s, v) => s + Math.cos(2 * Math.PI * v), 0);
    return -20 * Math.exp(-0.2 * Math.sqrt(s1 / d)) - Math.exp(s2 / d) + 20 + Math.E;
  },
};

const levy5: TestFunction = {
  name: 'Levy5',
  dim: 5,
  bounds: box(5, -10, 10),
  minimum: 0,
  minimizers: [[1, 1, 1, 1, 1]],
  evaluate: (x) => {
    const w = x.map((v) => 1 + (v - 1) / 4);
    const d = w.length;
    let sum = Math.sin(Math.PI * w[0]) ** 2;
    for (let i = 0; i < d - 1; i++) sum += (w[i] - 1) ** 2 * (1 + 10 * Math.sin(Math.PI * w[i] + 1) ** 2);
    return sum + (w[d - 1] - 1) ** 2 * (1 + Math.sin(2 * Math.PI * w[d - 1]) ** 2);
  },
};

const ST_X = -2.903534027771177;
const styblinskiTang5: TestFunction = {
  name: 'StyblinskiTang5',
  dim: 5,
  bounds: box(5, -5, 5),
  minimum: 5 * -39.16616570377142,
  minimizers: [[ST_X, ST_X, ST_X, ST_X, ST_X]],
  evaluate: (x) => 0.5 * x.reduce((s, v) => s + v ** 4 - 16 * v * v + 5 * v, 0),
};

/** The seven functions of the benchmark, in table order. */
export const FUNCTIONS: readonly TestFunction[] = [
  branin,
  hartmann3,
  hartmann6,
  rosenbrock4,
  ackley5,
  levy5,
  styblinskiTang5,
];
