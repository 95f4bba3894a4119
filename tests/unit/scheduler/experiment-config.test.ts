import { describe, expect, it } from 'vitest';
import { parseExperimentConfig, resolveHyperparameters, DEFAULT_HYPERPARAMETERS } from '../../../src/core/experiment';
import { SPEC_EXAMPLE } from '../../fixtures/spec-example';

const example = SPEC_EXAMPLE;

const S = '{"units": choice(8, 16)}';

const message = (input: unknown): string => {
  try {
    parseExperimentConfig(input);
  } catch (error) {
    expect((error as Error).name).toBe('InvalidConfigError');
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('parseExperimentConfig', () => {
  it('reads the SPEC section 11 example unchanged, with the remaining defaults', () => {
    const config = parseExperimentConfig(example);
    expect(config).toMatchObject({ ...example, model: { family: 'mlp', hyperparameters: {} } });
    expect(config.resumeFrom).toEqual([]);
    expect(parseExperimentConfig(JSON.stringify(example))).toEqual(config);
  });

  it('fills documented defaults for a minimal file', () => {
    expect(parseExperimentConfig({ space: { units: { type: 'choice', values: [8, 16] } } })).toEqual({
      name: 'experiment',
      dataset: { source: 'demo:digits' },
      model: { family: 'mlp', hyperparameters: {} },
      space: { units: { type: 'choice', values: [8, 16] } },
      sampling: { type: 'random', seed: 0 },
      policy: { type: 'none' },
      primaryMetricName: 'val_accuracy',
      primaryMetricGoal: 'maximize',
      maxTotalRuns: 20,
      backend: 'auto',
      resumeFrom: [],
      resumeChildRuns: [],
    });
  });

  it('defaults the metric by task and infers the goal from the metric name', () => {
    const regression = parseExperimentConfig({ space: S, dataset: { source: 'file:a.csv', task: 'regression' } });
    expect([regression.primaryMetricName, regression.primaryMetricGoal]).toEqual(['val_mae', 'minimize']);
    expect(parseExperimentConfig({ space: S }, { task: 'regression' }).primaryMetricName).toBe('val_mae');
    expect(parseExperimentConfig({ space: S, primaryMetricName: 'val_loss' }).primaryMetricGoal).toBe('minimize');
    expect(message({ space: S, primaryMetricName: 'score' })).toBe(
      'experiment file: "primaryMetricGoal" is required for metric "score" (maximize or minimize)',
    );
  });

  it.each([
    [{ ...example, maxRuns: 3 }, '"maxRuns" is not a known key'],
    [{ ...example, maxTotalRuns: 0 }, '"maxTotalRuns" must be an integer in 1..1000 (got 0)'],
    [{ ...example, maxTotalRuns: '20' }, '"maxTotalRuns" must be an integer in 1..1000 (got "20")'],
    [{ ...example, maxConcurrentRuns: 101 }, '"maxConcurrentRuns" must be an integer in 1..100 (got 101)'],
    [{ ...example, maxDurationMinutes: -1 }, '"maxDurationMinutes" must be a number > 0 (got -1)'],
    [{ ...example, primaryMetricGoal: 'max' }, '"primaryMetricGoal" must be one of maximize, minimize (got "max")'],
    [{ ...example, backend: 'gpu' }, '"backend" must be one of auto, webgpu, webgl, wasm, wasm-fused, cpu (got "gpu")'],
    [{ ...example, dataset: { source: 'digits' } }, '"dataset.source" must be "demo:NAME", "file:PATH", "images:DIR_OR_ZIP" or "upload:ID"'],
    [{ ...example, dataset: { source: 'demo:digits', size: 32 } }, '"dataset.size" applies only to an "images:PATH" source (got 32)'],
    [{ ...example, dataset: { source: 'images:pics', channels: 2 } }, '"dataset.channels" must be 1 (grayscale) or 3 (RGB) (got 2)'],
    [{ ...example, dataset: { source: 'images:pics', size: 1000 } }, '"dataset.size"'],
    [{ ...example, dataset: { source: 'demo:iris', label: 'x' } }, '"dataset.label" is not a known key'],
    [{ ...example, model: { family: 'rnn' } }, '"model.family" must be one of mlp, cnn (got "rnn")'],
    [{ ...example, model: { hyperparameters: { lr: 1 } } }, '"model.hyperparameters.lr" is not a known key'],
    [{ ...example, model: { hyperparameters: { epochs: 0 } } }, '"model.hyperparameters.epochs" must be an integer >= 1 and <= 10000 (got 0)'],
    [{ ...example, sampling: { type: 'tpe' } }, '"sampling.type" must be one of random, grid, bayesian (got "tpe")'],
    [{ ...example, space: 3 }, '"space" must be the text syntax'],
    [{ ...example, space: undefined }, '"space" is required'],
    [{ ...example, policy: { type: 'bandit' } }, '"policy": policy "bandit"'],
    [{ ...example, resumeFrom: ['a', 'b', 'c', 'd', 'e', 'f'] }, '"resumeFrom" must be a list of at most 5 non-empty strings'],
    [[1], 'experiment file: "" must be an object'],
    [{ ...example, space: '{"lr": uniform(0, 1)}' }, '"space" parameter "lr" is not a hyperparameter of the built-in models'],
  ])('rejects a bad file naming the key: %#', (input, expected) => {
    expect(message(input)).toContain(expected);
  });

  it('rejects an invalid space with the space module\'s message', () => {
    expect(() => parseExperimentConfig({ space: '{"units": choice()}' })).toThrow(expect.objectContaining({ name: 'InvalidSpaceError' }));
  });

  it('rejects grid sampling over a non-choice parameter before anything runs', () => {
    const file = { space: '{"units": choice(16, 32), "learning_rate": loguniform(-9, -2)}', sampling: { type: 'grid' } };
    expect(() => parseExperimentConfig(file)).toThrow('parameter "learning_rate": grid sampling needs choice (got loguniform)');
    expect(parseExperimentConfig({ ...file, space: '{"units": choice(16, 32)}' }).sampling.type).toBe('grid');
  });

  it('rejects text that is not JSON', () => {
    expect(message('{ nope')).toMatch(/^experiment file: not valid JSON/);
  });
});

describe('resolveHyperparameters', () => {
  it('layers defaults, fixed overrides and sampled values; rounds integers', () => {
    expect(resolveHyperparameters({ batch_size: 37.4, units: 16 }, { epochs: 3, units: 8 })).toEqual({
      ...DEFAULT_HYPERPARAMETERS,
      batch_size: 37,
      units: 16,
      epochs: 3,
    });
  });

  it('names the hyperparameter, the rule and the value', () => {
    expect(() => resolveHyperparameters({ keep_probability: 0 })).toThrow(
      'hyperparameter "keep_probability" must be a finite number > 0 and <= 1 (got 0)',
    );
    expect(() => resolveHyperparameters({ optimizer: 'lbfgs' })).toThrow('must be one of adam, sgd, rmsprop (got "lbfgs")');
    expect(() => resolveHyperparameters({ lr: 0.1 })).toThrow('"lr" is not a hyperparameter of the built-in models');
  });
});
