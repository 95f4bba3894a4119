/** From an experiment file to what the scheduler needs: its config and its space, sampler and policy. */
import { experimentSpace, type ExperimentConfig } from '../core/experiment';
import { createPolicy } from '../core/policies';
import { createSampler } from '../core/sampling';
import type { PriorRun, SchedulerConfig, SchedulerDeps } from '../core/scheduler';

/** The scheduler's view of `config`. */
export function schedulerConfigOf(config: ExperimentConfig, experimentId: string, priors: readonly PriorRun[] = []): SchedulerConfig {
  return {
    experimentId,
    primaryMetricName: config.primaryMetricName,
    goal: config.primaryMetricGoal,
    seed: config.sampling.seed,
    maxTotalRuns: config.maxTotalRuns,
    ...(config.maxConcurrentRuns !== undefined ? { maxConcurrentRuns: config.maxConcurrentRuns } : {}),
    ...(config.maxDurationMinutes !== undefined ? { maxDurationMinutes: config.maxDurationMinutes } : {}),
    ...(config.maxFailedRuns !== undefined ? { maxFailedRuns: config.maxFailedRuns } : {}),
    ...(priors.length > 0 ? { priors } : {}),
  };
}

/** The space, sampler and policy of `config` (InvalidSpaceError / InvalidConfigError when broken). */
export function schedulerDepsOf(config: ExperimentConfig): SchedulerDeps {
  return {
    space: experimentSpace(config),
    sampler: createSampler(config.sampling.type),
    policy: createPolicy(config.policy, config.primaryMetricName),
  };
}
