import { describe, expect, it } from 'vitest';
import { backendText, progressView } from '../../../src/ui/state/progress';
import { config, run, view } from './helpers';

describe('progressView', () => {
  const runs = [
    run(0, [0.5, 0.6], { status: 'completed' }),
    run(1, [0.4], { status: 'stopped' }),
    run(2, [], { status: 'failed' }),
    run(3, [0.1, 0.2, 0.3], { status: 'running', params: { epochs: 12 } }),
    run(4, [0.1], { status: 'running', params: {} }),
    run(5, [], { status: 'queued' }),
    run(6, [0.2], { status: 'canceled' }),
    run(7, [0.2], { status: 'interrupted' }),
  ];

  it('counts runs done (every ended state), started, failed and stopped of the max', () => {
    const p = progressView(view(runs, { config: config({ maxTotalRuns: 30 }) }), 0);
    expect(p).toMatchObject({ done: 5, started: 8, max: 30, failed: 1, stopped: 1 });
  });

  it("lists each running run's intervals of the epochs it will log: its own, else the fixed, else the default", () => {
    const fixed = progressView(view(runs, { config: config({ model: { hyperparameters: { epochs: 8 } } }) }), 0);
    expect(fixed.running).toEqual([
      { id: 'run-3', number: 4, intervals: 3, expected: 12 },
      { id: 'run-4', number: 5, intervals: 1, expected: 8 },
    ]);
    const defaults = progressView(view(runs), 0);
    expect(defaults.running[1].expected).toBe(20);
  });

  it('a sampled fractional epochs count is rounded as training rounds it', () => {
    const p = progressView(view([run(0, [1], { status: 'running', params: { epochs: 7.6 } })]), 0);
    expect(p.running[0].expected).toBe(8);
  });

  it('time used runs to now while live, to the end once ended, and 0 before the start', () => {
    expect(progressView(view(runs, { startedAt: 10_000, live: true }), 70_000).elapsedMs).toBe(60_000);
    expect(progressView(view(runs, { startedAt: 10_000, endedAt: 40_000, live: false }), 70_000).elapsedMs).toBe(30_000);
    // a stored experiment that never recorded its end falls back to 0 rather than counting to now
    expect(progressView(view(runs, { startedAt: 10_000, live: false }), 70_000).elapsedMs).toBe(0);
    expect(progressView(view(runs, { live: true }), 70_000).elapsedMs).toBe(0);
  });

  it('max duration in ms when the experiment has one, null otherwise', () => {
    expect(progressView(view(runs, { config: config({ maxDurationMinutes: 15 }) }), 0).maxMs).toBe(900_000);
    expect(progressView(view(runs), 0).maxMs).toBeNull();
  });
});

describe('backendText: the backend measurement is visible while the first run waits for it', () => {
  it('says the backends are being measured while auto calibrates', () => {
    expect(backendText({ backend: null, calibrating: true })).toBe('measuring backends (webgpu, webgl, wasm, wasm-fused, cpu if wasm cannot train it)…');
  });

  it('lists each measured backend, fastest first, with the one chosen', () => {
    const calibration = [
      { backend: 'webgl', samplesPerSecond: 2950, seconds: 1 },
      { backend: 'wasm', samplesPerSecond: 6895, seconds: 1 },
      { backend: 'webgpu', samplesPerSecond: null, error: 'no adapter', seconds: 0 },
      { backend: 'cpu', samplesPerSecond: 612, seconds: 1 },
    ] as const;
    expect(backendText({ backend: 'wasm', calibration })).toBe('wasm (measured: wasm 6.9k samples/s, webgl 3.0k samples/s, cpu 612 samples/s, webgpu failed)');
  });

  it('is the backend alone when it was forced, and null before one is known', () => {
    expect(backendText({ backend: 'cpu' })).toBe('cpu');
    expect(backendText({ backend: null })).toBeNull();
  });
});
