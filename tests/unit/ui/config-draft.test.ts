import { describe, expect, it } from 'vitest';
import { experimentSpace, parseExperimentConfig } from '../../../src/core/experiment';
import { printSpace } from '../../../src/core/space';
import { draftJson, fieldsOf, policyOf, validateDraft, type DraftFields } from '../../../src/ui/state/config-draft';
import { errorFor } from '../../../src/ui/state/form';
import { DEMO_EXPERIMENT, DEMO_SPACE } from '../../../src/ui/state/demo';
import { SPEC_EXAMPLE } from '../../fixtures/spec-example';

/** The SPEC section 11 example, verbatim. */

const DATASET = { source: 'demo:digits' };

function fields(patch: Partial<DraftFields> = {}): DraftFields {
  return {
    name: 'my-experiment',
    family: 'mlp',
    module: null,
    modelFile: null,
    freezeUpTo: 0,
    head: 'auto',
    spaceText: DEMO_SPACE,
    samplingType: 'random',
    seed: 1,
    policyType: 'none',
    slackKind: 'slackFactor',
    slack: 0.2,
    evaluationInterval: 1,
    delayEvaluation: 5,
    truncationPercentage: 20,
    excludeFinishedRuns: false,
    minResource: 1,
    reductionFactor: 3,
    gracePeriod: 0,
    maxResource: 8,
    slopeFactor: 1.25,
    maxTotalRuns: 20,
    maxConcurrentRuns: null,
    maxDurationMinutes: null,
    maxFailedRuns: null,
    fixed: { epochs: 8 },
    primaryMetricName: 'val_accuracy',
    primaryMetricGoal: 'maximize',
    backend: 'auto',
    resumeFrom: [],
    ...patch,
  };
}

function valid(f: DraftFields, task: 'classification' | 'regression' = 'classification') {
  const result = validateDraft(draftJson(f, DATASET), task);
  if (!result.ok) throw new Error(`expected a valid draft, got ${result.key}: ${result.message}`);
  return result.config;
}

describe('draftJson: the form as a SPEC section 11 experiment file', () => {
  it('writes the keys in the SPEC order, leaves out empty optional limits and an empty resumeFrom', () => {
    const json = draftJson(fields(), DATASET);
    expect(Object.keys(json)).toEqual(['name', 'dataset', 'model', 'space', 'sampling', 'policy', 'primaryMetricName', 'primaryMetricGoal', 'maxTotalRuns', 'backend']);
    expect(json).toMatchObject({
      name: 'my-experiment',
      dataset: DATASET,
      model: { family: 'mlp', hyperparameters: { epochs: 8 } },
      space: DEMO_SPACE,
      sampling: { type: 'random', seed: 1 },
      policy: { type: 'none' },
    });
  });

  it('includes every limit that is filled in and the parents to warm-start from', () => {
    const json = draftJson(fields({ maxConcurrentRuns: 2, maxDurationMinutes: 30, maxFailedRuns: 5, resumeFrom: ['exp-a', 'exp-b'] }), DATASET);
    expect(Object.keys(json)).toEqual([
      'name', 'dataset', 'model', 'space', 'sampling', 'policy', 'primaryMetricName', 'primaryMetricGoal',
      'maxTotalRuns', 'maxConcurrentRuns', 'maxDurationMinutes', 'maxFailedRuns', 'backend', 'resumeFrom',
    ]);
    const config = valid(fields({ maxConcurrentRuns: 2, maxDurationMinutes: 30, maxFailedRuns: 5, resumeFrom: ['exp-a', 'exp-b'] }));
    expect(config).toMatchObject({ maxConcurrentRuns: 2, maxDurationMinutes: 30, maxFailedRuns: 5, resumeFrom: ['exp-a', 'exp-b'] });
  });

  it('empty optional limits stay unset in the validated config', () => {
    const config = valid(fields());
    expect(config.maxConcurrentRuns).toBeUndefined();
    expect(config.maxDurationMinutes).toBeUndefined();
    expect(config.maxFailedRuns).toBeUndefined();
    expect(config.resumeFrom).toEqual([]);
  });

  it('the form filled like the SPEC example gives the same config as the example', () => {
    const f = fields({
      name: 'digits-mlp',
      fixed: {},
      spaceText: SPEC_EXAMPLE.space,
      samplingType: 'bayesian',
      policyType: 'medianStopping',
      evaluationInterval: 1,
      delayEvaluation: 5,
      maxConcurrentRuns: 2,
      maxDurationMinutes: 30,
      maxFailedRuns: 5,
    });
    expect(valid(f)).toEqual(parseExperimentConfig(SPEC_EXAMPLE));
  });
});

