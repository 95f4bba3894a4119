/** Public face of persistence: the `tabtune` IndexedDB database and its store writers. */
export * from './db';
export * from './datasets-store';
