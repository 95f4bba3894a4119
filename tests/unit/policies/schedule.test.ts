import { describe, expect, it } from 'vitest';
import { shouldEvaluate, type PolicyConfig } from '../../../src/core/policies';

const acting = (config: PolicyConfig, upTo = 12) =>
  Array.from({ length: upTo }, (_, i) => i + 1).filter((n) => shouldEvaluate(config, n));

describe('shouldEvaluate: N % evaluationInterval == 0 and N >= delayEvaluation', () => {
  it.each([
    [{ evaluationInterval: 2, delayEvaluation: 5 }, [6, 8, 10, 12]],
    [{ evaluationInterval: 1, delayEvaluation: 5 }, [5, 6, 7, 8, 9, 10, 11, 12]],
    [{ evaluationInterval: 1, delayEvaluation: 0 }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    [{ evaluationInterval: 0, delayEvaluation: 0 }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    [{}, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    [{ evaluationInterval: 3 }, [3, 6, 9, 12]],
    [{ evaluationInterval: 3, delayEvaluation: 6 }, [6, 9, 12]],
    [{ evaluationInterval: 5, delayEvaluation: 11 }, []],
  ])('%j acts at %j', (schedule, expected) => {
    expect(acting({ type: 'medianStopping', ...schedule })).toEqual(expected);
    expect(acting({ type: 'bandit', slackFactor: 0.1, ...schedule })).toEqual(expected);
    expect(acting({ type: 'truncationSelection', truncationPercentage: 10, ...schedule })).toEqual(expected);
  });

  it('never acts for the none policy, nor at interval 0 or fractional intervals', () => {
    expect(acting({ type: 'none' })).toEqual([]);
    expect(shouldEvaluate({ type: 'medianStopping' }, 0)).toBe(false);
    expect(shouldEvaluate({ type: 'medianStopping' }, 2.5)).toBe(false);
  });
});