describe('policyOf: the policy JSON of SPEC section 4', () => {
  it.each([
    ['none', {}, { type: 'none' }],
    ['bandit', { slackKind: 'slackFactor', slack: 0.2 }, { type: 'bandit', slackFactor: 0.2, evaluationInterval: 1, delayEvaluation: 5 }],
    ['bandit', { slackKind: 'slackAmount', slack: 0.1 }, { type: 'bandit', slackAmount: 0.1, evaluationInterval: 1, delayEvaluation: 5 }],
    ['medianStopping', {}, { type: 'medianStopping', evaluationInterval: 1, delayEvaluation: 5 }],
    [
      'truncationSelection',
      { truncationPercentage: 30, excludeFinishedRuns: true },
      { type: 'truncationSelection', truncationPercentage: 30, excludeFinishedRuns: true, evaluationInterval: 1, delayEvaluation: 5 },
    ],
    ['asha', { gracePeriod: 3 }, { type: 'asha', minResource: 1, reductionFactor: 3, gracePeriod: 3 }],
    ['hyperband', { reductionFactor: 2 }, { type: 'hyperband', minResource: 1, maxResource: 8, reductionFactor: 2 }],
    ['curveBound', { slopeFactor: 1.5 }, { type: 'curveBound', slopeFactor: 1.5, evaluationInterval: 1, delayEvaluation: 5 }],
  ] as const)('%s %j', (policyType, patch, expected) => {
    const f = fields({ policyType, ...patch });
    expect(policyOf(f)).toEqual(expected);
    // and the validated config carries exactly that policy
    expect(valid(f).policy).toEqual(expected);
  });

  it('only the chosen slack kind is written (a bandit needs exactly one)', () => {
    expect(Object.keys(policyOf(fields({ policyType: 'bandit', slackKind: 'slackAmount' })))).not.toContain('slackFactor');
  });
});

describe('validateDraft: bad values give a message naming the field', () => {
  // [patch, key the builder shows it under, the field named in the message]
  const cases: [string, Partial<DraftFields>, string, RegExp][] = [
    ['empty name', { name: '' }, 'name', /"name" must be a non-empty string/],
    ['empty max runs', { maxTotalRuns: null }, 'maxTotalRuns', /"maxTotalRuns" must be an integer in 1\.\.1000 \(got null\)/],
    ['zero max runs', { maxTotalRuns: 0 }, 'maxTotalRuns', /"maxTotalRuns".*got 0/],
    ['fractional max runs', { maxTotalRuns: 2.5 }, 'maxTotalRuns', /"maxTotalRuns".*got 2\.5/],
    ['too many concurrent runs', { maxConcurrentRuns: 500 }, 'maxConcurrentRuns', /"maxConcurrentRuns" must be an integer in 1\.\.100/],
    ['zero duration', { maxDurationMinutes: 0 }, 'maxDurationMinutes', /"maxDurationMinutes" must be a number > 0/],
    ['zero failed runs', { maxFailedRuns: 0 }, 'maxFailedRuns', /"maxFailedRuns"/],
    ['empty seed', { seed: null }, 'sampling', /"sampling\.seed" must be an integer/],
    ['negative seed', { seed: -1 }, 'sampling', /"sampling\.seed".*got -1/],
    ['negative slack', { policyType: 'bandit', slack: -1 }, 'policy', /"slackFactor" must be a finite number >= 0 \(got -1\)/],
    ['empty slack amount', { policyType: 'bandit', slackKind: 'slackAmount', slack: null }, 'policy', /"slackAmount".*got null/],
    ['empty evaluation interval', { policyType: 'medianStopping', evaluationInterval: null }, 'policy', /"evaluationInterval" must be an integer >= 0/],
    ['negative delay', { policyType: 'medianStopping', delayEvaluation: -2 }, 'policy', /"delayEvaluation".*got -2/],
    ['truncation 100%', { policyType: 'truncationSelection', truncationPercentage: 100 }, 'policy', /"truncationPercentage" must be an integer in 1\.\.99 \(got 100\)/],
    ['zero epochs', { fixed: { epochs: 0 } }, 'model', /"model\.hyperparameters\.epochs".*got 0/],
    ['empty metric name', { primaryMetricName: '' }, 'primaryMetricName', /"primaryMetricName"/],
    ['a metric with no implied goal needs one', { primaryMetricName: 'custom', primaryMetricGoal: undefined as never }, 'primaryMetricGoal', /"primaryMetricGoal" is required for metric "custom"/],
    ['six parents', { resumeFrom: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'resumeFrom', /"resumeFrom" must be a list of at most 5/],
    ['empty space', { spaceText: '' }, 'space', /"space"/],
    ['a parameter the models do not have', { spaceText: '"layers": choice(1, 2)' }, 'space', /"space" parameter "layers" is not a hyperparameter/],
  ];

  it.each(cases)('%s', (_what, patch, key, message) => {
    const result = validateDraft(draftJson(fields(patch), DATASET), 'classification');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.key).toBe(key);
    expect(result.message).toMatch(message);
    expect(result.message).not.toMatch(/^experiment file:/);
    // the field's own component shows it
    expect(errorFor(result, key)).toBe(result.message);
  });

  it('a space the space parser rejects is keyed to the space field too', () => {
    const result = validateDraft(draftJson(fields({ spaceText: '"units": uniform(5, 3)' }), DATASET), 'classification');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/"units".*low < high/) });
    expect(result.ok ? null : result.key).toBe('space');
  });

  it('without a metric in the file the task picks the default one (regression: val_mae, minimize)', () => {
    const json = draftJson(fields(), DATASET);
    delete json.primaryMetricName;
    delete json.primaryMetricGoal;
    expect(validateDraft(json, 'regression')).toMatchObject({ ok: true, config: { primaryMetricName: 'val_mae', primaryMetricGoal: 'minimize' } });
    expect(validateDraft(json, 'classification')).toMatchObject({ ok: true, config: { primaryMetricName: 'val_accuracy', primaryMetricGoal: 'maximize' } });
  });
});

