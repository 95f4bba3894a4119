// A Keras-Tuner-style model: depth and widths come from hp (the parameter space).
// Try the space:
//   {"layers": choice(1, 2, 3), "width": choice(32, 64, 128), "shrink": uniform(0.3, 1),
//    "dropout": uniform(0, 0.5), "learning_rate": loguniform(-8, -3)}
// tabtune compiles the model (optimizer, learning_rate, loss and metrics of the task) because
// build returns it uncompiled, and trains it one epoch per interval.

/** @param {Record<string, number | string | boolean>} hp  @param {import('./tabtune-model').ModelContext} ctx */
export function build(hp, ctx) {
  const tf = ctx.tf;
  const model = tf.sequential();
  // Image-like data (e.g. the 8x8 digits) arrives as [rows, height, width, channels]: flatten it first.
  if (ctx.inputShape.length > 1) model.add(tf.layers.flatten({ inputShape: ctx.inputShape }));
  let width = hp.width;
  for (let i = 0; i < hp.layers; i++) {
    model.add(tf.layers.dense({
      ...(i === 0 && ctx.inputShape.length === 1 ? { inputShape: ctx.inputShape } : {}),
      units: Math.max(4, Math.round(width)),
      activation: 'relu',
      kernelInitializer: tf.initializers.heNormal({ seed: ctx.seed + i }),
    }));
    if (hp.dropout > 0) model.add(tf.layers.dropout({ rate: hp.dropout, seed: ctx.seed + i }));
    width *= hp.shrink;
  }
  model.add(tf.layers.dense({
    units: ctx.task === 'classification' ? ctx.outputCount : 1,
    activation: ctx.task === 'classification' ? 'softmax' : 'linear',
  }));
  return model;
}
