/**
 * Public face of persistence: the `tabtune` IndexedDB database, its store writers (one per store),
 * the recorder that writes a running experiment, recovery after a closed tab, resume, warm start,
 * two-tab coordination, storage quota, and export / import of one experiment.
 */
export * from './db';
export * from './datasets-store';
export * from './experiments-store';
export * from './runs-store';
export * from './metrics-store';
export * from './checkpoints-store';
export * from './recorder';
export * from './recovery';
export * from './resume';
export * from './new-experiment';
export * from './warm-start';
export * from './tab-lock';
export * from './live-channel';
export * from './quota';
export * from './transfer';
