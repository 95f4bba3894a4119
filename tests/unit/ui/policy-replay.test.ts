import { describe, expect, it } from 'vitest';
import { POLICY_CATALOG } from '../../../src/core/policies';
import { replayOutcome, starterPolicy } from '../../../src/ui/state/policy-replay.svelte';
import { SPEC_EXAMPLE } from '../../fixtures/spec-example';
import { parseExperimentConfig } from '../../../src/core/experiment';
import type { RunRecord } from '../../../src/core/scheduler';

const config = parseExperimentConfig({ ...SPEC_EXAMPLE, maxConcurrentRuns: 1 });

function run(index: number, values: number[], status: RunRecord['status'] = 'completed'): RunRecord {
  return { id: `r${index}`, experimentId: 'e', index, params: {}, status, queuedAt: 0, metrics: { val_accuracy: values }, intervals: values.length };
}

describe('what would a policy have saved', () => {
  // Three good runs, then two poor ones that a median rule stops after its delay.
  const runs = [run(0, [0.5, 0.7, 0.8, 0.9]), run(1, [0.5, 0.7, 0.8, 0.85]), run(2, [0.6, 0.75, 0.8, 0.88]), run(3, [0.1, 0.1, 0.1, 0.1]), run(4, [0.2, 0.2, 0.2, Number.NaN], 'failed')];

  it('replays the logged curves through the live decision code and says what it saved and kept', () => {
    const outcome = replayOutcome({ runs, config }, '{"type":"medianStopping","evaluationInterval":1,"delayEvaluation":1}');
    // r3 stops at interval 1 (3 intervals saved of 4); r4's curve ends at its NaN (3 values) and stops at 1 (2 saved).
    expect(outcome).toMatchObject({ stopped: 2, runs: 5, bestWith: 0.9, bestWithout: 0.9 });
    expect(outcome.saved).toBeCloseTo(5 / 19, 10);
    expect(outcome.text).toBe('medianStopping would have stopped 2 of 5 runs and saved 26% of the intervals, with the same best value.');
  });

  it('says when the policy would have lost the best run', () => {
    const late = [run(0, [0.5, 0.6, 0.7, 0.75]), run(1, [0.1, 0.2, 0.3, 0.95])];
    const outcome = replayOutcome({ runs: late, config }, '{"type":"bandit","slackAmount":0.1}');
    expect(outcome.text).toBe('bandit would have stopped 1 of 2 runs and saved 38% of the intervals, with best val_accuracy 0.75 instead of 0.95: it would have stopped the best run.');
  });

  it('names a bad policy instead of crashing', () => {
    expect(() => replayOutcome({ runs, config }, '{"type":"asha","reductionFactor":1}')).toThrow(/"reductionFactor" must be an integer >= 2 \(got 1\)/);
    expect(() => replayOutcome({ runs, config }, '{type')).toThrow(/^policy: not valid JSON/);
    expect(() => replayOutcome({ runs: [run(0, [], 'failed')], config }, '{"type":"none"}')).toThrow('no run has logged val_accuracy yet');
  });

  it('fills a policy\'s required settings from the experiment (hyperband: maxResource = the longest run)', () => {
    const hyperband = POLICY_CATALOG.find((e) => e.type === 'hyperband')!;
    expect(JSON.parse(starterPolicy(hyperband, { runs }))).toMatchObject({ type: 'hyperband', maxResource: 4 });
  });
});
