import { describe, expect, it } from 'vitest';
import { detCos2Pi, detExp, detLog } from '../../src/core/det-math';
import { createRng } from '../../src/core/rng';
import { parseSpace, sampleSpace } from '../../src/core/space';
import { COS_GOLDEN, DET_MATH_GOLDEN } from '../fixtures/det-math-golden';
import { RNG_GOLDEN, SAMPLE_GOLDEN, drawGolden } from '../fixtures/rng-golden';

// The same literals are asserted by the unit tests in Node: together they prove that a seed gives
// bit-identical numbers (and so identical suggestions) in Node and in Chromium, even though the
// two V8 versions' Math.exp / Math.log / Math.cos differ in the last bit.
describe('seeded randomness in Chromium matches Node', () => {
  it.each(RNG_GOLDEN.map((c) => [`seed ${c.seed} stream ${c.stream}`, c] as const))('PRNG draws for %s', (_label, golden) => {
    const { seed, stream, ...expected } = golden;
    expect(drawGolden(createRng(seed, stream))).toEqual(expected);
  });

  it('space sampling of every expression gives the pinned configurations', () => {
    const space = parseSpace(SAMPLE_GOLDEN.text);
    const runs = SAMPLE_GOLDEN.runs.map((_, i) => sampleSpace(space, createRng(SAMPLE_GOLDEN.seed, i)));
    expect(runs).toEqual(SAMPLE_GOLDEN.runs);
  });

  it('deterministic exp / log / cos give the pinned doubles', () => {
    expect(DET_MATH_GOLDEN.map(([fn, x]) => (fn === 'exp' ? detExp(x) : detLog(x)))).toEqual(DET_MATH_GOLDEN.map(([, , y]) => y));
    expect(COS_GOLDEN.map(([v]) => detCos2Pi(v))).toEqual(COS_GOLDEN.map(([, y]) => y));
  });
});
