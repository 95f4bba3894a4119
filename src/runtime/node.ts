/** The runtime's Node face: everything in `./index` except browser workers, plus worker threads. */
export { ExperimentHost, type HostOptions, type HostSnapshot, type HostStore, type RunStats } from './host';
export { WorkerPool, concurrencyInfo, defaultPoolSize, SHARED_GPU_WORKERS, trainingWorkers, type ConcurrencyInfo } from './pool';
export { BackendChooser, DEFAULT_CALIBRATION, fastestBackend, type CalibrationSettings } from './backend-choice';
export { schedulerConfigOf, schedulerDepsOf } from './prepare';
export { Utilization, type UtilizationReport } from './utilization';
export { nodeWorkerSpawner } from './node-worker';
export type { SpawnWorker, WorkerHandle } from './worker-handle';
export type { CalibrationResult, ModelCheckpoint, TrainResult, WeightSpec } from '../protocol';
