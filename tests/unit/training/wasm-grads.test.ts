import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { setNodeBackend } from '../../../workers/node-backends';
import { gradCases, gradients, TOLERANCE, worstGap } from '../../fixtures/conv-grad-cases';

const backendDataIds = () => (tf.engine().backend as unknown as { numDataIds(): number }).numDataIds();

describe('wasm convolution gradients (workers/wasm-grads) against the cpu backend', () => {
  it.each(gradCases(19, 40).map((c, i) => [i, c] as const))('case %i: conv2d dx, dW and maxPool dx agree within tolerance', async (i, c) => {
    await setNodeBackend('cpu');
    const expected = gradients(c, i);
    await setNodeBackend('wasm');
    const tensors = tf.memory().numTensors;
    const dataIds = backendDataIds();
    const actual = gradients(c, i);
    expect(worstGap(actual, expected), JSON.stringify(c)).toBeLessThanOrEqual(TOLERANCE);
    // Neither the engine nor the wasm heap keeps anything the kernels made.
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backendDataIds()).toBe(dataIds);
  });
});
