import { describe, expect, it } from 'vitest';
import { parsePolicyConfig } from '../../../src/core/policies';

describe('parsePolicyConfig: defaults', () => {
  it.each([
    [{ type: 'none' }, { type: 'none' }],
    [undefined, { type: 'none' }],
    [null, { type: 'none' }],
    [{ type: 'medianStopping' }, { type: 'medianStopping', evaluationInterval: 1, delayEvaluation: 0 }],
    [
      { type: 'medianStopping', evaluationInterval: 0, delayEvaluation: 5 },
      { type: 'medianStopping', evaluationInterval: 1, delayEvaluation: 5 },
    ],
    [
      { type: 'bandit', slackFactor: 0.2, evaluationInterval: 1, delayEvaluation: 5 },
      { type: 'bandit', slackFactor: 0.2, evaluationInterval: 1, delayEvaluation: 5 },
    ],
    [{ type: 'bandit', slackAmount: 0 }, { type: 'bandit', slackAmount: 0, evaluationInterval: 1, delayEvaluation: 0 }],
    [
      { type: 'truncationSelection', truncationPercentage: 20 },
      { type: 'truncationSelection', truncationPercentage: 20, excludeFinishedRuns: false, evaluationInterval: 1, delayEvaluation: 0 },
    ],
    [
      { type: 'truncationSelection', truncationPercentage: 99, excludeFinishedRuns: true, evaluationInterval: 3 },
      { type: 'truncationSelection', truncationPercentage: 99, excludeFinishedRuns: true, evaluationInterval: 3, delayEvaluation: 0 },
    ],
    [{ type: 'asha' }, { type: 'asha', minResource: 1, reductionFactor: 3, gracePeriod: 0 }],
    [{ type: 'asha', minResource: 2, reductionFactor: 2, gracePeriod: 4 }, { type: 'asha', minResource: 2, reductionFactor: 2, gracePeriod: 4 }],
    [{ type: 'hyperband', maxResource: 52 }, { type: 'hyperband', minResource: 1, maxResource: 52, reductionFactor: 3 }],
    [{ type: 'curveBound' }, { type: 'curveBound', slopeFactor: 1.25, evaluationInterval: 1, delayEvaluation: 2 }],
    [{ type: 'curveBound', slopeFactor: 2, delayEvaluation: 0 }, { type: 'curveBound', slopeFactor: 2, evaluationInterval: 1, delayEvaluation: 0 }],
  ])('%j -> %j', (json, expected) => {
    expect(parsePolicyConfig(json)).toEqual(expected);
  });

  it('returns plain JSON that parses back to itself', () => {
    const config = parsePolicyConfig({ type: 'bandit', slackAmount: 0.1, delayEvaluation: 2 });
    expect(parsePolicyConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });
});

describe('parsePolicyConfig: errors name the key, the rule and the value', () => {
  it.each([
    [{ type: 'bandit', slackFactor: 0.2, slackAmount: 0.1 }, ['slackFactor/slackAmount', 'exactly one', '"slackFactor":0.2', '"slackAmount":0.1']],
    [{ type: 'bandit' }, ['slackFactor/slackAmount', 'exactly one']],
    [{ type: 'bandit', slackFactor: -0.1 }, ['"slackFactor"', '>= 0', '(got -0.1)']],
    [{ type: 'bandit', slackAmount: -1 }, ['"slackAmount"', '>= 0', '(got -1)']],
    [{ type: 'bandit', slackFactor: '0.2' }, ['"slackFactor"', 'finite number', '(got "0.2")']],
    [{ type: 'truncationSelection', truncationPercentage: 0 }, ['"truncationPercentage"', 'integer in 1..99', '(got 0)']],
    [{ type: 'truncationSelection', truncationPercentage: 100 }, ['"truncationPercentage"', '1..99', '(got 100)']],
    [{ type: 'truncationSelection', truncationPercentage: 12.5 }, ['"truncationPercentage"', '(got 12.5)']],
    [{ type: 'truncationSelection' }, ['"truncationPercentage"', '(got undefined)']],
    [{ type: 'truncationSelection', truncationPercentage: 10, excludeFinishedRuns: 'yes' }, ['"excludeFinishedRuns"', 'true or false', '(got "yes")']],
    [{ type: 'medianStopping', evaluationInterval: -1 }, ['"evaluationInterval"', 'integer >= 0', '(got -1)']],
    [{ type: 'medianStopping', evaluationInterval: 1.5 }, ['"evaluationInterval"', '(got 1.5)']],
    [{ type: 'medianStopping', delayEvaluation: -5 }, ['"delayEvaluation"', 'integer >= 0', '(got -5)']],
    [{ type: 'bandit', slackFactor: 0.1, delayEvaluation: 2.5 }, ['"delayEvaluation"', '(got 2.5)']],
    [{ type: 'median' }, ['"type"', 'one of bandit, medianStopping, truncationSelection, asha, hyperband, curveBound, none', '(got "median")']],
    [{}, ['"type"', '(got undefined)']],
    [{ type: 'asha', minResource: 0 }, ['policy "asha"', '"minResource"', 'integer >= 1', '(got 0)']],
    [{ type: 'asha', reductionFactor: 1 }, ['policy "asha"', '"reductionFactor"', 'integer >= 2', '(got 1)']],
    [{ type: 'asha', reductionFactor: 2.5 }, ['"reductionFactor"', '(got 2.5)']],
    [{ type: 'asha', gracePeriod: -1 }, ['"gracePeriod"', 'integer >= 0', '(got -1)']],
    [{ type: 'asha', delayEvaluation: 5 }, ['"delayEvaluation"', 'not a setting', 'minResource, reductionFactor, gracePeriod']],
    [{ type: 'hyperband' }, ['policy "hyperband"', '"maxResource"', 'integer >= 1', '(got undefined)']],
    [{ type: 'hyperband', minResource: 4, maxResource: 3 }, ['"maxResource"', 'integer >= 4', '(got 3)']],
    [{ type: 'hyperband', maxResource: 27, reductionFactor: '3' }, ['"reductionFactor"', '(got "3")']],
    [{ type: 'curveBound', slopeFactor: -1 }, ['policy "curveBound"', '"slopeFactor"', 'finite number >= 0', '(got -1)']],
    [{ type: 'curveBound', gracePeriod: 2 }, ['"gracePeriod"', 'not a setting']],
    [{ type: 'medianStopping', slackFactor: 0.1 }, ['"slackFactor"', 'not a setting', '(got 0.1)']],
    [{ type: 'bandit', slackFactor: 0.1, delay: 5 }, ['"delay"', 'not a setting', 'delayEvaluation']],
    [{ type: 'none', delayEvaluation: 5 }, ['"delayEvaluation"', 'not a setting']],
    ['bandit', ['must be a JSON object', '(got "bandit")']],
    [[{ type: 'none' }], ['must be a JSON object']],
  ])('%j', (json, fragments) => {
    let error: unknown;
    try {
      parsePolicyConfig(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('InvalidConfigError');
    for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
  });
});
