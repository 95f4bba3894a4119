/**
 * Values made once per pair of objects (a space or encoding, and a configuration) and dropped with
 * either: what samplers compute again and again for the same history entries.
 */
export class PairMemo<A extends object, B extends object, V> {
  private readonly byFirst = new WeakMap<A, WeakMap<B, V>>();

  /** The value for (a, b), made by `make` the first time. */
  get(a: A, b: B, make: () => V): V {
    let inner = this.byFirst.get(a);
    if (!inner) {
      inner = new WeakMap();
      this.byFirst.set(a, inner);
    }
    if (inner.has(b)) return inner.get(b) as V;
    const value = make();
    inner.set(b, value);
    return value;
  }
}