describe('fieldsOf: an earlier experiment back in the form', () => {
  it.each([
    ['the demo', DEMO_EXPERIMENT],
    ['the SPEC example', SPEC_EXAMPLE],
    ['a bandit with slackAmount', { ...SPEC_EXAMPLE, policy: { type: 'bandit', slackAmount: 0.05, evaluationInterval: 2, delayEvaluation: 3 } }],
    ['a truncation policy', { ...SPEC_EXAMPLE, policy: { type: 'truncationSelection', truncationPercentage: 25, excludeFinishedRuns: true } }],
    ['no limits and parents', { space: DEMO_SPACE, resumeFrom: ['p1'], sampling: { type: 'bayesian', seed: 9 }, backend: 'wasm' }],
    ['a grid', { space: '{"units": choice(16, 32), "batch_size": choice(32, 64)}', sampling: { type: 'grid', seed: 9 } }],
  ])('%s: fields -> file -> config gives the same config', (_what, file) => {
    const config = parseExperimentConfig(file);
    expect(valid(fieldsOf(config))).toEqual(config);
  });

  it('a JSON-form space comes back as text that parses to the same space', () => {
    const space = { learning_rate: { type: 'loguniform', low: -9, high: -2 }, units: { type: 'choice', values: [32, 64] } };
    const config = parseExperimentConfig({ space });
    expect(typeof config.space).toBe('object');
    const f = fieldsOf(config);
    expect(typeof f.spaceText).toBe('string');
    expect(printSpace(experimentSpace({ space: f.spaceText }))).toBe(printSpace(experimentSpace(config)));
  });

  it('fills policy settings the current policy lacks with usable defaults, so switching policy gives a valid file', () => {
    const f = fieldsOf(parseExperimentConfig({ space: DEMO_SPACE }));
    expect(f).toMatchObject({ policyType: 'none', slack: 0.2, evaluationInterval: 1, delayEvaluation: 0, truncationPercentage: 20, maxConcurrentRuns: null });
    for (const policyType of ['bandit', 'medianStopping', 'truncationSelection'] as const) {
      expect(valid({ ...f, policyType }).policy.type).toBe(policyType);
    }
  });

  it('copies the fixed hyperparameters and parents rather than sharing them', () => {
    const config = parseExperimentConfig({ ...DEMO_EXPERIMENT, resumeFrom: ['p1'] });
    const f = fieldsOf(config);
    f.fixed.epochs = 99;
    f.resumeFrom.push('p2');
    expect(config.model.hyperparameters.epochs).toBe(8);
    expect(config.resumeFrom).toEqual(['p1']);
  });
});
