// A custom training loop: linear warm-up then a cosine learning-rate schedule, mini-batches in a
// seeded order, and an extra metric (lr) logged every epoch next to val_accuracy.
// Try the space:
//   {"peak_lr": loguniform(-7, -3), "warmup_epochs": choice(1, 2, 3), "units": choice(32, 64, 128),
//    "batch_size": choice(16, 32, 64)}
// with model.hyperparameters {"epochs": 12}.

export function build(hp, ctx) {
  const tf = ctx.tf;
  const model = tf.sequential();
  // Image-like data (e.g. the 8x8 digits) arrives as [rows, height, width, channels]: flatten it first.
  if (ctx.inputShape.length > 1) model.add(tf.layers.flatten({ inputShape: ctx.inputShape }));
  model.add(tf.layers.dense({ ...(ctx.inputShape.length === 1 ? { inputShape: ctx.inputShape } : {}), units: hp.units, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: ctx.seed }) }));
  model.add(tf.layers.dense({ units: ctx.outputCount, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seed + 1 }) }));
  // Compiled here, so tabtune uses it as it is: fit below changes the optimizer's learning rate.
  model.compile({ optimizer: tf.train.adam(hp.peak_lr), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function learningRate(hp, epoch, epochs) {
  if (epoch < hp.warmup_epochs) return hp.peak_lr * (epoch + 1) / hp.warmup_epochs;
  const progress = (epoch - hp.warmup_epochs) / Math.max(1, epochs - hp.warmup_epochs);
  return 0.5 * hp.peak_lr * (1 + Math.cos(Math.PI * progress));
}

/** Fisher-Yates shuffle of 0..n-1 with the run's seeded ctx.random(). */
function order(n, ctx) {
  const index = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(ctx.random() * (i + 1));
    [index[i], index[j]] = [index[j], index[i]];
  }
  return index;
}

export async function fit(hp, model, ctx) {
  const tf = ctx.tf;
  const epochs = hp.epochs;
  const rows = ctx.train.x.shape[0];
  for (let epoch = 0; epoch < epochs && !ctx.shouldStop(); epoch++) {
    const lr = learningRate(hp, epoch, epochs);
    model.optimizer.learningRate = lr;
    const index = order(rows, ctx);
    for (let start = 0; start < rows && !ctx.shouldStop(); start += hp.batch_size) {
      const [x, y] = tf.tidy(() => {
        const batch = tf.tensor1d(index.slice(start, start + hp.batch_size), 'int32');
        // ctx.train.y holds int32 class indices; tfjs's sparse cross-entropy wants them as float32.
        return [tf.gather(ctx.train.x, batch), tf.gather(ctx.train.y, batch).toFloat()];
      });
      await model.trainOnBatch(x, y);
      tf.dispose([x, y]);
    }
    // Let a stop request from the policy reach the worker between epochs.
    await tf.nextFrame();
    const validY = ctx.validation.y.toFloat();
    const [loss, accuracy] = model.evaluate(ctx.validation.x, validY, { batchSize: 256 });
    validY.dispose();
    ctx.log('lr', lr);
    ctx.log('val_loss', (await loss.data())[0]);
    ctx.log('val_accuracy', (await accuracy.data())[0]);
    tf.dispose([loss, accuracy]);
  }
}
