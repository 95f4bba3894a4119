/** The ask/tell engine without a process: protocol semantics on plain objects. */
import { describe, expect, it } from 'vitest';
import { createAskTellSession } from '../../../src/core/sampling';

const SPACE = '{"x": uniform(-5, 10), "y": uniform(0, 15)}';

describe('ask/tell engine', () => {
  it('gives the same runs for the same seed and different ones for another seed', () => {
    const params = (seed: number) => {
      const s = createAskTellSession();
      s.handle({ op: 'create', space: SPACE, sampling: 'bayesian', seed });
      return [0, 1, 2].map(() => s.handle({ op: 'ask' }).params);
    };
    expect(params(3)).toEqual(params(3));
    expect(params(3)).not.toEqual(params(4));
  });

  it('gives runs in flight different configurations with bayesian sampling past the initial design', () => {
    const s = createAskTellSession();
    s.handle({ op: 'create', space: SPACE, sampling: 'bayesian', seed: 1 });
    for (let i = 0; i < 8; i++) {
      const { run, params } = s.handle({ op: 'ask' }) as { run: number; params: { x: number; y: number } };
      s.handle({ op: 'tell', run, value: (params.x - 2) ** 2 + (params.y - 5) ** 2 });
    }
    const flying = [0, 1, 2, 3].map(() => s.handle({ op: 'ask' }).params as { x: number; y: number });
    for (let i = 0; i < flying.length; i++) {
      for (let j = 0; j < i; j++) {
        const distance = Math.hypot(flying[i].x - flying[j].x, flying[i].y - flying[j].y);
        expect(distance).toBeGreaterThan(1e-3);
      }
    }
  });

  it('answers blank lines with nothing and bad JSON with an error line', () => {
    const s = createAskTellSession();
    expect(s.handleLine('   ')).toBeNull();
    expect(JSON.parse(s.handleLine('{') as string)).toMatchObject({ ok: false });
  });

  it('rejects telling a run twice and reporting after the end', () => {
    const s = createAskTellSession();
    s.handle({ op: 'create', space: SPACE });
    s.handle({ op: 'ask' });
    expect(s.handle({ op: 'tell', run: 0, value: 1 })).toEqual({ ok: true });
    expect(s.handle({ op: 'tell', run: 0, value: 2 })).toMatchObject({ ok: false, error: expect.stringMatching(/already completed/) });
    expect(s.handle({ op: 'report', run: 0, value: 2 })).toMatchObject({ ok: false });
    expect(s.handle({ op: 'tell', run: 0, status: 'failed', value: 1 })).toMatchObject({ ok: false });
  });

  it('needs a value to complete a run that never reported, and uses the best report otherwise', () => {
    const s = createAskTellSession();
    s.handle({ op: 'create', space: SPACE, goal: 'minimize' });
    s.handle({ op: 'ask' });
    s.handle({ op: 'ask' });
    expect(s.handle({ op: 'tell', run: 0 })).toMatchObject({ ok: false, error: expect.stringMatching(/value/) });
    s.handle({ op: 'report', run: 1, value: 3 });
    s.handle({ op: 'report', run: 1, value: 2 });
    s.handle({ op: 'report', run: 1, value: 4 });
    expect(s.handle({ op: 'tell', run: 1 })).toEqual({ ok: true });
    expect(s.handle({ op: 'best' })).toMatchObject({ run: 1, value: 2 });
  });

  it('scores a run as the scheduler does: the told value is its last interval, NaN is never its score', () => {
    const s = createAskTellSession();
    s.handle({ op: 'create', space: SPACE, goal: 'maximize' });
    s.handle({ op: 'ask' });
    s.handle({ op: 'ask' });
    s.handle({ op: 'report', run: 0, value: Number.NaN });
    expect(s.handle({ op: 'tell', run: 0 })).toMatchObject({ ok: false, error: expect.stringMatching(/"value" is required/) });
    s.handle({ op: 'report', run: 1, value: 0.8 });
    expect(s.handle({ op: 'tell', run: 1, value: 0.6 })).toEqual({ ok: true });
    expect(s.handle({ op: 'tell', run: 0, value: 0.7 })).toEqual({ ok: true });
    expect(s.handle({ op: 'best' })).toMatchObject({ run: 1, value: 0.8 });
  });

  it('returns an empty best before any run finished', () => {
    const s = createAskTellSession();
    s.handle({ op: 'create', space: SPACE });
    expect(s.handle({ op: 'best' })).toEqual({ run: null, params: null, value: null });
  });
});
