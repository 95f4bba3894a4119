/**
 * The page's side of "your own model": the starter module a new experiment gets, the shipped
 * examples (public/examples/, fetched when picked), and the module's problems as character ranges
 * for the code editor. Pure apart from `fetchExample`; the checking itself is core's
 * `inspectModelModule`, the same check `tabtune run` does.
 */
import type { ModelModule, ModuleProblem } from '../../core/model-code';

/** The file name of code written in the page. */
export const DEFAULT_MODULE_NAME = 'my-model.mjs';

/** What "Your model code" starts with: a small build(hp, ctx) reading one parameter of its own. */
export const STARTER_MODULE: ModelModule = {
  name: DEFAULT_MODULE_NAME,
  source: `// build(hp, ctx) returns a tf.LayersModel; hp holds this run's parameters (the space's and
// model.hyperparameters), ctx.tf is TensorFlow.js. Left uncompiled, tabtune compiles it with the
// optimizer and learning_rate of hp and the task's loss, and trains it one epoch per interval.
export function build(hp, ctx) {
  const tf = ctx.tf;
  const width = 'width' in hp ? hp.width : 64;
  const model = tf.sequential();
  // Tables arrive as [features]; image-like data (the 8x8 digits) as [height, width, channels].
  if (ctx.inputShape.length > 1) model.add(tf.layers.flatten({ inputShape: ctx.inputShape }));
  const first = ctx.inputShape.length === 1 ? { inputShape: ctx.inputShape } : {};
  model.add(tf.layers.dense({ ...first, units: width, activation: 'relu' }));
  model.add(tf.layers.dense({
    units: ctx.task === 'classification' ? ctx.outputCount : 1,
    activation: ctx.task === 'classification' ? 'softmax' : 'linear',
  }));
  return model;
}
`,
};

/** A shipped example: its file under public/examples/ and what it shows. */
export interface ModuleExample {
  readonly file: string;
  readonly title: string;
}

export const MODULE_EXAMPLES: readonly ModuleExample[] = [
  { file: 'tunable-mlp.mjs', title: 'Tunable MLP: depth and widths from hp (Keras Tuner style)' },
  { file: 'cosine-warmup-fit.mjs', title: 'Custom fit: cosine learning rate with warm-up, logs lr' },
];

/** Fetches the example `file` from the page's public/examples/. */
export async function fetchExample(file: string, base: string = import.meta.env.BASE_URL): Promise<ModelModule> {
  const response = await fetch(`${base}examples/${file}`);
  if (!response.ok) throw new Error(`example ${file}: HTTP ${response.status}`);
  return { name: file, source: await response.text() };
}

/** True for a file name a model module may have (.js or .mjs). */
export function isModuleFileName(name: string): boolean {
  return /\.m?js$/i.test(name);
}

/** A problem as a character range of `source` (from its 1-based line and column to the end of that line). */
export interface ProblemRange {
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

/** The ranges of `problems` in `source`, clamped to the text (a line past the end marks the last character). */
export function problemRanges(source: string, problems: readonly ModuleProblem[]): ProblemRange[] {
  const lines = source.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return problems.map((problem) => {
    const index = Math.min(Math.max(problem.line, 1), lines.length) - 1;
    const from = Math.min(starts[index] + Math.max(problem.column - 1, 0), source.length);
    const lineEnd = starts[index] + lines[index].length;
    return { from, to: Math.max(from, lineEnd), message: problem.message };
  });
}
