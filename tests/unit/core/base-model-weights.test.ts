import { describe, expect, it } from 'vitest';
import { baseModelWeights, decodeBase64, experimentSpace, freezeUpToOf, parseModelSpec, runValues, type BaseModelFile } from '../../../src/core/experiment';

describe('decodeBase64', () => {
  it('decodes what Buffer encodes, for every padding', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) % 256);
      const text = Buffer.from(bytes).toString('base64');
      expect(Array.from(decodeBase64(text)), text).toEqual(Array.from(bytes));
      expect(Array.from(decodeBase64(text.replace(/=+$/, '')))).toEqual(Array.from(bytes));
    }
  });

  it('names the first character that is not base64', () => {
    expect(() => decodeBase64('AAA*', 'weights')).toThrow('weights is not base64 (character "*" at 3)');
  });
});

describe('baseModelWeights', () => {
  const file = (bytes: number): BaseModelFile => ({
    name: 'm.json',
    modelTopology: {},
    weightSpecs: [
      { name: 'd/kernel', shape: [2, 3], dtype: 'float32' },
      { name: 'd/bias', shape: [3], dtype: 'float32' },
    ],
    weightData: Buffer.alloc(bytes).toString('base64'),
  });

  it('returns the bytes when they are what the manifest needs', () => {
    expect(baseModelWeights(file(36)).byteLength).toBe(36);
  });

  it('names the weight a short file cuts, and the bytes a long one has left over', () => {
    expect(() => baseModelWeights(file(30))).toThrow('base model "m.json": weight "d/bias" (shape [3], float32) needs bytes 24..36 but the weight files hold 30 bytes');
    expect(() => baseModelWeights(file(40))).toThrow('base model "m.json": the weight files hold 40 bytes, 4 more than the manifest\'s weights need (36, the last being "d/bias")');
  });
});

describe('a base model\'s parameters', () => {
  const model = { family: 'file', freezeUpTo: 2, hyperparameters: { epochs: 4 } } as const;

  it('a space tunes training hyperparameters and freeze_up_to only', () => {
    expect(experimentSpace({ space: '{"learning_rate": choice(0.1), "freeze_up_to": choice(0, 1)}', model }).parameters).toHaveLength(2);
    expect(() => experimentSpace({ space: '{"units": choice(8)}', model })).toThrow('parameter "units" is not a training hyperparameter of a base model ("model.file" keeps its layers) (known: learning_rate, batch_size, epochs, optimizer, momentum, freeze_up_to)');
    expect(() => experimentSpace({ space: '{"freeze_up_to": choice(1)}', model: { family: 'mlp' } })).toThrow('parameter "freeze_up_to" is not a hyperparameter of the built-in models');
  });

  it('model.hyperparameters of a base model takes training hyperparameters only', () => {
    const fail = (key: string, rule: string): never => {
      throw new Error(`"${key}" ${rule}`);
    };
    const file = { name: 'm.json', modelTopology: {}, weightSpecs: [], weightData: '' };
    expect(parseModelSpec({ file, hyperparameters: { epochs: 3 } }, {}, fail).hyperparameters).toEqual({ epochs: 3 });
    expect(() => parseModelSpec({ file, hyperparameters: { units: 3 } }, {}, fail)).toThrow('"model.hyperparameters.units" is not a known key (known: learning_rate, batch_size, epochs, optimizer, momentum)');
  });

  it('a sampled freeze_up_to (rounded) overrides model.freezeUpTo, and is part of the run\'s values', () => {
    expect(freezeUpToOf(model, {})).toBe(2);
    expect(freezeUpToOf(model, { freeze_up_to: 0.6 })).toBe(1);
    expect(() => freezeUpToOf(model, { freeze_up_to: -1 })).toThrow('parameter "freeze_up_to" must be an integer >= 0 (got -1)');
    expect(runValues(model, { learning_rate: 0.1 })).toEqual({ learning_rate: 0.1, batch_size: 32, epochs: 4, optimizer: 'adam', momentum: 0.9, freeze_up_to: 2 });
  });
});
