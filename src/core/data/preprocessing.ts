/**
 * `preprocessing.json` of an exported model (SPEC section 9): what a user needs to apply the
 * model to raw rows: the feature columns in input order, their standardization or one-hot
 * levels, and how outputs become class labels or target units. The page's export and
 * `tabtune run` write this same format.
 */
import type { DatasetEncoding, ImageEncoding } from './types';

/** How outputs become class labels or target units. */
function outputJson(encoding: DatasetEncoding): Record<string, unknown> {
  return encoding.task === 'classification'
    ? { kind: 'classification', classLabels: encoding.classLabels ?? [], apply: 'label = classLabels[argmax(prediction)]' }
    : { kind: 'regression', targetMean: encoding.targetMean ?? 0, targetStd: encoding.targetStd ?? 1, apply: 'value = prediction * targetStd + targetMean' };
}

/** An image dataset's preprocessing: one image file in, `size x size x channels` inputs (HWC). */
function imagePreprocessingJson(encoding: DatasetEncoding, image: ImageEncoding): Record<string, unknown> {
  return {
    ...(encoding.task === 'regression' ? { target: encoding.target } : {}),
    task: encoding.task,
    input: 'image',
    imageSize: image.size,
    channels: image.channels,
    imageShape: [image.size, image.size, image.channels],
    resizeRule: image.resize,
    normalisation: { scale: image.scale, rule: 'input = pixel value (0-255) x scale, so inputs lie in [0, 1]' },
    inputWidth: image.size * image.size * image.channels,
    output: outputJson(encoding),
  };
}

/** How raw rows become model inputs and outputs become labels or units. */
export function preprocessingJson(encoding: DatasetEncoding, imageShape?: readonly number[]): Record<string, unknown> {
  if (encoding.image) return imagePreprocessingJson(encoding, encoding.image);
  const inputs = encoding.columns.map((c) =>
    c.kind === 'numeric'
      ? { column: c.name, kind: 'numeric', mean: c.mean, std: c.std, ...(c.impute !== undefined ? { missing: c.impute } : {}), inputs: 1 }
      : { column: c.name, kind: 'one-hot', levels: c.levels, ...(c.otherLevel !== undefined ? { otherLevel: c.otherLevel } : {}), ...(c.impute !== undefined ? { missing: c.impute } : {}), inputs: c.levels.length },
  );
  const output = outputJson(encoding);
  return {
    target: encoding.target,
    task: encoding.task,
    featureColumns: encoding.columns.map((c) => c.name),
    inputs,
    inputRule: 'numeric: (x - mean) / std (a missing x takes `missing` first); one-hot: 1 at the level\'s position, 0 elsewhere (unknown levels map to otherLevel when set)',
    inputWidth: inputs.reduce((n, i) => n + i.inputs, 0),
    ...(imageShape ? { imageShape } : {}),
    output,
  };
}

