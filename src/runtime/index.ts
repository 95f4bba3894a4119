/**
 * The runtime (browser face): the worker pool, the host that performs scheduler commands, and
 * automatic backend choice. Node's worker threads come from `./node` (kept out of page bundles).
 */
export { ExperimentHost, type HostOptions, type HostSnapshot, type HostStore, type RunStats } from './host';
export { WorkerPool, concurrencyInfo, defaultPoolSize, MAX_POOL_SIZE, SHARED_GPU_WORKERS, trainingWorkers, type ConcurrencyInfo } from './pool';
export { BackendChooser, DEFAULT_CALIBRATION, fastestBackend, type CalibrationSettings } from './backend-choice';
export { schedulerConfigOf, schedulerDepsOf } from './prepare';
export { Utilization, type UtilizationReport } from './utilization';
export { modelJson, tensorsOf } from './results';
export { spawnBrowserWorker } from './browser-worker';
export { inlineSamplerRunner, workerSamplerRunner, type SamplerRunner } from './sampler-runner';
export type { SpawnWorker, WorkerHandle } from './worker-handle';
export type {
  CalibrationResult,
  EpochLog,
  ModelCheckpoint,
  RunWorkerApi,
  TrainingBackend,
  TrainRequest,
  TrainResult,
  WeightSpec,
} from '../protocol';
