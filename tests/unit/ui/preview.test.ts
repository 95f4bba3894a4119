import { describe, expect, it } from 'vitest';
import { parseSpace, type Expression } from '../../../src/core/space';
import { previewExpression, previewOfText, type DistributionPreview } from '../../../src/ui/state/preview';

function expr(text: string): Expression {
  return parseSpace(`"x": ${text}`).parameters[0].expression;
}

function preview(text: string): DistributionPreview {
  const p = previewOfText('x', text);
  expect(p).not.toBeNull();
  return p!;
}

/** The numeric edges of a histogram bar label `a..b`. */
function edges(label: string): [number, number] {
  const [a, b] = label.split('..').map(Number);
  return [a, b];
}

describe('previewExpression: continuous forms as histograms in real units', () => {
  it('loguniform(-9, -2) spans e^-9..e^-2 on a log axis, as the issue promises (1.234e-4..0.1353)', () => {
    const p = preview('loguniform(-9, -2)');
    expect(p).toMatchObject({ low: '1.234e-4', high: '0.1353', log: true });
    expect(p.summary).toBe('continuous, e^-9..e^-2 = 1.234e-4..0.1353');
    expect(p.bars).toHaveLength(24);
    expect(edges(p.bars[0].label)[0]).toBeCloseTo(Math.exp(-9), 7);
    expect(edges(p.bars[23].label)[1]).toBeCloseTo(Math.exp(-2), 3);
  });

  it('log-axis bins have equal ratios, so a loguniform looks flat (no bin is nearly empty)', () => {
    const p = preview('loguniform(-9, -2)');
    const ratios = p.bars.map((b) => edges(b.label)[1] / edges(b.label)[0]);
    const expected = Math.exp(7 / 24);
    for (const r of ratios) expect(r).toBeCloseTo(expected, 2);
    // On a linear axis almost every sample would fall in the first bins; on the log axis each bin holds a fair share.
    expect(Math.min(...p.bars.map((b) => b.height))).toBeGreaterThan(0.3);
  });

  it('uniform(0.5, 1) uses a linear axis with equal-width bins over exactly its bounds', () => {
    const p = preview('uniform(0.5, 1)');
    expect(p).toMatchObject({ low: '0.5', high: '1', log: false });
    const widths = p.bars.map((b) => edges(b.label)[1] - edges(b.label)[0]);
    for (const w of widths) expect(w).toBeCloseTo(0.5 / 24, 3);
    expect(edges(p.bars[0].label)[0]).toBe(0.5);
    expect(edges(p.bars[23].label)[1]).toBe(1);
    expect(Math.min(...p.bars.map((b) => b.height))).toBeGreaterThan(0.3);
  });

  it('heights are relative to the tallest bar', () => {
    for (const text of ['uniform(0, 1)', 'normal(0, 1)', 'lognormal(0, 1)', 'loguniform(-9, -2)']) {
      const heights = preview(text).bars.map((b) => b.height);
      expect(Math.max(...heights)).toBe(1);
      expect(heights.every((h) => h >= 0 && h <= 1)).toBe(true);
    }
  });

  it('normal(0, 1) shows its central ~98% on a linear axis, peaked in the middle', () => {
    const p = preview('normal(0, 1)');
    expect(p.log).toBe(false);
    expect(Number(p.low)).toBeGreaterThan(-2.8);
    expect(Number(p.low)).toBeLessThan(-1.9);
    expect(Number(p.high)).toBeGreaterThan(1.9);
    expect(Number(p.high)).toBeLessThan(2.8);
    const h = p.bars.map((b) => b.height);
    const middle = Math.max(...h.slice(9, 15));
    expect(middle).toBeGreaterThan(3 * Math.max(h[0], h[23]));
  });

  it('lognormal is a log expression: log axis with positive ends', () => {
    const p = preview('lognormal(0, 1)');
    expect(p.log).toBe(true);
    expect(Number(p.low)).toBeGreaterThan(0);
    expect(Number(p.low)).toBeLessThan(1);
    expect(Number(p.high)).toBeGreaterThan(5);
  });
});

describe('previewExpression: discrete forms as one bar per value', () => {
  it('choice draws every value once, in the order written', () => {
    const p = preview('choice(16, 32, 64, 128)');
    expect(p.bars).toEqual([16, 32, 64, 128].map((v) => ({ height: 1, label: String(v) })));
    expect(p).toMatchObject({ low: '16', high: '128', log: false, summary: 'discrete, 4 values: 16, 32, 64, 128' });
  });

  it('string choices keep their text', () => {
    expect(preview('choice("relu", "tanh")').bars.map((b) => b.label)).toEqual(['relu', 'tanh']);
  });

  it('quniform(0, 1, 0.3) shows the multiples of q it can produce, sorted, not a histogram', () => {
    const p = preview('quniform(0, 1, 0.3)');
    expect(p.bars.map((b) => b.label)).toEqual(['0', '0.3', '0.6', '0.9']);
    expect(p).toMatchObject({ low: '0', high: '0.9', log: false });
    // 0 and 0.9 get half-width intervals of the uniform, so they are shorter than 0.3 and 0.6.
    expect(p.bars[0].height).toBeLessThan(p.bars[1].height);
  });

  it('randint(5) shows the integers 0..4 with roughly equal bars', () => {
    const p = preview('randint(5)');
    expect(p.bars.map((b) => b.label)).toEqual(['0', '1', '2', '3', '4']);
    expect(Math.min(...p.bars.map((b) => b.height))).toBeGreaterThan(0.7);
  });

  it('a choice with more values than bars shows its real last value at the axis end', () => {
    const p = preview('choice(range(1, 100))');
    expect(p.summary).toMatch(/99 values/);
    expect(p.high).toBe('99');
  });

  it('qloguniform is bounded: its axis ends at its bounds in real units, as the summary says', () => {
    const p = preview('qloguniform(0, 5, 1)');
    expect(p.summary).toMatch(/from 1 to 148/);
    expect(p.high).toBe('148');
  });
});

describe('previewExpression: seeded', () => {
  const cases = ['uniform(0, 1)', 'loguniform(-9, -2)', 'normal(0, 1)', 'quniform(0, 1, 0.3)', 'qlognormal(0, 1, 1)'];

  it.each(cases)('%s: the same seed gives the same preview', (text) => {
    expect(previewExpression(expr(text), 7)).toEqual(previewExpression(expr(text), 7));
  });

  it.each(cases)('%s: another seed gives other bars', (text) => {
    expect(previewExpression(expr(text), 1).bars).not.toEqual(previewExpression(expr(text), 2).bars);
  });

  it('previewOfText is the seed-1 preview of the parsed expression', () => {
    expect(previewOfText('learning_rate', 'loguniform(-9, -2)')).toEqual(previewExpression(expr('loguniform(-9, -2)'), 1));
  });
});

describe('previewOfText', () => {
  it.each([
    ['uniform(5, 3)', 'low >= high'],
    ['chice(1, 2)', 'unknown function'],
    ['choice()', 'empty choice'],
    ['uniform(0, 1', 'unclosed call'],
  ])('is null for %s (%s): the problem shows under the line instead', (text) => {
    expect(previewOfText('x', text)).toBeNull();
  });

  it('works with a name not yet typed', () => {
    expect(previewOfText('', 'uniform(1, 2)')).toMatchObject({ low: '1', high: '2' });
  });
});
