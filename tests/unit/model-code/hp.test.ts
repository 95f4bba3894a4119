import { describe, expect, it } from 'vitest';
import { hpView, renameFrames, userLocation } from '../../../src/core/model-code';

describe('hpView', () => {
  const hp = hpView({ units: 32, activation: 'relu', learning_rate: 0.01 });

  it('reads the defined values and behaves as a plain object', () => {
    expect(hp.units).toBe(32);
    expect(Object.keys(hp)).toEqual(['units', 'activation', 'learning_rate']);
    expect({ ...hp }).toEqual({ units: 32, activation: 'relu', learning_rate: 0.01 });
    expect(JSON.stringify(hp)).toBe('{"units":32,"activation":"relu","learning_rate":0.01}');
    expect('units' in hp && !('layers' in hp)).toBe(true);
    expect(`${String(hp.activation)}`).toBe('relu');
  });

  it('throws naming the parameter and listing the defined ones on a name it does not hold', () => {
    expect(() => hp.unit).toThrow(
      expect.objectContaining({
        name: 'UndefinedParameterError',
        message: 'hp.unit: parameter "unit" is not defined by the parameter space or model.hyperparameters (defined: units, activation, learning_rate)',
      }),
    );
  });

  it('is read-only', () => {
    expect(() => {
      (hp as Record<string, unknown>).units = 64;
    }).toThrow('hp is read-only (tried to set "units")');
  });
});

describe('error locations in the user file', () => {
  const url = 'blob:http://127.0.0.1:5173/4f1c-99';
  const stack = `TypeError: x is not a function\n    at build (${url}:12:9)\n    at setupRun (http://127.0.0.1:5173/assets/worker.js:1:2)`;

  it('renames the blob URL to the file name and finds the first user frame', () => {
    const renamed = renameFrames(stack, url, 'my-model.mjs');
    expect(renamed).toContain('at build (my-model.mjs:12:9)');
    expect(userLocation(renamed, 'my-model.mjs')).toBe('my-model.mjs:12:9');
    expect(userLocation('Error: no frames', 'my-model.mjs')).toBeNull();
  });
});
