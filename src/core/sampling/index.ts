/**
 * Sampling (SPEC section 2): "what to try next?" Random, grid and Bayesian samplers behind one
 * interface, `suggest(request, createRng(seed, index))`, plus the ask/tell engine that drives an
 * experiment from outside (`tabtune ask-tell`).
 */
export type * from './types';
export { createSampler } from './factory';
export { createRandomSampler } from './random';
export { createGridSampler } from './grid';
export { createBayesianSampler } from './bayesian';
export { configKey } from './key';
export { createAskTellSession, type AskTellSession } from './ask-tell';
export { fitModel, suggestBatch, type HistorySnapshot, type SuggestBatch } from './batch';
