import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectModelModule } from '../../../src/core/model-code';
import { STARTER_MODULE } from '../../../src/ui/state/model-code';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the editor\'s starter module', () => {
  it('passes the module check and builds for tables and for image-like data, for both tasks', async () => {
    expect(inspectModelModule(STARTER_MODULE)).toEqual({ problems: [], exports: { build: true, fit: false } });
    const { build } = await import(`data:text/javascript;base64,${Buffer.from(STARTER_MODULE.source).toString('base64')}`);
    for (const [inputShape, task, outputs] of [[[4], 'classification', 3], [[8, 8, 1], 'classification', 10], [[13], 'regression', 1]] as const) {
      const model = build({ width: 8 }, { tf, inputShape, task, outputCount: outputs }) as tf.LayersModel;
      expect(model.inputs[0].shape).toEqual([null, ...inputShape]);
      expect(model.outputs[0].shape).toEqual([null, outputs]);
      model.dispose();
    }
  });
});
