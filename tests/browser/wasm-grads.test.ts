import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { setBackend } from '../../workers/backends';
import { gradCases, gradients, TOLERANCE, worstGap } from '../fixtures/conv-grad-cases';

const backendDataIds = () => (tf.engine().backend as unknown as { numDataIds(): number }).numDataIds();

// The same cases as the Node unit test, with the page's wasm setup (Vite-served binaries, SIMD).
describe('wasm convolution gradients in Chromium against the cpu backend', () => {
  it('40 random cases: conv2d dx, dW and maxPool dx agree within tolerance, nothing leaks', async () => {
    for (const [i, c] of gradCases(19, 40).entries()) {
      await setBackend('cpu');
      const expected = gradients(c, i);
      await setBackend('wasm');
      const tensors = tf.memory().numTensors;
      const dataIds = backendDataIds();
      expect(worstGap(gradients(c, i), expected), `case ${i}: ${JSON.stringify(c)}`).toBeLessThanOrEqual(TOLERANCE);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(backendDataIds()).toBe(dataIds);
    }
  });
});
