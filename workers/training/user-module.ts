/**
 * Loads the user's model module inside a training worker, never on the page: in a browser worker
 * from a blob: URL, in a Node worker thread from a data: URL. The module is evaluated once per
 * worker and source (a worker that threw is replaced, so a broken module state does not linger).
 */
import type { ModelModule } from '../../src/core/model-code';

/** The contract's functions as the worker calls them (types for users are in the README). */
export interface UserModule {
  readonly build: (hp: unknown, ctx: unknown) => unknown;
  readonly fit?: (hp: unknown, model: unknown, ctx: unknown) => unknown;
  /** The URL the code runs from; stack frames with it are renamed to the user's file name. */
  readonly url: string;
}

const loaded = new Map<string, Promise<UserModule>>();

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

function urlOf(source: string): string {
  if (isNode()) return `data:text/javascript;base64,${Buffer.from(source, 'utf8').toString('base64')}`;
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

/** Thrown when the module has no usable `build` (or a `fit` that is not a function). */
export class ModelModuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelModuleError';
  }
}

async function importModule(module: ModelModule): Promise<UserModule> {
  const url = urlOf(module.source);
  const exports = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  if (typeof exports.build !== 'function') {
    throw new ModelModuleError(`model module "${module.name}" exports no function "build" (got ${typeof exports.build})`);
  }
  if (exports.fit !== undefined && typeof exports.fit !== 'function') {
    throw new ModelModuleError(`model module "${module.name}": "fit" must be a function (got ${typeof exports.fit})`);
  }
  return { build: exports.build as UserModule['build'], fit: exports.fit as UserModule['fit'], url };
}

/** The module's exports, evaluated once per source in this worker. */
export function loadUserModule(module: ModelModule): Promise<UserModule> {
  const key = `${module.name}\n${module.source}`;
  let entry = loaded.get(key);
  if (!entry) {
    entry = importModule(module);
    loaded.set(key, entry);
    // A module that failed to evaluate is tried again by the next run (after the worker is replaced anyway).
    entry.catch(() => loaded.delete(key));
  }
  return entry;
}
