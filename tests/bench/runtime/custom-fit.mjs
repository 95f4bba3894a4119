// The custom-fit model of `npm run bench:runtime`: the same MLP as the bench's built-in runs,
// trained by its own loop (one model.fit epoch at a time, then an evaluation logged with
// ctx.log). The bare side runs this very file with a plain ctx, tabtune runs it as a model module.
export function build(hp, ctx) {
  const tf = ctx.tf;
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: ctx.inputShape }),
      tf.layers.dense({ units: hp.units, activation: 'relu' }),
      tf.layers.dense({ units: hp.units, activation: 'relu' }),
      tf.layers.dense({ units: ctx.outputCount, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(hp.learning_rate), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export async function fit(hp, model, ctx) {
  const tf = ctx.tf;
  const y = ctx.train.y.toFloat();
  const validY = ctx.validation.y.toFloat();
  try {
    for (let epoch = 0; epoch < hp.epochs && !ctx.shouldStop(); epoch++) {
      await model.fit(ctx.train.x, y, { epochs: 1, batchSize: hp.batch_size, shuffle: true, verbose: 0 });
      const [loss, accuracy] = model.evaluate(ctx.validation.x, validY, { batchSize: 512 });
      ctx.log('val_loss', (await loss.data())[0]);
      ctx.log('val_accuracy', (await accuracy.data())[0]);
      tf.dispose([loss, accuracy]);
    }
  } finally {
    tf.dispose([y, validY]);
    // The optimizer was passed to compile, so the model does not own it (tabtune disposes it for a module run).
    if (ctx.bare) model.optimizer.dispose();
  }
}
