/** Public face of the engine core: pure TypeScript, no DOM, tfjs, idb, comlink or Svelte. */
export * from './types';
export * from './errors';
export * from './rng';
export * from './goal';
export * from './data';
export * from './space';
export * from './policies';
export * from './sampling';
export * from './scheduler';
export * from './analysis';
