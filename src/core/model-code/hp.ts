/**
 * The `hp` object a model module reads: the run's values (the space's parameters and the fixed
 * `model.hyperparameters`). Reading a name it does not hold is an error that names the parameter
 * and lists the defined ones, so a typo fails the run with a clear reason instead of training
 * with `undefined` (Keras Tuner's `hp.get` raises the same way).
 */
import type { ParamValue, ParamValues } from '../types';

/** Thrown when model code reads a parameter the experiment does not define. */
export class UndefinedParameterError extends Error {
  constructor(name: string, defined: readonly string[]) {
    const list = defined.length > 0 ? defined.join(', ') : 'none';
    super(`hp.${name}: parameter "${name}" is not defined by the parameter space or model.hyperparameters (defined: ${list})`);
    this.name = 'UndefinedParameterError';
  }
}

/** Names every object has; reading them (JSON.stringify, template literals, `await`) is not a parameter read. */
const PASS_THROUGH = new Set(['toJSON', 'then', 'toString', 'valueOf', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']);

/**
 * A read-only view of `values` that throws {@link UndefinedParameterError} on an unknown name.
 * `Object.keys(hp)`, `'x' in hp` and `{...hp}` see exactly the defined names.
 */
export function hpView(values: Readonly<Record<string, ParamValue>>): Readonly<ParamValues> {
  const target: Record<string, ParamValue> = { ...values };
  const defined = Object.keys(target);
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol' || key in object || PASS_THROUGH.has(key)) return Reflect.get(object, key, receiver);
      throw new UndefinedParameterError(key, defined);
    },
    set(_object, key) {
      throw new TypeError(`hp is read-only (tried to set "${String(key)}")`);
    },
    deleteProperty(_object, key) {
      throw new TypeError(`hp is read-only (tried to delete "${String(key)}")`);
    },
  });
}
